// CLI commands of the returns area: `return` writes a funder's aggregate return workbook (and, with
// --evidence, the evidence pack: the same files the screen exports, audited with their purpose) and
// prints per indicator the count, cumulative, target, profile and variance; `stats` prints the
// headline figures for a period.
import fs from 'node:fs';
import path from 'node:path';
import { CLI_CLIENT, unwrap, type CliCommand } from './command';
import { parseUkDate } from '../../shared/domain/dates';
import { findSetByCode } from '../features/returns/indicator-sets.repository';
import { exportToEnd } from '../features/export/export-job';

export function dateOption(value: unknown, name: string, io: { err(t: string): void }): string | null {
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
  usage:
    'return --set <code> --from <date> --to <date> --out <file.xlsx> [--evidence <file.xlsx>] [--purpose "..."] [--json]',
  options: {
    set: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    out: { type: 'string' },
    evidence: { type: 'string' },
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
    if (
      values.evidence !== undefined &&
      (typeof values.evidence !== 'string' || !values.evidence.toLowerCase().endsWith('.xlsx'))
    ) {
      io.err('--evidence must name a file ending in .xlsx');
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
    for (const m of computed.agreement.messages) io.err(m);
    if (computed.agreement.status === 'outside') return 1;
    const write = async (part: 'aggregate' | 'evidence', name: string) => {
      const file = unwrap(
        await exportToEnd(backend, CLI_CLIENT, 'returns.export', { setId: set.id, from, to, purpose, part }),
        io,
      );
      const out = path.resolve(name);
      fs.writeFileSync(`${out}.tmp`, file.bytes);
      fs.renameSync(`${out}.tmp`, out);
      return { out, rows: file.rows ?? 0 };
    };
    const aggregate = await write('aggregate', values.out);
    const evidence = typeof values.evidence === 'string' ? await write('evidence', values.evidence) : null;
    if (values.json) {
      io.out(
        JSON.stringify(
          {
            file: aggregate.out,
            evidenceFile: evidence?.out ?? null,
            set: set.code,
            funder: set.funderName,
            version: computed.version,
            from,
            to,
            period: computed.periodLabel,
            counted: { from: computed.agreement.countedFrom, to: computed.agreement.countedTo },
            cumulativeFrom: computed.cumulativeFrom,
            agreement: computed.agreement.messages,
            indicators: computed.indicators.map((i) => ({
              code: i.code,
              title: i.title,
              unit: i.unit,
              count: i.count,
              cumulative: i.cumulative,
              target: i.target,
              profileToDate: i.profileToDate,
              variance: i.variance,
              rag: i.rag,
            })),
            warnings: computed.warningCounts,
          },
          null,
          2,
        ),
      );
    } else {
      io.out(`${set.name} v${computed.version}, ${computed.periodLabel}`);
      io.out(
        `  ${'code'.padEnd(10)} ${'count'.padStart(7)} ${'cumul.'.padStart(7)} ${'target'.padStart(7)} ${'var.'.padStart(6)}  indicator`,
      );
      const n = (v: number | null, w: number) => (v === null ? '-' : String(v)).padStart(w);
      for (const i of computed.indicators)
        io.out(
          `  ${i.code.padEnd(10)} ${n(i.count, 7)} ${n(i.cumulative, 7)} ${n(i.target, 7)} ${n(i.variance, 6)}  ${i.title}`,
        );
      for (const [kind, count] of Object.entries(computed.warningCounts ?? {}))
        io.out(`  warning: ${count} × ${kind.replace(/_/g, ' ')}`);
      io.out(`Written ${aggregate.out} (aggregate return, no personal data)`);
      if (evidence) io.out(`Written ${evidence.out} (evidence pack, ${evidence.rows} claim lines)`);
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
