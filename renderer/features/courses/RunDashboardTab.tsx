// One run's figures: fill, completion, HS&E pass and attendance rates.
import { useChannel } from '../../api/use-channel';
import { DashboardFigures } from './DashboardFigures';

export function RunDashboardTab({ runId }: { runId: number }) {
  const dash = useChannel('courses.dashboard', { runId }, { areas: ['courses'] });
  if (dash.error)
    return (
      <p role="alert" className="error-message">
        {dash.error.message}
      </p>
    );
  if (!dash.data) return <p aria-busy="true">Loading…</p>;
  return (
    <>
      <h2>Dashboard</h2>
      <DashboardFigures
        o={dash.data.overall}
        showSiteReady
        siteReadyNote="of this run's people meet the site-ready rule today"
      />
    </>
  );
}
