// The sustainment worklist: every job and apprenticeship start's 13- and 26-week check that is
// due or overdue (or coming up, or past its window), with the person's and the employer's
// contact details; record the check in place.
import { useState } from 'react';
import { useChannel } from '../../api/use-channel';
import { useCan } from '../../app/session-context';
import { PageHeader } from '../../components/PageHeader';
import { EmptyState } from '../../components/EmptyState';
import { formatUkDate } from '../../../shared/domain/dates';
import type { WorklistFilter, WorklistRow } from '../../../shared/contract/outcomes-schemas';
import { SustainmentCheckForm } from './SustainmentCheckForm';
import { SustainmentStateTag } from './SustainmentStateTag';
import { outcomesRoutes, outcomesTabs } from './outcomes.routes';
import { ToolbarSearch } from '../../components/ToolbarField';
import { TableScroll } from '../../components/TableScroll';
import { EmailText } from '../../components/EmailText';

const filters: Array<{
  code: WorklistFilter;
  label: string;
  count(c: { due: number; overdue: number; upcoming: number; windowClosed: number }): number;
}> = [
  { code: 'open', label: 'Due and overdue', count: (c) => c.due + c.overdue },
  { code: 'due', label: 'Due', count: (c) => c.due },
  { code: 'overdue', label: 'Overdue', count: (c) => c.overdue },
  { code: 'upcoming', label: 'Due in the next 4 weeks', count: (c) => c.upcoming },
  { code: 'window_closed', label: 'Window closed', count: (c) => c.windowClosed },
];

export function SustainmentView() {
  const [filter, setFilter] = useState<WorklistFilter>('open');
  const [search, setSearch] = useState('');
  const [recording, setRecording] = useState<WorklistRow | null>(null);
  const canEdit = useCan('officer');
  const { data, reload } = useChannel('sustainment.worklist', { filter, search }, { areas: ['outcomes'] });
  return (
    <>
      <PageHeader
        title="Sustainment worklist"
        tabs={outcomesTabs}
        subtitle="A check is due 13 (or 26) weeks after the start, overdue 4 weeks later, and the window closes at 26 (or 52) weeks."
      />
      <div className="worklist-filters" role="group" aria-label="Which checks">
        {filters.map((f) => (
          <button key={f.code} type="button" aria-pressed={filter === f.code} onClick={() => setFilter(f.code)}>
            {f.label}
            {data ? ` (${f.count(data.counts)})` : ''}
          </button>
        ))}
      </div>
      <div className="toolbar">
        <ToolbarSearch id="worklist-search" value={search} onChange={setSearch} placeholder="Name or reference" />
      </div>
      {recording && (
        <SustainmentCheckForm
          target={recording}
          today={data?.today ?? new Date().toISOString().slice(0, 10)}
          onDone={(saved) => {
            setRecording(null);
            if (saved) reload();
          }}
        />
      )}
      {!data ? (
        <p role="status">Loading…</p>
      ) : data.rows.length === 0 ? (
        <EmptyState title="Nothing here">
          No sustainment checks in this list{search ? ' match your search' : ''}.
        </EmptyState>
      ) : (
        <TableScroll>
          <table className="data">
            <caption className="visually-hidden">Sustainment checks</caption>
            <thead>
              <tr>
                <th scope="col">Participant and start</th>
                <th scope="col">Contact</th>
                <th scope="col">Employer</th>
                <th scope="col">Check due</th>
                <th scope="col">State</th>
              </tr>
            </thead>
            <tbody>
              {data.rows.map((r) => (
                <tr key={r.id}>
                  <td>
                    <a href={outcomesRoutes.outcome.href({ id: r.startOutcomeId })}>{r.participantName}</a>
                    <br />
                    <span className="muted unbroken">{r.participantRef}</span>
                    <br />
                    {r.outcomeType === 'apprenticeship_start' ? 'Apprenticeship' : 'Job'} from{' '}
                    <span className="unbroken">{formatUkDate(r.startDate)}</span>
                  </td>
                  <td>
                    <span className="unbroken">{r.phone ?? '—'}</span>
                    {r.email && (
                      <>
                        <br />
                        <EmailText email={r.email} />
                      </>
                    )}
                    {r.preferredContact && (
                      <>
                        <br />
                        <span className="muted">prefers {r.preferredContact}</span>
                      </>
                    )}
                  </td>
                  <td>
                    {r.employerName ?? '—'}
                    {r.employerPhone && (
                      <>
                        <br />
                        <span className="unbroken">{r.employerPhone}</span>
                      </>
                    )}
                    {r.employerContact && (
                      <>
                        <br />
                        <span className="muted">
                          {r.employerContact.name}
                          {r.employerContact.phone && (
                            <>
                              {' '}
                              (<span className="unbroken">{r.employerContact.phone}</span>)
                            </>
                          )}
                        </span>
                      </>
                    )}
                  </td>
                  <td>
                    {r.weeks} weeks: <span className="unbroken">{formatUkDate(r.dueOn)}</span>
                    <br />
                    <span className="muted">
                      window ends <span className="unbroken">{formatUkDate(r.windowEndsOn)}</span>
                    </span>
                  </td>
                  <td>
                    <SustainmentStateTag state={r.state} />
                    {canEdit && (
                      <button type="button" className="sustainment-record" onClick={() => setRecording(r)}>
                        Record check
                        <span className="visually-hidden">
                          {' '}
                          ({r.weeks} weeks) for {r.participantName}
                        </span>
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      {data && data.total > data.rows.length && (
        <p className="muted">
          Showing the first {data.rows.length} of {data.total}. Search to narrow the list.
        </p>
      )}
    </>
  );
}
