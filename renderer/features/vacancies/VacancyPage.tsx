// One vacancy: its details, its candidate pipeline (each candidate moved through the stages
// from here) and, while it is open, putting people forward from the site-ready list or a search.
import { useChannel } from '../../api/use-channel';
import { navigate } from '../../app/router';
import { useCan } from '../../app/session-context';
import { PageHeader } from '../../components/PageHeader';
import { EmptyState } from '../../components/EmptyState';
import { formatUkDate } from '../../../shared/domain/dates';
import { cardTypeLabel } from '../../../shared/domain/cscs';
import { labelFor, sectors } from '../../../shared/domain/outcome-lists';
import { formatWage, vacancyKinds, vacancyStatuses } from '../../../shared/domain/vacancy-lists';
import { outcomesRoutes } from '../outcomes/outcomes.routes';
import { PipelineTable } from './PipelineTable';
import { ShortlistPanel } from './ShortlistPanel';
import { vacanciesRoutes } from './vacancies.routes';

export function VacancyPage({ id }: { id: number }) {
  const { data: v, error } = useChannel('vacancies.get', { id }, { areas: ['vacancies', 'participants'] });
  const canEdit = useCan('officer');
  if (error) return <EmptyState title="Vacancy not found">{error.message}</EmptyState>;
  if (!v) return <p role="status">Loading…</p>;
  const startNote =
    v.startOutcome === 'apprenticeship_start'
      ? 'A start records an apprenticeship start outcome.'
      : v.startOutcome === 'job_start'
        ? 'A start records a job start outcome.'
        : 'A work trial start records no job outcome.';
  return (
    <>
      <PageHeader
        back={{ label: 'Back to vacancies', href: vacanciesRoutes.list.href() }}
        title={v.jobTitle}
        subtitle={`${v.employerName} · ${labelFor(vacancyKinds, v.kind)} · ${labelFor(vacancyStatuses, v.status)}`}
        actions={
          canEdit && (
            <button type="button" onClick={() => navigate(vacanciesRoutes.editVacancy.path({ id }))}>
              Change vacancy
            </button>
          )
        }
      />
      <div className="two-col">
        <section aria-labelledby="vacancy-details">
          <h2 id="vacancy-details">Details</h2>
          <dl className="facts">
            <dt>Employer</dt>
            <dd>
              <a href={outcomesRoutes.organisation.href({ id: v.employerOrgId })}>{v.employerName}</a>
            </dd>
            <dt>Site</dt>
            <dd>{v.site ?? '—'}</dd>
            <dt>Sector</dt>
            <dd>{labelFor(sectors, v.sector) || '—'}</dd>
            {v.kind === 'apprenticeship' && (
              <>
                <dt>Standard</dt>
                <dd>
                  {v.apprenticeshipStandard ?? '—'} {v.apprenticeshipLevel ? `(level ${v.apprenticeshipLevel})` : ''}
                </dd>
              </>
            )}
            <dt>Places</dt>
            <dd>{v.places}</dd>
            <dt>Hours a week</dt>
            <dd>{v.hoursPerWeek ?? '—'}</dd>
            <dt>Wage</dt>
            <dd>{formatWage(v.wagePence, v.wagePer) || '—'}</dd>
            <dt>Closing date</dt>
            <dd>{formatUkDate(v.closingDate) || 'None'}</dd>
            <dt>Expected start</dt>
            <dd>{formatUkDate(v.startsOn) || '—'}</dd>
            <dt>Counts towards</dt>
            <dd>
              {v.contractId ? (
                <a href={outcomesRoutes.contract.href({ id: v.contractId })}>{v.contractName}</a>
              ) : (
                'No contract or obligation'
              )}
            </dd>
            <dt>Candidates need</dt>
            <dd>
              {[
                v.requiresSiteReady ? 'to be site ready' : null,
                v.cardTypeRequired ? `a ${cardTypeLabel(v.cardTypeRequired)} card` : null,
              ]
                .filter(Boolean)
                .join(' and ') || 'Nothing set'}
            </dd>
            <dt>Description</dt>
            <dd>{v.description ?? '—'}</dd>
          </dl>
        </section>
        <section aria-labelledby="vacancy-progress">
          <h2 id="vacancy-progress">Progress</h2>
          <dl className="facts">
            <dt>Put forward</dt>
            <dd>{v.candidates}</dd>
            <dt>Interviewed</dt>
            <dd>{v.interviewed}</dd>
            <dt>Offered</dt>
            <dd>{v.offered}</dd>
            <dt>Started</dt>
            <dd>
              {v.started} of {v.places} {v.places === 1 ? 'place' : 'places'}
            </dd>
          </dl>
          <p className="muted">{startNote}</p>
        </section>
      </div>
      <PipelineTable vacancy={v} />
      {canEdit && v.status === 'open' && <ShortlistPanel vacancy={v} />}
      {canEdit && v.status !== 'open' && (
        <p className="muted">
          This vacancy is {labelFor(vacancyStatuses, v.status).toLowerCase()}: reopen it to put more people forward.
        </p>
      )}
    </>
  );
}
