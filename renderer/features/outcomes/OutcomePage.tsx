// One outcome: its details and links, the evidence behind it (files viewable in the app), the
// verification decision with who and when, sustainment checks for job starts, and its history.
import { useState } from 'react';
import { useChannel } from '../../api/use-channel';
import { useCan } from '../../app/session-context';
import { PageHeader } from '../../components/PageHeader';
import { EmptyState } from '../../components/EmptyState';
import { formatUkDate } from '../../../shared/domain/dates';
import { labelFor, placementKinds, sectors } from '../../../shared/domain/outcome-lists';
import { EvidencePanel } from './EvidencePanel';
import { VerificationPanel } from './VerificationPanel';
import { SustainmentPanel } from './SustainmentPanel';
import { HistoryList } from './HistoryList';
import { OutcomeEditForm } from './OutcomeEditForm';
import { outcomesRoutes } from './outcomes.routes';

export function OutcomePage({ id }: { id: number }) {
  const { data: o, error, reload } = useChannel('outcomes.get', { id }, { areas: ['outcomes'] });
  const [editing, setEditing] = useState(false);
  const canEdit = useCan('officer');
  if (error) return <EmptyState title="Outcome not found">{error.message}</EmptyState>;
  if (!o) return <p role="status">Loading…</p>;
  const isJob = o.typeCategory === 'job' || o.typeCategory === 'apprenticeship' || o.typeCategory === 'sustainment';
  return (
    <>
      <PageHeader
        back={{ label: 'Back to outcomes', href: outcomesRoutes.outcomes.href() }}
        title={`${o.typeLabel}: ${o.participantName}`}
        subtitle={`${o.participantRef} · ${formatUkDate(o.outcomeDate)} · recorded from ${o.source}`}
        actions={
          canEdit &&
          !editing && (
            <button type="button" onClick={() => setEditing(true)}>
              Change details
            </button>
          )
        }
      />
      {editing && (
        <OutcomeEditForm
          outcome={o}
          onDone={() => setEditing(false)}
          onReload={() => {
            setEditing(false);
            reload();
          }}
        />
      )}
      <div className="two-col">
        <div>
          <section aria-labelledby="outcome-details">
            <h2 id="outcome-details">Details</h2>
            <dl className="facts">
              <dt>Date</dt>
              <dd>{formatUkDate(o.outcomeDate)}</dd>
              {isJob && (
                <>
                  <dt>Employer</dt>
                  <dd>{o.employerName ?? 'Not recorded'}</dd>
                  <dt>Sector</dt>
                  <dd>{labelFor(sectors, o.sector) || 'Not recorded'}</dd>
                  <dt>Hours a week</dt>
                  <dd>{o.hoursPerWeek ?? 'Not recorded'}</dd>
                  <dt>16+ hours</dt>
                  <dd>{o.hoursPerWeek == null ? 'Unknown (no hours recorded)' : o.isSixteenPlus ? 'Yes' : 'No'}</dd>
                  <dt>Job ended</dt>
                  <dd>{o.endedOn ? formatUkDate(o.endedOn) : 'Still in work (or not recorded)'}</dd>
                </>
              )}
              {o.apprenticeshipStandard && (
                <>
                  <dt>Standard</dt>
                  <dd>
                    {o.apprenticeshipStandard}
                    {o.apprenticeshipLevel ? `, level ${o.apprenticeshipLevel}` : ''}
                  </dd>
                </>
              )}
              {o.qualificationTitle && (
                <>
                  <dt>Qualification</dt>
                  <dd>{o.qualificationTitle}</dd>
                </>
              )}
              <dt>Contract</dt>
              <dd>
                {o.contractId ? (
                  <a href={outcomesRoutes.contract.href({ id: o.contractId })}>{o.contractName}</a>
                ) : (
                  'None'
                )}
              </dd>
              {o.placementId && (
                <>
                  <dt>Placement</dt>
                  <dd>
                    <a href={outcomesRoutes.placement.href({ id: o.placementId })}>
                      {labelFor(placementKinds, o.placementKind)} #{o.placementId}
                    </a>
                  </dd>
                </>
              )}
              {o.parentOutcomeId && (
                <>
                  <dt>Sustains</dt>
                  <dd>
                    <a href={outcomesRoutes.outcome.href({ id: o.parentOutcomeId })}>{o.parentLabel}</a>
                  </dd>
                </>
              )}
              <dt>Contact</dt>
              <dd>{[o.participantPhone, o.participantEmail].filter(Boolean).join(' · ') || 'None recorded'}</dd>
              {o.notes && (
                <>
                  <dt>Notes</dt>
                  <dd>{o.notes}</dd>
                </>
              )}
            </dl>
          </section>
          <VerificationPanel outcome={o} />
          {o.sustainment.length > 0 && <SustainmentPanel outcome={o} />}
        </div>
        <div>
          <EvidencePanel outcome={o} />
          <HistoryList entries={o.history} />
        </div>
      </div>
    </>
  );
}
