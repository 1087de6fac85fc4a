// One course run: its heading and facts, and tabs for details, enrolments (with the waiting
// list), registers, results and its dashboard. Tabs are links (#/courses/12/register) so the
// browser's back button and a reload keep the place.
import { PageHeader } from '../../components/PageHeader';
import { useChannel } from '../../api/use-channel';
import { formatUkDate } from '../../../shared/domain/dates';
import { RunDetailsTab } from './RunDetailsTab';
import { EnrolmentsTab } from './EnrolmentsTab';
import { RegisterTab } from './RegisterTab';
import { ResultsTab } from './ResultsTab';
import { RunDashboardTab } from './RunDashboardTab';
import { runStatusLabels, runStatusTag } from './format';
import { coursesRoutes } from './courses.routes';

const tabs = [
  ['details', 'Details'],
  ['enrolments', 'Enrolments'],
  ['register', 'Registers'],
  ['results', 'Results'],
  ['dashboard', 'Dashboard'],
] as const;

export function RunPage({ id, tab }: { id: number; tab: string }) {
  const run = useChannel('courses.runs.get', { id }, { areas: ['courses'] });
  if (run.error) {
    return (
      <>
        <PageHeader title="Course run" back={{ label: 'Back to course runs', href: coursesRoutes.runs.href() }} />
        <p role="alert" className="error-message">
          {run.error.message}
        </p>
      </>
    );
  }
  const r = run.data;
  const current = tabs.find(([key]) => key === tab)?.[0] ?? 'details';
  return (
    <>
      <PageHeader
        back={{ label: 'Back to course runs', href: coursesRoutes.runs.href() }}
        title={r ? `${r.courseType}, ${formatUkDate(r.startDate)}` : 'Course run'}
        subtitle={
          r && (
            <>
              <span className={`tag ${runStatusTag[r.status]}`}>{runStatusLabels[r.status]}</span>{' '}
              {formatUkDate(r.startDate)} to {formatUkDate(r.endDate)}
              {r.provider ? ` · ${r.provider}` : ''} · {r.counts.enrolled + r.counts.completed + r.counts.notCompleted}{' '}
              of {r.capacity} places taken
              {r.counts.waiting ? ` · ${r.counts.waiting} waiting` : ''}
            </>
          )
        }
      />
      {/* The run's own tabs look like an area's (SubNav's styles); their addresses carry the run. */}
      <nav className="subnav" aria-label="Course run sections">
        <ul>
          {tabs.map(([key, label]) => (
            <li key={key}>
              <a href={coursesRoutes.run.href({ id, tab: key })} aria-current={key === current ? 'page' : undefined}>
                {label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {r && current === 'details' && <RunDetailsTab run={r} />}
      {r && current === 'enrolments' && <EnrolmentsTab run={r} />}
      {r && current === 'register' && <RegisterTab run={r} />}
      {r && current === 'results' && <ResultsTab run={r} />}
      {r && current === 'dashboard' && <RunDashboardTab runId={r.id} />}
    </>
  );
}
