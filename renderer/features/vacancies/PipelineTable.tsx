// A vacancy's candidate pipeline: each person put forward, the stage they are at and the dates
// they reached, the start outcome "started" recorded, and (for officers) moving them on or back,
// or taking someone put forward by mistake off the vacancy.
import { useState } from 'react';
import { useCan } from '../../app/session-context';
import { EmptyState } from '../../components/EmptyState';
import { formatUkDate } from '../../../shared/domain/dates';
import type { CandidateRow, VacancyDetail } from '../../../shared/contract/vacancies-schemas';
import { labelOfStage } from '../../../shared/domain/candidate-stages';
import { participantsRoutes } from '../participants/participants.routes';
import { outcomesRoutes } from '../outcomes/outcomes.routes';
import { MoveCandidateForm, RemoveCandidateForm } from './MoveCandidateForm';
import { StageTag } from './StageTag';
import { TableScroll } from '../../components/TableScroll';

export function PipelineTable({ vacancy }: { vacancy: VacancyDetail }) {
  const canEdit = useCan('officer');
  const [editing, setEditing] = useState<{ candidate: CandidateRow; action: 'move' | 'remove' } | null>(null);
  const rows = vacancy.pipeline;
  return (
    <section aria-labelledby="pipeline-title">
      <h2 id="pipeline-title">Candidates ({rows.length})</h2>
      {rows.length === 0 ? (
        <EmptyState title="Nobody put forward yet">
          Choose people from the site-ready list or find them by name below; the fit check shows how each meets the
          vacancy before you add them.
        </EmptyState>
      ) : (
        <TableScroll>
          <table className="data pipeline">
            <thead>
              <tr>
                <th scope="col">Participant</th>
                <th scope="col">Stage</th>
                <th scope="col">Put forward</th>
                <th scope="col">Interview</th>
                <th scope="col">Offered</th>
                <th scope="col">Started</th>
                <th scope="col">Notes</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((c) => (
                <tr key={c.id}>
                  <td>
                    <a href={participantsRoutes.person.href({ id: c.participantId, tab: 'timeline' })}>
                      {c.participantName}
                    </a>{' '}
                    <span className="muted unbroken">{c.participantRef}</span>
                  </td>
                  <td>
                    <StageTag stage={c.stage} />
                  </td>
                  <td>{formatUkDate(c.submittedOn)}</td>
                  <td>
                    {formatUkDate(c.interviewOn) || '—'}
                    {c.interviewOn && c.interviewGuaranteed ? ' (guaranteed)' : ''}
                    {c.interviewedOn ? `; held ${formatUkDate(c.interviewedOn)}` : ''}
                  </td>
                  <td>{formatUkDate(c.offeredOn) || '—'}</td>
                  <td>
                    {formatUkDate(c.startedOn) || '—'}
                    {c.outcomeId && (
                      <>
                        {' '}
                        <a href={outcomesRoutes.outcome.href({ id: c.outcomeId })}>Outcome #{c.outcomeId}</a>
                      </>
                    )}
                  </td>
                  <td>
                    {c.closedReason && (
                      <span>
                        {labelOfStage(c.stage)}
                        {c.closedFrom ? ` after ${labelOfStage(c.closedFrom).toLowerCase()}` : ''}: {c.closedReason}
                      </span>
                    )}
                    {c.overrideReason && <span className="block">Put forward because: {c.overrideReason}</span>}
                    {c.notes && <span className="block">{c.notes}</span>}
                  </td>
                  <td>
                    {canEdit && (
                      <>
                        <button
                          type="button"
                          className="link-button"
                          aria-label={`Move ${c.participantName} to another stage`}
                          onClick={() => setEditing({ candidate: c, action: 'move' })}
                        >
                          Move
                        </button>
                        {c.stage === 'submitted' && !c.outcomeId && (
                          <button
                            type="button"
                            className="link-button"
                            aria-label={`Take off ${c.participantName} from this vacancy`}
                            onClick={() => setEditing({ candidate: c, action: 'remove' })}
                          >
                            Take off
                          </button>
                        )}
                      </>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      {editing?.action === 'move' && (
        <MoveCandidateForm
          key={`move-${editing.candidate.id}`}
          vacancy={vacancy}
          candidate={editing.candidate}
          onDone={() => setEditing(null)}
        />
      )}
      {editing?.action === 'remove' && (
        <RemoveCandidateForm
          key={`remove-${editing.candidate.id}`}
          candidate={editing.candidate}
          onDone={() => setEditing(null)}
        />
      )}
    </section>
  );
}
