// CLI commands of the events area: events and activities with their headcounts and named
// attendance, for automation (`--json`) or reading in a terminal.
import { formatUkDate } from '../../shared/domain/dates';
import { CLI_CLIENT, unwrap, type CliCommand } from './command';

const presets = ['this-month', 'upcoming', 'past', 'linked-to-contract'];

export const eventsListCommand: CliCommand = {
  name: 'events',
  summary: 'List events and activities with their headcounts and named attendance',
  usage: `events list [--preset ${presets.join('|')}] [--json]`,
  options: { json: { type: 'boolean' }, preset: { type: 'string' } },
  needsSession: true,
  async run({ values, positionals }, backend, io) {
    const preset = values.preset as string | undefined;
    if (positionals[0] !== 'list' || (preset !== undefined && !presets.includes(preset))) {
      io.err(`Usage: ${eventsListCommand.usage}`);
      return 2;
    }
    const page = unwrap(
      await backend.call(CLI_CLIENT, 'events.page', { limit: 5000, offset: 0, ...(preset ? { preset } : {}) }),
      io,
    );
    if (values.json) {
      io.out(JSON.stringify(page.rows, null, 2));
      return 0;
    }
    io.out(`${'Id'.padEnd(6)}${'Held on'.padEnd(12)}${'People'.padEnd(8)}${'Named'.padEnd(7)}Event`);
    for (const e of page.rows) {
      io.out(
        `${String(e.id).padEnd(6)}${formatUkDate(e.heldOn).padEnd(12)}${String(e.headcount).padEnd(8)}` +
          `${String(e.attendees).padEnd(7)}${e.title} (${e.kindLabel})${e.organiserName ? `, ${e.organiserName}` : ''}` +
          `${e.contractName ? `, counts towards ${e.contractName}` : ''}`,
      );
    }
    io.out(`\n${page.total} events.`);
    return 0;
  },
};
