// A participant's page: header with reference, name, status and flags, then tabs (Details,
// Eligibility & evidence, Referrals, Timeline, Notes, Keyworker, Funding, History). The tab is part of the route so it survives
// a reload: #/participants/42/timeline.
import { useEffect, useRef, type KeyboardEvent } from 'react';
import { useChannel } from '../../api/use-channel';
import { api } from '../../api/client';
import { navigate } from '../../app/router';
import { useCan } from '../../app/session-context';
import { useToasts } from '../../components/Toasts';
import { EmptyState } from '../../components/EmptyState';
import type { ParticipantDetail } from '../../../shared/contract/participants.contract';
import { eligibilityLabels, eligibilityTag, statusLabels, statusTag } from './participant-labels';
import { DetailsTab } from './DetailsTab';
import { EligibilityTab } from './EligibilityTab';
import { TimelineTab } from './TimelineTab';
import { ReferralsTab } from './ReferralsTab';
import { NotesTab } from './NotesTab';
import { KeyworkerTab } from './KeyworkerTab';
import { HistoryTab } from './HistoryTab';
import { FundingTab } from './FundingTab';
import { participantsRoutes } from './participants.routes';
import { GeographySummary } from './GeographySummary';
import { outcomesRoutes } from '../outcomes/outcomes.routes';

const tabs = [
  { id: 'details', label: 'Details' },
  { id: 'eligibility', label: 'Eligibility & evidence' },
  { id: 'referrals', label: 'Referrals' },
  { id: 'timeline', label: 'Timeline' },
  { id: 'notes', label: 'Notes' },
  { id: 'keyworker', label: 'Keyworker' },
  { id: 'funding', label: 'Funding' },
  { id: 'history', label: 'History' },
] as const;

export function ParticipantPage({ id, tab }: { id: number; tab: string }) {
  const detail = useChannel('participants.get', { id }, { areas: ['participants'] });
  const current = tabs.find((t) => t.id === tab) ?? tabs[0];
  const tabRefs = useRef<Array<HTMLButtonElement | null>>([]);
  const loaded = !!detail.data;
  // Opening a person (from the grid, a search or a save) puts focus on their name, so keyboard
  // and screen-reader users start at the top of the page.
  useEffect(() => {
    if (loaded) document.getElementById('page-title')?.focus({ preventScroll: true });
  }, [id, loaded]);
  if (detail.error)
    return (
      <EmptyState title="Participant not found">
        {detail.error.message} <a href={participantsRoutes.list.href()}>Back to participants</a>
      </EmptyState>
    );
  const d = detail.data;
  if (!d) return <p aria-busy="true">Loading…</p>;

  const onTabKey = (e: KeyboardEvent<HTMLButtonElement>, i: number) => {
    const next =
      e.key === 'ArrowRight'
        ? (i + 1) % tabs.length
        : e.key === 'ArrowLeft'
          ? (i - 1 + tabs.length) % tabs.length
          : e.key === 'Home'
            ? 0
            : e.key === 'End'
              ? tabs.length - 1
              : -1;
    if (next < 0) return;
    e.preventDefault();
    navigate(participantsRoutes.person.path({ id, tab: tabs[next]!.id }));
    tabRefs.current[next]?.focus();
  };

  return (
    <div>
      <Header d={d} onChanged={detail.reload} />
      <div className="tabs" role="tablist" aria-label="Participant">
        {tabs.map((t, i) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            id={`tab-${t.id}`}
            aria-selected={t.id === current.id}
            aria-controls="participant-tabpanel"
            tabIndex={t.id === current.id ? 0 : -1}
            ref={(el) => {
              tabRefs.current[i] = el;
            }}
            onClick={() => navigate(participantsRoutes.person.path({ id, tab: t.id }))}
            onKeyDown={(e) => onTabKey(e, i)}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id="participant-tabpanel" aria-labelledby={`tab-${current.id}`}>
        {current.id === 'details' && <DetailsTab key={`${d.id}-${d.version}`} detail={d} onSaved={detail.reload} />}
        {current.id === 'eligibility' && <EligibilityTab detail={d} onChanged={detail.reload} />}
        {current.id === 'referrals' && <ReferralsTab detail={d} />}
        {current.id === 'timeline' && <TimelineTab id={d.id} />}
        {current.id === 'notes' && <NotesTab id={d.id} />}
        {current.id === 'keyworker' && <KeyworkerTab id={d.id} />}
        {current.id === 'funding' && <FundingTab id={d.id} />}
        {current.id === 'history' && <HistoryTab id={d.id} />}
      </div>
    </div>
  );
}

function Header({ d, onChanged }: { d: ParticipantDetail; onChanged(): void }) {
  const toasts = useToasts();
  const canEdit = useCan('officer');
  const r = d.record;
  const undo = async () => {
    if (!d.undoableMerge) return;
    const result = await api.call('participants.unmerge', { mergeId: d.undoableMerge.mergeId });
    if (result.ok) {
      toasts.show({ kind: 'success', message: `Merge undone: ${d.undoableMerge.mergedReference} restored` });
      onChanged();
    } else toasts.show({ kind: 'error', message: result.error.message });
  };
  return (
    <>
      <header className="page-header">
        <div>
          <p className="page-back">
            <a href={participantsRoutes.list.href()}>Back to participants</a>
          </p>
          <p className="page-subtitle">{d.reference}</p>
          <h1 tabIndex={-1} id="page-title">
            {r.firstName} {r.lastName}
            {r.preferredName ? <span className="muted"> (“{r.preferredName}”)</span> : null}
          </h1>
          <div className="participant-header">
            <span className={`tag ${statusTag[d.status] ?? 'tag-grey'}`}>{statusLabels[d.status]}</span>
            <span className={`tag ${eligibilityTag[d.eligibility.status]}`}>
              {eligibilityLabels[d.eligibility.status]}
            </span>
            {r.niStatus === 'not_yet_known' && <span className="tag tag-yellow">NI number not yet known</span>}
            {d.keyWorkerName && <span className="muted">Key worker: {d.keyWorkerName}</span>}
            {d.fundingStreamName && <span className="muted">{d.fundingStreamName}</span>}
          </div>
          {d.status !== 'merged' && <GeographySummary g={d.geography} />}
        </div>
        <div className="page-actions">
          {canEdit && d.status !== 'merged' && (
            <>
              <a href={outcomesRoutes.newPlacement.href({ participant: d.id })}>Record placement</a>
              <a href={outcomesRoutes.newOutcome.href({ participant: d.id })}>Record outcome</a>
            </>
          )}
        </div>
      </header>
      {d.status === 'merged' && d.mergedIntoId && (
        <p className="notice">
          This record was merged into another.{' '}
          <a href={participantsRoutes.person.href({ id: d.mergedIntoId, tab: 'details' })}>
            Open the record it was merged into
          </a>
        </p>
      )}
      {d.undoableMerge && canEdit && (
        <p className="notice">
          {d.undoableMerge.mergedReference} was merged into this record.{' '}
          <button type="button" onClick={() => void undo()}>
            Undo merge
          </button>
        </p>
      )}
      {d.specialCategoryHidden && (
        <p className="notice">
          Special-category details (ethnicity, health and disability, gender identity, some barriers and benefits) are
          hidden for your role.
        </p>
      )}
    </>
  );
}
