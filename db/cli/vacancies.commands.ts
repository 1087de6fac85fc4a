// CLI commands of the vacancies area: the vacancies with their pipeline counts, for automation
// (`--json`) or reading in a terminal.
import { formatUkDate } from '../../shared/domain/dates';
import { labelFor } from '../../shared/domain/outcome-lists';
import { formatWage, vacancyKinds, vacancyStatuses } from '../../shared/domain/vacancy-lists';
import { CLI_CLIENT, unwrap, type CliCommand } from './command';

const presets = ['open', 'closing-this-week', 'filled', 'closed'];

export const vacanciesListCommand: CliCommand = {
  name: 'vacancies',
  summary: 'List vacancies with how many people were put forward, interviewed, offered and started',
  usage: `vacancies list [--preset ${presets.join('|')}] [--json]`,
  options: { json: { type: 'boolean' }, preset: { type: 'string' } },
  needsSession: true,
  async run({ values, positionals }, backend, io) {
    const preset = values.preset as string | undefined;
    if (positionals[0] !== 'list' || (preset !== undefined && !presets.includes(preset))) {
      io.err(`Usage: ${vacanciesListCommand.usage}`);
      return 2;
    }
    const page = unwrap(
      await backend.call(CLI_CLIENT, 'vacancies.page', { limit: 5000, offset: 0, ...(preset ? { preset } : {}) }),
      io,
    );
    if (values.json) {
      io.out(JSON.stringify(page.rows, null, 2));
      return 0;
    }
    io.out(
      `${'Id'.padEnd(6)}${'Closes'.padEnd(12)}${'Status'.padEnd(8)}${'Places'.padEnd(8)}Put/Int/Off/Start  Vacancy`,
    );
    for (const v of page.rows) {
      const counts = `${v.candidates}/${v.interviewed}/${v.offered}/${v.started}`;
      const wage = formatWage(v.wagePence, v.wagePer);
      io.out(
        `${String(v.id).padEnd(6)}${(formatUkDate(v.closingDate) || '–').padEnd(12)}` +
          `${labelFor(vacancyStatuses, v.status).padEnd(8)}${String(v.places).padEnd(8)}${counts.padEnd(19)}` +
          `${v.jobTitle} (${labelFor(vacancyKinds, v.kind)}), ${v.employerName}${v.site ? `, ${v.site}` : ''}${wage ? `, ${wage}` : ''}`,
      );
    }
    io.out(`\n${page.total} vacancies.`);
    return 0;
  },
};
