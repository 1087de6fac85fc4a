// CLI commands of the returns area: `return` writes a funder return workbook (the same one the
// screen exports, audited with its purpose) and `stats` prints the headline figures for a period.
import fs from 'node:fs';
import path from 'node:path';
import { CLI_CLIENT, unwrap, type CliCommand } from './command';
import { parseUkDate } from '../../shared/domain/dates';
import { findSetByCode } from '../features/returns/indicator-sets.repository';

function dateOption(value: unknown, name: string, io: { err(t: string): void }): string | null {
  if (typeof value !== 'string') {
    io.err(`--${name} is required (a date such as 01/04/2025 or 2025-04-01).`);
    return null;
  }
  const iso = parseUkDate(value);
  if (!iso) io.err(`--${name} "${value}" is not a date; use day/month/year, e.g. 01/04/2025.`);
  return iso;
}

export const returnCommand: CliCommand = {
  name: 'return',
  summary: 'Write a funder return workbook for an indicator set and period',
  usage: 'return --set <code> --from <date> --to <date> --out <file.xlsx> [--purpose "..."] [--json]',
  options: {
    set: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    out: { type: 'string' },
    purpose: { type: 'string' },
    json: { type: 'boolean' },
  },
  async run({ values }, backend, io) {
    const from = dateOption(values.from, 'from', io);
    const to = dateOption(values.to, 'to', io);
    if (!from || !to) return 2;
    if (typeof values.set !== 'string') {
      io.err('--set is required, e.g. --set UKSPF-PS');
      return 2;
    }
    if (typeof values.out !== 'string' || !values.out.toLowerCase().endsWith('.xlsx')) {
      io.err('--out is required and must end in .xlsx');
      return 2;
    }
    const set = await findSetByCode(backend.store.db, values.set);
    if (!set) {
      const sets = unwrap(await backend.call(CLI_CLIENT, 'returns.sets', {}), io);
      io.err(`No indicator set "${values.set}". Sets: ${sets.map((s) => s.code).join(', ')}`);
      return 2;
    }
    const computed = unwrap(await backend.call(CLI_CLIENT, 'returns.compute', { setId: set.id, from, to }), io);
    const purpose =
      typeof values.purpose === 'string'
        ? values.purpose
        : `Return for ${set.funderName} produced from the command line`;
    const file = unwrap(await backend.call(CLI_CLIENT, 'returns.export', { setId: set.id, from, to, purpose }), io);
    const out = path.resolve(values.out);
    fs.writeFileSync(`${out}.tmp`, file.bytes);
    fs.renameSync(`${out}.tmp`, out);
    if (values.json) {
      io.out(
        JSON.stringify(
          {
            file: out,
            set: set.code,
            version: computed.version,
            from,
            to,
            period: computed.periodLabel,
            indicators: computed.indicators.map(({ code, title, unit, count }) => ({ code, title, unit, count })),
            warnings: computed.warningCounts,
          },
          null,
          2,
        ),
      );
    } else {
      io.out(`${set.name} v${computed.version}, ${computed.periodLabel}`);
      for (const i of computed.indicators) io.out(`  ${i.code.padEnd(10)} ${String(i.count).padStart(7)}  ${i.title}`);
      for (const [kind, n] of Object.entries(computed.warningCounts ?? {}))
        io.out(`  warning: ${n} × ${kind.replace(/_/g, ' ')}`);
      io.out(`Written ${out} (${file.rows ?? 0} claim lines)`);
    }
    return 0;
  },
};

export const statsCommand: CliCommand = {
  name: 'stats',
  summary: 'Print the headline figures for a period',
  usage: 'stats --from <date> --to <date> [--json]',
  options: { from: { type: 'string' }, to: { type: 'string' }, json: { type: 'boolean' } },
  async run({ values }, backend, io) {
    const from = dateOption(values.from, 'from', io);
    const to = dateOption(values.to, 'to', io);
    if (!from || !to) return 2;
    const d = unwrap(await backend.call(CLI_CLIENT, 'returns.dashboard', { from, to }), io);
    if (values.json) {
      io.out(
        JSON.stringify(
          {
            from: d.from,
            to: d.to,
            period: d.periodLabel,
            headline: d.headline.map(({ code, title, unit, count }) => ({ code, title, unit, count })),
            funnel: d.funnel.map(({ key, label, count }) => ({ key, label, count })),
          },
          null,
          2,
        ),
      );
    } else {
      io.out(`Stevenage Works headline figures, ${d.periodLabel}`);
      for (const h of d.headline) io.out(`  ${String(h.count).padStart(7)}  ${h.title}`);
    }
    return 0;
  },
};
