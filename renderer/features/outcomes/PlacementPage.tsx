// One placement: its details, the outcomes it produced, and actions (change it, convert a
// work placement into a job, record another outcome for the person).
import { useChannel } from '../../api/use-channel';
import { navigate } from '../../app/router';
import { useCan } from '../../app/session-context';
import { PageHeader } from '../../components/PageHeader';
import { EmptyState } from '../../components/EmptyState';
import { formatUkDate } from '../../../shared/domain/dates';
import {
  labelFor,
  placementKinds,
  placementStatuses,
  workPlacementKinds,
  type PlacementKindCode,
} from '../../../shared/domain/outcome-lists';
import { ConvertToJobForm } from './ConvertToJobForm';
import { VerificationTag } from './VerificationTag';
import { outcomesRoutes } from './outcomes.routes';
import { TableScroll } from '../../components/TableScroll';

export function PlacementPage({ id, convert }: { id: number; convert: boolean }) {
  const { data: p, error } = useChannel('placements.get', { id }, { areas: ['outcomes'] });
  const canEdit = useCan('officer');
  if (error) return <EmptyState title="Placement not found">{error.message}</EmptyState>;
  if (!p) return <p role="status">Loading…</p>;
  const canConvert = canEdit && workPlacementKinds.includes(p.kind as PlacementKindCode) && !p.convertedToId;
  return (
    <>
      <PageHeader
        back={{ label: 'Back to placements', href: outcomesRoutes.placements.href() }}
        title={`${labelFor(placementKinds, p.kind)}: ${p.participantName}`}
        subtitle={`${p.participantRef} · ${labelFor(placementStatuses, p.status)}`}
        actions={
          canEdit && (
            <>
              <button type="button" onClick={() => navigate(outcomesRoutes.editPlacement.path({ id }))}>
                Change placement
              </button>
              {canConvert && !convert && (
                <button
                  type="button"
                  className="primary"
                  onClick={() => navigate(outcomesRoutes.convertPlacement.path({ id }))}
                >
                  Convert to job
                </button>
              )}
              <button
                type="button"
                onClick={() => navigate(outcomesRoutes.newOutcome.path({ participant: p.participantId }))}
              >
                Record outcome
              </button>
            </>
          )
        }
      />
      {convert && canConvert && <ConvertToJobForm placement={p} />}
      <div className="two-col">
        <section aria-labelledby="placement-details">
          <h2 id="placement-details">Details</h2>
          <dl className="facts">
            <dt>Employer</dt>
            <dd>{p.employerName ?? 'Not recorded'}</dd>
            <dt>Contract</dt>
            <dd>
              {p.contractId ? (
                <a href={outcomesRoutes.contract.href({ id: p.contractId })}>{p.contractName}</a>
              ) : (
                'None'
              )}
            </dd>
            <dt>Site</dt>
            <dd>{p.site ?? '—'}</dd>
            <dt>Start</dt>
            <dd>{formatUkDate(p.startsOn)}</dd>
            <dt>End</dt>
            <dd>{formatUkDate(p.endsOn) || '—'}</dd>
            <dt>Hours a week</dt>
            <dd>{p.hoursPerWeek ?? '—'}</dd>
            <dt>Hourly wage</dt>
            <dd>{p.hourlyWagePence == null ? '—' : `£${(p.hourlyWagePence / 100).toFixed(2)}`}</dd>
            <dt>Supervisor</dt>
            <dd>{p.supervisor ?? '—'}</dd>
            {p.status === 'ended_early' && (
              <>
                <dt>Ended early because</dt>
                <dd>{p.endedReason}</dd>
              </>
            )}
            {p.kind === 'apprenticeship' && (
              <>
                <dt>Standard</dt>
                <dd>
                  {p.apprenticeshipStandard ?? '—'} {p.apprenticeshipLevel ? `(level ${p.apprenticeshipLevel})` : ''}
                </dd>
              </>
            )}
            {p.convertedFromId && (
              <>
                <dt>Converted from</dt>
                <dd>
                  <a href={outcomesRoutes.placement.href({ id: p.convertedFromId })}>
                    Work placement #{p.convertedFromId}
                  </a>
                </dd>
              </>
            )}
            {p.convertedToId && (
              <>
                <dt>Converted to</dt>
                <dd>
                  <a href={outcomesRoutes.placement.href({ id: p.convertedToId })}>Job placement #{p.convertedToId}</a>
                </dd>
              </>
            )}
            <dt>Notes</dt>
            <dd>{p.notes ?? '—'}</dd>
          </dl>
        </section>
        <section aria-labelledby="placement-outcomes">
          <h2 id="placement-outcomes">Outcomes from this placement</h2>
          {p.outcomes.length === 0 ? (
            <p className="muted">
              None yet. A paid job or apprenticeship records its start outcome when it is active or completed.
            </p>
          ) : (
            <TableScroll>
              <table className="data">
                <thead>
                  <tr>
                    <th scope="col">Outcome</th>
                    <th scope="col">Date</th>
                    <th scope="col">Verification</th>
                  </tr>
                </thead>
                <tbody>
                  {p.outcomes.map((o) => (
                    <tr key={o.id}>
                      <td>
                        <a href={outcomesRoutes.outcome.href({ id: o.id })}>{o.typeLabel}</a>
                      </td>
                      <td>{formatUkDate(o.outcomeDate)}</td>
                      <td>
                        <VerificationTag status={o.verificationStatus} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          )}
        </section>
      </div>
    </>
  );
}
