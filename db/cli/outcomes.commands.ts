// CLI commands of the placements & outcomes area: the sustainment checks due or overdue,
// social-value contract progress against each commitment, and a contract's monitoring report
// workbook for a period (the same file the contract's page exports, audited).
import fs from 'node:fs';
import path from 'node:path';
import { formatUkDate } from '../../shared/domain/dates';
import { formatCommitmentFigure } from '../../shared/domain/outcome-lists';
import { sustainmentStateLabels } from '../../shared/domain/outcome-rules';
import { exportToEnd } from '../features/export/export-job';
import { CLI_CLIENT, unwrap, type CliCommand } from './command';
import { dateOption } from './returns.commands';

export const sustainmentCommand: CliCommand = {
  // `outcomes sustainment`: the CLI matches the first word, the second is a positional.
  name: 'outcomes',
  summary: 'List 13- and 26-week sustainment checks that are due or overdue',
  usage: 'outcomes sustainment [--filter open|due|overdue|upcoming|window_closed] [--json]',
  options: { json: { type: 'boolean' }, filter: { type: 'string' } },
  needsSession: true,
  async run({ values, positionals }, backend, io) {
    if (positionals[0] !== 'sustainment') {
      io.err(`Usage: ${sustainmentCommand.usage}`);
      return 2;
    }
    const filter = (values.filter as string | undefined) ?? 'open';
    const list = unwrap(await backend.call(CLI_CLIENT, 'sustainment.worklist', { filter, limit: 5000 }), io);
    if (values.json) {
      io.out(JSON.stringify(list, null, 2));
      return 0;
    }
    io.out(
      `Sustainment checks on ${formatUkDate(list.today)}: ${list.counts.due} due, ${list.counts.overdue} overdue, ` +
        `${list.counts.upcoming} due in the next 4 weeks, ${list.counts.windowClosed} with the window closed.`,
    );
    for (const r of list.rows) {
      io.out(
        `${sustainmentStateLabels[r.state].padEnd(13)} ${String(r.weeks).padStart(2)}-week  due ${formatUkDate(r.dueOn)}  window to ` +
          `${formatUkDate(r.windowEndsOn)}  ${r.participantRef}  ${r.employerName ?? ''}`,
      );
    }
    return 0;
  },
};

export const contractsProgressCommand: CliCommand = {
  name: 'contracts',
  summary: 'Show each social-value contract’s commitments with progress, or write its monitoring report',
  usage:
    'contracts progress [--json] | contracts report --contract <reference> --from <date> --to <date> --out <file.xlsx>',
  options: {
    json: { type: 'boolean' },
    contract: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    out: { type: 'string' },
  },
  needsSession: true,
  async run({ values, positionals }, backend, io) {
    if (positionals[0] === 'report') return writeReport(values, backend, io);
    if (positionals[0] !== 'progress') {
      io.err(`Usage: ${contractsProgressCommand.usage}`);
      return 2;
    }
    const contracts = unwrap(await backend.call(CLI_CLIENT, 'contracts.list', {}), io);
    if (values.json) {
      io.out(JSON.stringify(contracts, null, 2));
      return 0;
    }
    for (const c of contracts) {
      io.out(
        `${c.name}${c.reference ? ` (${c.reference})` : ''} – ${c.contractorName ?? 'no contractor'}, ` +
          `${formatUkDate(c.startsOn) || '…'} to ${formatUkDate(c.endsOn) || '…'}`,
      );
      for (const m of c.commitments) {
        io.out(
          `  ${m.label.padEnd(16)} ${formatCommitmentFigure(m.kind, m.achieved).padStart(5)} of ` +
            `${formatCommitmentFigure(m.kind, m.target).padEnd(5)} ` +
            `${String(m.percent).padStart(3)}%  (${m.verified} verified)${m.isManual ? '  [entered by officers]' : ''}`,
        );
      }
    }
    return 0;
  },
};

type RunArgs = Parameters<CliCommand['run']>;

/** `contracts report`: the contract found by its reference (or planning reference, or name). */
async function writeReport(values: RunArgs[0]['values'], backend: RunArgs[1], io: RunArgs[2]): Promise<number> {
  const from = dateOption(values.from, 'from', io);
  const to = dateOption(values.to, 'to', io);
  if (!from || !to) return 2;
  if (typeof values.contract !== 'string') {
    io.err('--contract is required: the contract’s reference, planning reference or name');
    return 2;
  }
  if (typeof values.out !== 'string' || !values.out.toLowerCase().endsWith('.xlsx')) {
    io.err('--out is required and must end in .xlsx');
    return 2;
  }
  const wanted = values.contract.trim().toLowerCase();
  const contracts = unwrap(await backend.call(CLI_CLIENT, 'contracts.list', {}), io);
  const found = contracts.filter((c) =>
    [c.reference, c.planningReference, c.name].some((v) => v?.trim().toLowerCase() === wanted),
  );
  if (found.length !== 1) {
    io.err(
      found.length
        ? `More than one contract matches "${values.contract}"; use its reference.`
        : `No contract "${values.contract}". Contracts: ${contracts.map((c) => c.reference ?? c.name).join(', ')}`,
    );
    return 2;
  }
  const file = unwrap(
    await exportToEnd(backend, CLI_CLIENT, 'contracts.report.export', { id: found[0]!.id, from, to }),
    io,
  );
  const out = path.resolve(values.out);
  fs.writeFileSync(`${out}.tmp`, file.bytes);
  fs.renameSync(`${out}.tmp`, out);
  if (values.json) io.out(JSON.stringify({ file: out, contract: found[0]!.name, from, to }, null, 2));
  else io.out(`Wrote ${out}: monitoring report for ${found[0]!.name}, ${formatUkDate(from)} to ${formatUkDate(to)}.`);
  return 0;
}
