// CLI commands of the placements & outcomes area: the sustainment checks due or overdue, and
// social-value contract progress against each commitment.
import { formatUkDate } from '../../shared/domain/dates';
import { commitmentKinds, labelFor } from '../../shared/domain/outcome-lists';
import { sustainmentStateLabels } from '../../shared/domain/outcome-rules';
import { CLI_CLIENT, unwrap, type CliCommand } from './command';

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
  summary: 'Show each social-value contract’s commitments with progress',
  usage: 'contracts progress [--json]',
  options: { json: { type: 'boolean' } },
  needsSession: true,
  async run({ values, positionals }, backend, io) {
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
          `  ${labelFor(commitmentKinds, m.kind).padEnd(16)} ${String(m.achieved).padStart(5)} of ${String(m.target).padEnd(5)} ` +
            `${String(m.percent).padStart(3)}%  (${m.verified} verified)${m.isManual ? '  [entered by officers]' : ''}`,
        );
      }
    }
    return 0;
  },
};
