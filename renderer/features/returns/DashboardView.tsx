// The dashboard: headline figures for a period (default this financial year), each indicator of a
// chosen set against its target and profile, and charts of starts by month, outcomes by type, the pathway funnel and the breakdowns, each with its data
// table, a PNG download and the tables as xlsx.
import { useEffect, useState } from 'react';
import { currentQuery, onAddressEntered, setSearchParams } from '../../app/router';
import { isIsoDate } from '../../../shared/domain/dates';
import { sendEarly, useChannel } from '../../api/use-channel';
import { useCan } from '../../app/session-context';
import { exportAndSave } from '../../components/export-job';
import { useToasts } from '../../components/Toasts';
import { ChartFigure } from './ChartFigure';
import { AreaBreakdownFigure } from './AreaBreakdownFigure';
import { TargetsFigure } from './TargetsFigure';
import { PeriodPicker, type PeriodValue } from './PeriodPicker';
import { returnsRoutes } from './returns.routes';
import { eventsRoutes } from '../events/events.routes';
import { outcomesRoutes } from '../outcomes/outcomes.routes';
import { formatPounds } from '../../../shared/domain/outcome-lists';

function linkedPeriod(): PeriodValue | null {
  const q = currentQuery();
  const from = q.get('from');
  const to = q.get('to');
  return from && to && isIsoDate(from) && isIsoDate(to) ? { from, to } : null;
}

