// CLI commands of the courses area: list course runs, and who is site ready.
import { formatUkDate } from '../../shared/domain/dates';
import { CLI_CLIENT, unwrap, type CliCommand } from './command';

const pct = (r: number | null) => (r === null ? '–' : `${Math.round(r * 100)}%`);

export const coursesListCommand: CliCommand = {
  name: 'courses',
  summary: 'Course runs (`courses list`) or site-ready candidates (`courses site-ready`)',
  usage: 'courses list|site-ready [--json] [--all]',
  options: { json: { type: 'boolean' }, all: { type: 'boolean' } },
  async run({ values, positionals }, backend, io) {
    const sub = positionals[0] ?? 'list';
    if (sub === 'list') {
      const page = unwrap(await backend.call(CLI_CLIENT, 'courses.runs.page', { limit: 5000, offset: 0 }), io);
      if (values.json) {
        io.out(JSON.stringify(page, null, 2));
        return 0;
      }
      const dash = unwrap(await backend.call(CLI_CLIENT, 'courses.dashboard', {}), io);
      const rates = new Map(dash.runs.map((r) => [r.id, r]));
      io.out(
        `${'Id'.padEnd(6)}${'Start'.padEnd(12)}${'Status'.padEnd(11)}${'Places'.padEnd(9)}${'Wait'.padEnd(6)}${'Compl.'.padEnd(8)}${'HS&E'.padEnd(7)}Course`,
      );
      for (const r of page.rows) {
        const d = rates.get(r.id);
        io.out(
          `${String(r.id).padEnd(6)}${formatUkDate(r.startDate).padEnd(12)}${r.status.padEnd(11)}${`${r.enrolled}/${r.capacity}`.padEnd(9)}` +
            `${String(r.waiting).padEnd(6)}${pct(d?.completionRate ?? null).padEnd(8)}${pct(d?.hsePassRate ?? null).padEnd(7)}${r.courseType}`,
        );
      }
      const o = dash.overall;
      io.out(
        `\n${page.total} runs. Fill ${pct(o.fillRate)}, completion ${pct(o.completionRate)}, HS&E pass ${pct(o.hsePassRate)}, ` +
          `attendance ${pct(o.attendanceRate)}; ${o.siteReadyNow} people site ready now.`,
      );
      return 0;
    }
    if (sub === 'site-ready') {
      const preset = values.all ? 'all' : 'ready';
      const page = unwrap(
        await backend.call(CLI_CLIENT, 'courses.siteReady.page', {
          preset,
          limit: 5000,
          offset: 0,
          sort: [{ colId: 'lastName', sort: 'asc' }],
        }),
        io,
      );
      if (values.json) {
        io.out(JSON.stringify(page, null, 2));
        return 0;
      }
      const rule = unwrap(await backend.call(CLI_CLIENT, 'courses.siteReady.rule', {}), io);
      io.out(`Rule: ${rule.description.join('; ')}\n`);
      for (const r of page.rows) {
        io.out(
          `${r.reference.padEnd(11)}${`${r.firstName} ${r.lastName}`.padEnd(28)}` +
            `${(r.ready ? `ready since ${formatUkDate(r.readySince)}` : `missing: ${r.missing}`).padEnd(30)}${r.phone ?? ''}`,
        );
      }
      io.out(
        `\n${page.total} ${preset === 'ready' ? 'site-ready candidates' : 'people with CSCS records'}` +
          `${page.total > page.rows.length ? ` (first ${page.rows.length} shown)` : ''}.`,
      );
      return 0;
    }
    io.err(`Unknown subcommand "${sub}". Usage: courses list|site-ready [--json]`);
    return 2;
  },
};
