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
        <table className="data">
          <caption className="visually-hidden">Sustainment checks</caption>
          <thead>
            <tr>
              <th scope="col">Participant</th>
              <th scope="col">Contact</th>
              <th scope="col">Start</th>
              <th scope="col">Employer</th>
              <th scope="col">Check</th>
              <th scope="col">Due</th>
              <th scope="col">Window ends</th>
              <th scope="col">State</th>
              <th scope="col">
                <span className="visually-hidden">Action</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {data.rows.map((r) => (
              <tr key={r.id}>
                <td>
                  <a href={outcomesRoutes.outcome.href({ id: r.startOutcomeId })}>{r.participantName}</a>
                  <br />
                  <span className="muted unbroken">{r.participantRef}</span>
                </td>
                <td>
                  <span className="unbroken">{r.phone ?? '—'}</span>
                  {r.email && (
                    <>
                      <br />
                      {r.email}
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
                  {formatUkDate(r.startDate)}
                  <br />
                  <span className="muted">{r.outcomeType === 'apprenticeship_start' ? 'Apprenticeship' : 'Job'}</span>
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
                <td>{r.weeks} weeks</td>
                <td>{formatUkDate(r.dueOn)}</td>
                <td>{formatUkDate(r.windowEndsOn)}</td>
                <td>
                  <SustainmentStateTag state={r.state} />
                </td>
                <td>
                  {canEdit && (
                    <button type="button" onClick={() => setRecording(r)}>
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
      )}
      {data && data.total > data.rows.length && (
        <p className="muted">
          Showing the first {data.rows.length} of {data.total}. Search to narrow the list.
        </p>
      )}
    </>
  );
}