// Counting the dashboard afresh takes the backend a few hundred milliseconds at 100,000 people, its
// headline figures (the first screen) about a fifth of that: they are asked for as soon as the
// address names the dashboard with its period, so the backend counts while the screen it replaces
// (the participants grid: 50-90 ms) is taken down. The whole (the charts) is asked for as soon as
// the figures' answer is in, so the backend counts the charts while the window shows the figures
// (the whole's useChannel, below, takes that answer).
onAddressEntered((hash) => {
  const period = returnsRoutes.dashboard.match(hash.replace(/^#\/?/, '').split('?')[0] ?? '') && linkedPeriod();
  if (!period) return;
  void sendEarly('returns.dashboardFigures', period).then((figures) => {
    if (figures.ok) sendEarly('returns.dashboard', { from: figures.value.from, to: figures.value.to });
  });
});

export function DashboardView() {
  // The period chosen is kept in the address (?from=&to=), so Back and a reload keep it.
  const [linked] = useState(linkedPeriod);
  const [period, setPeriod] = useState<PeriodValue | null>(linked);
  useEffect(() => setSearchParams({ from: period?.from, to: period?.to }), [period?.from, period?.to]);
  const toasts = useToasts();
  // The figures first, shown as soon as they come; the whole dashboard (its charts) asked for only
  // once they are in, so the two never share the one backend and slow the figures. The backend
  // takes the whole's figures from the figures it kept, so it then counts only the charts. On a
  // data change the figures reload, and the whole follows them (asked afresh when `skip` clears).
  const figures = useChannel('returns.dashboardFigures', period ?? {}, {
    areas: ['returns', 'participants', 'courses', 'outcomes', 'events'],
    skip: !period,
  });
  const d = figures.data;
  const whole = useChannel('returns.dashboard', d ? { from: d.from, to: d.to } : {}, {
    skip: !d || figures.loading,
  });
  // The charts shown are those of the figures' period only (never an earlier period's under the
  // figures of a new one).
  const charts = whole.data && d && whole.data.from === d.from && whole.data.to === d.to ? whole.data : undefined;
  const error = figures.error ?? (charts ? undefined : whole.error);
  const sets = useChannel('returns.sets', {}, { areas: ['returns'] });
  const headlineSet = sets.data?.find((s) => s.code === 'SW-HEADLINE');

  // The tables as xlsx are a file leaving the app: officers and administrators only (returns.dashboard.export).
  const canExport = useCan('officer');
  const exportTablesAction = canExport ? () => void exportTables() : undefined;

  async function exportTables() {
    if (!d) return;
    await exportAndSave(
      'returns.dashboard.export',
      { from: d.from, to: d.to },
      toasts,
      (file) => `Saved ${file.fileName}`,
    );
  }

  return (
    <section aria-labelledby="dashboard-heading">
      <h2 id="dashboard-heading">Dashboard</h2>
      <PeriodPicker value={period} onChange={setPeriod} idPrefix="dashboard-period" initial={linked} />
      {error && (
        <p className="error-message" role="alert">
          {error.message}
        </p>
      )}
      {/* One status region, there from the start, so screen readers announce each step (a region
          added with its text already in is often not read). */}
      <p className="visually-hidden" role="status">
        {error ? '' : !d ? 'Counting…' : !charts ? 'Headline figures shown. Counting the charts…' : 'Charts shown.'}
      </p>
      {!d && !figures.error && <p aria-hidden="true">Counting…</p>}
      {d && (
        <>
          <h3>Headline figures, {d.periodLabel}</h3>
          <ul className="cards" aria-label="Headline figures">
            {d.headline.map((h) => (
              <li key={h.code} className="card">
                <div className="figure">{h.count.toLocaleString('en-GB')}</div>
                <div>{h.title}</div>
                <p className="sentence">{h.sentence}</p>
                {headlineSet && (
                  <a
                    href={returnsRoutes.build.href({}, { set: headlineSet.id, from: d.from, to: d.to, open: h.code })}
                    aria-label={`See who is counted in ${h.title}`}
                  >
                    See who is counted
                  </a>
                )}
              </li>
            ))}
            <li className="card">
              <div className="figure">{formatPounds(d.communityInvestment.pence)}</div>
              <div>Investment into local community projects</div>
              <p className="sentence">
                Community investment received in the period on {d.communityInvestment.contracts}{' '}
                {d.communityInvestment.contracts === 1 ? 'contract or obligation' : 'contracts and obligations'}.
              </p>
              <a href={outcomesRoutes.contracts.href()}>See the contracts</a>
            </li>
          </ul>
          <h3 id="events-figures">Events and activities, {d.periodLabel}</h3>
          <ul className="cards" aria-labelledby="events-figures">
            <li className="card">
              <div className="figure">{d.events.count.toLocaleString('en-GB')}</div>
              <div>Events and activities held</div>
              <p className="sentence">
                {d.events.byKind.length
                  ? d.events.byKind.map((k) => `${k.label}: ${k.count}`).join(', ')
                  : 'No events held in the period.'}
              </p>
              <a href={eventsRoutes.list.href()}>See the events</a>
            </li>
            <li className="card">
              <div className="figure">{d.events.headcount.toLocaleString('en-GB')}</div>
              <div>People counted at events</div>
              <p className="sentence">
                From the headcounts by age group (numbers only), with {d.events.namedAttendees.toLocaleString('en-GB')}{' '}
                {d.events.namedAttendees === 1 ? 'participant' : 'participants'} named as attending.
              </p>
            </li>
          </ul>
          {/* The targets table last, only with the charts: its returns.compute would otherwise
              compete with the charts' counting. */}
          {charts ? (
            <>
              <TargetsFigure from={d.from} to={d.to} />
              <h3>Charts</h3>
              <div className="chart-grid">
                <ChartFigure
                  id="chart-starts"
                  title="Starts by month"
                  categoryHeader="Month"
                  rows={charts.startsByMonth}
                  fileStem={`starts-by-month-${d.from}`}
                  onExportTables={exportTablesAction}
                />
                <ChartFigure
                  id="chart-outcomes"
                  title="Outcomes by type"
                  categoryHeader="Outcome type"
                  rows={charts.outcomesByType}
                  horizontal
                  fileStem={`outcomes-by-type-${d.from}`}
                  onExportTables={exportTablesAction}
                />
                <ChartFigure
                  id="chart-funnel"
                  title="Pathway: people referred in the period and how far they got"
                  categoryHeader="Stage"
                  rows={charts.funnel}
                  horizontal
                  fileStem={`pathway-${d.from}`}
                  onExportTables={exportTablesAction}
                />
                <ChartFigure
                  id="chart-district"
                  title="Starts by postcode district"
                  categoryHeader="Postcode district"
                  rows={charts.byDistrict}
                  fileStem={`starts-by-district-${d.from}`}
                  onExportTables={exportTablesAction}
                />
                <ChartFigure
                  id="chart-barriers"
                  title="Starts by target group (barrier)"
                  categoryHeader="Target group"
                  rows={charts.byBarrier}
                  horizontal
                  fileStem={`starts-by-target-group-${d.from}`}
                  onExportTables={exportTablesAction}
                />
                <AreaBreakdownFigure
                  id="chart-ward"
                  title="Starts and outcomes by ward"
                  categoryHeader="Ward"
                  rows={charts.areas.byWard}
                  horizontal
                  fileStem={`by-ward-${d.from}`}
                  onExportTables={exportTablesAction}
                />
                <AreaBreakdownFigure
                  id="chart-decile"
                  title="Starts and outcomes by deprivation decile (IMD, 1 = most deprived)"
                  categoryHeader="IMD decile"
                  rows={charts.areas.byDecile}
                  fileStem={`by-deprivation-decile-${d.from}`}
                  onExportTables={exportTablesAction}
                />
              </div>
              <p className="muted">
                Wards and deprivation deciles come from the postcode directory and the Indices of Deprivation loaded in
                Settings → Geography. The pathway follows the people referred in the period to any later stage.
              </p>
            </>
          ) : (
            !whole.error && <p aria-hidden="true">Counting the charts…</p>
          )}
        </>
      )}
    </section>
  );
}
