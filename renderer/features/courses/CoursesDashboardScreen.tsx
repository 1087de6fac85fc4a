// The course dashboard: figures over all runs that start in a chosen period, and each run's
// rates in a table (cancelled runs are listed but left out of the totals).
import { PageHeader } from '../../components/PageHeader';
import { EmptyState } from '../../components/EmptyState';
import { useChannel } from '../../api/use-channel';
import { formatUkDate, isIsoDate } from '../../../shared/domain/dates';
import { coursesTabs, coursesRoutes } from './courses.routes';
import { DashboardFigures } from './DashboardFigures';
import { DateInput } from '../../components/form/DateInput';
import { useSearchParam } from '../../app/router';
import { pct, runStatusLabels } from './format';
import { ToolbarField } from '../../components/ToolbarField';
import { TableScroll } from '../../components/TableScroll';

export function CoursesDashboardScreen() {
  // The period chosen stays in the address (?from=&to=), so Back and a reload keep it.
  const [from, setFrom] = useSearchParam('from');
  const [to, setTo] = useSearchParam('to');
  const dash = useChannel(
    'courses.dashboard',
    { ...(from && isIsoDate(from) ? { from } : {}), ...(to && isIsoDate(to) ? { to } : {}) },
    { areas: ['courses'] },
  );
  return (
    <>
      <PageHeader
        tabs={coursesTabs}
        title="Course dashboard"
        subtitle="Runs that start in the period chosen; blank dates mean all runs"
      />
      <div className="toolbar">
        <ToolbarField id="dash-from" label="Runs starting from">
          <DateInput id="dash-from" value={from} onChange={setFrom} />
        </ToolbarField>
        <ToolbarField id="dash-to" label="to">
          <DateInput id="dash-to" value={to} onChange={setTo} />
        </ToolbarField>
      </div>
      {dash.error && (
        <p role="alert" className="error-message">
          {dash.error.message}
        </p>
      )}
      {dash.data && dash.data.runs.length === 0 && (
        <EmptyState title="No course runs in this period">Plan a course run, or widen the dates.</EmptyState>
      )}
      {dash.data && dash.data.runs.length > 0 && (
        <>
          {/* The figures' cards have h3 headings (as under a run's Dashboard tab): this h2 keeps the
              outline whole for a screen reader without a line the eye needs. */}
          <h2 className="visually-hidden">Across these runs</h2>
          <DashboardFigures o={dash.data.overall} showSiteReady />
          <h2>By run ({dash.data.runs.length})</h2>
          <TableScroll>
            <table className="data">
              <caption className="visually-hidden">Rates for each run</caption>
              <thead>
                <tr>
                  <th scope="col">Starts</th>
                  <th scope="col">Course</th>
                  <th scope="col">Status</th>
                  <th scope="col" className="num">
                    Places
                  </th>
                  <th scope="col" className="num">
                    Fill
                  </th>
                  <th scope="col" className="num">
                    Completion
                  </th>
                  <th scope="col" className="num">
                    HS&amp;E pass
                  </th>
                  <th scope="col" className="num">
                    Attendance
                  </th>
                </tr>
              </thead>
              <tbody>
                {dash.data.runs.map((r) => (
                  <tr key={r.id}>
                    <td>
                      <a href={coursesRoutes.run.href({ id: r.id, tab: 'dashboard' })}>{formatUkDate(r.startDate)}</a>
                    </td>
                    <td>{r.courseType}</td>
                    <td>{runStatusLabels[r.status]}</td>
                    <td className="num">
                      {r.seats}/{r.capacity}
                    </td>
                    <td className="num">{pct(r.fillRate)}</td>
                    <td className="num">{pct(r.completionRate)}</td>
                    <td className="num">{r.hseTaken ? `${pct(r.hsePassRate)} of ${r.hseTaken}` : '–'}</td>
                    <td className="num">{pct(r.attendanceRate)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        </>
      )}
    </>
  );
}
