// CLI commands of the participants area: quick search and showing one record by reference.
import { formatUkDate } from '../../shared/domain/dates';
import { formatNi } from '../../shared/domain/identifiers';
import { eligibilityLabels } from '../../shared/domain/eligibility';
import { findByReference } from '../features/participants/participants.repository';
import { CLI_CLIENT, unwrap, type CliCommand } from './command';

export const participantsCommand: CliCommand = {
  name: 'participants',
  summary: 'Search participants, or show one by reference',
  usage: 'participants search <text> [--limit 20] [--json] | participants show <SW-000123> [--json]',
  options: { json: { type: 'boolean' }, limit: { type: 'string' } },
  async run({ values, positionals }, backend, io) {
    const [sub, ...rest] = positionals;
    const text = rest.join(' ').trim();
    if ((sub !== 'search' && sub !== 'show') || !text) {
      io.err(`Usage: ${participantsCommand.usage}`);
      return 2;
    }
    if (sub === 'search') {
      const limit = Math.max(1, Math.min(500, Number(values.limit ?? 20) || 20));
      const page = unwrap(await backend.call(CLI_CLIENT, 'participants.page', { search: text, limit }), io);
      if (values.json) io.out(JSON.stringify(page, null, 2));
      else {
        io.out(`${page.total} found${page.total > page.rows.length ? ` (showing ${page.rows.length})` : ''}`);
        for (const r of page.rows) {
          io.out(
            `${r.reference}  ${`${r.lastName}, ${r.firstName}`.padEnd(32)} ${formatUkDate(r.dateOfBirth).padEnd(10)}  ` +
              `${formatNi(r.niNumber).padEnd(13)}  ${(r.postcode ?? '').padEnd(8)}  ` +
              `${eligibilityLabels[r.eligibilityStatus as keyof typeof eligibilityLabels] ?? r.eligibilityStatus}`,
          );
        }
      }
      return 0;
    }
    const row = await findByReference(backend.store.db, text);
    if (!row) {
      io.err(`No participant with reference ${text}.`);
      return 1;
    }
    const detail = unwrap(await backend.call(CLI_CLIENT, 'participants.get', { id: row.id }), io);
    if (values.json) io.out(JSON.stringify(detail, null, 2));
    else {
      const r = detail.record;
      io.out(
        `${detail.reference}  ${r.firstName} ${r.lastName}${r.preferredName ? ` ("${r.preferredName}")` : ''}  [${detail.status}]`,
      );
      io.out(
        `Date of birth: ${formatUkDate(r.dateOfBirth)}   NI: ${r.niNumber ? formatNi(r.niNumber) : 'not yet known'}   Postcode: ${r.postcode ?? ''}`,
      );
      io.out(
        `Key worker: ${detail.keyWorkerName ?? '-'}   Funding: ${detail.fundingStreamName ?? '-'}   Start: ${formatUkDate(r.startDate)}`,
      );
      io.out(`Eligibility: ${eligibilityLabels[detail.eligibility.status]}`);
      for (const rule of detail.eligibility.rules)
        io.out(
          `  ${rule.outcome === 'met' ? '✓' : rule.outcome === 'pending' ? '…' : '✗'} ${rule.label}: ${rule.reason}`,
        );
    }
    return 0;
  },
};
