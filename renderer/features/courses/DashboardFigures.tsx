// The course figures as cards: fill, completion, HS&E pass and attendance rates, each with the
// counts behind it so nobody has to guess what a percentage is of.
import type { Dashboard } from '../../../shared/contract/courses.contract';
import { pct } from './format';

export function DashboardFigures({
  o,
  showSiteReady,
  siteReadyNote = 'people who meet the site-ready rule today',
}: {
  o: Dashboard['overall'];
  showSiteReady: boolean;
  siteReadyNote?: string;
}) {
  const figures: Array<[string, string, string]> = [
    ['Fill rate', pct(o.fillRate), `${o.seats} places taken of ${o.capacity}`],
    ['Completion rate', pct(o.completionRate), `${o.completed} completed of ${o.seats} with a place`],
    ['HS&E pass rate', pct(o.hsePassRate), `${o.hsePassed} passes of ${o.hseTaken} tests taken`],
    ['Attendance rate', pct(o.attendanceRate), 'present or late, of sessions marked (excused left out)'],
    ['CSCS cards', String(o.cardsIssued), 'cards recorded from these runs'],
  ];
  if (showSiteReady) figures.push(['Site ready now', String(o.siteReadyNow), siteReadyNote]);
  return (
    <div className="cards">
      {figures.map(([label, figure, note]) => (
        <div className="card" key={label}>
          <h3 className="figure-label">{label}</h3>
          <div className="figure">{figure}</div>
          <p className="muted flush">{note}</p>
        </div>
      ))}
    </div>
  );
}
