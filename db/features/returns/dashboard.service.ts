// The programme dashboard for a period: the headline figures (the Stevenage Works headline
// indicator set, counted by its rules), starts by month, outcomes by type, the pathway funnel
// and breakdowns by postcode district, target group, ward and deprivation decile. The people who
// started are read in one grouped pass, the outcomes in two (by type, and by area), and folded
// into their breakdowns (dashboard-cells.ts); this module shapes them for the screen. The figures
// (the first screen) and the charts are counted apart, so the window can show the figures first.
import type { Dashboard, DashboardFigures, CountRow } from '../../../shared/contract/returns.contract';
import { describePeriod, financialYear, financialYearOf } from '../../../shared/domain/reporting-periods';
import { addMonthsIso } from '../../../shared/domain/dates';
import type { Db } from '../../store/schema';
import { dataAreas, type DataArea } from '../../../shared/contract/define';
import { findSetByCode, loadSetVersion } from './indicator-sets.repository';
import { computeCounts } from './return.service';
import { activeOutcomeTypes, countByBarrier, countFunnel, outcomeCells, startCells } from './dashboard.repository';
import { foldOutcomes, foldStarts } from './dashboard-cells';
import { dashboardAreas } from '../geography/area-breakdown.service';
import { communityInvestmentIn } from '../outcomes/contracts.repository';
import { eventsInPeriod } from '../events/events.repository';

export const HEADLINE_SET = 'SW-HEADLINE';

/** The data areas the dashboard's figures are read from: every area but the audit log, backups
 * and saved grid views. A kept dashboard (the backend's read cache) is forgotten when any of
 * them changes. */
export const dashboardReads: readonly DataArea[] = dataAreas.filter(
  (a) => a !== 'audit' && a !== 'backups' && a !== 'views',
);

export function defaultPeriod(today: string): { from: string; to: string } {
  const fy = financialYear(financialYearOf(today));
  return { from: fy.from, to: fy.to };
}

export async function headlineFigures(db: Db, from: string, to: string): Promise<Dashboard['headline']> {
  const set = await findSetByCode(db, HEADLINE_SET);
  if (!set) return [];
  const sv = await loadSetVersion(db, set.id);
  const counts = await computeCounts(db, sv, { from, to });
  return sv.indicators.map((i) => ({
    code: i.code,
    title: i.title,
    unit: i.unit,
    count: counts.get(i.code) ?? 0,
    sentence: i.sentence,
  }));
}

/** Every month of the period, those without starts as 0 (at most ten years). */
function startsByMonth(byMonth: Map<string, number>, from: string, to: string): CountRow[] {
  const out: CountRow[] = [];
  for (let m = `${from.slice(0, 7)}-01`; m.slice(0, 7) <= to.slice(0, 7) && out.length < 120; m = addMonthsIso(m, 1)) {
    const key = m.slice(0, 7);
    const label = new Date(`${m}T00:00:00Z`).toLocaleDateString('en-GB', {
      month: 'short',
      year: 'numeric',
      timeZone: 'UTC',
    });
    out.push({ key, label, count: byMonth.get(key) ?? 0 });
  }
  return out;
}

async function funnel(db: Db, from: string, to: string): Promise<CountRow[]> {
  const c = await countFunnel(db, from, to);
  return [
    { key: 'referred', label: 'Referred', count: c.referred },
    { key: 'enrolled', label: 'Enrolled on a course', count: c.enrolled },
    { key: 'completed', label: 'Completed a course', count: c.completed },
    { key: 'site_ready', label: 'Site ready', count: c.siteReady },
    { key: 'submitted', label: 'Put forward for a vacancy', count: c.submitted },
    { key: 'interviewed', label: 'Interviewed', count: c.interviewed },
    { key: 'offered', label: 'Offered a job', count: c.offered },
    { key: 'job', label: 'Job or apprenticeship', count: c.job },
  ];
}

/** The dashboard's first screen: the headline figures (about a fifth of the whole dashboard's
 * counting at 100,000 people), asked for on their own so the window shows them first. */
export async function dashboardFigures(db: Db, from: string, to: string): Promise<DashboardFigures> {
  return {
    from,
    to,
    periodLabel: describePeriod(from, to),
    headline: await headlineFigures(db, from, to),
    communityInvestment: await communityInvestmentIn(db, from, to),
    events: await eventFigures(db, from, to),
  };
}

export type DashboardCharts = Omit<Dashboard, keyof DashboardFigures>;

/** The rest of the dashboard: what its charts draw. */
export async function dashboardCharts(db: Db, from: string, to: string): Promise<DashboardCharts> {
  const starts = foldStarts(await startCells(db, from, to));
  const outcomes = foldOutcomes(await outcomeCells(db, from, to));
  return {
    startsByMonth: startsByMonth(starts.byMonth, from, to),
    outcomesByType: (await activeOutcomeTypes(db)).map((t) => ({
      key: t.code,
      label: t.label,
      count: outcomes.byType.get(t.code) ?? 0,
    })),
    funnel: await funnel(db, from, to),
    byDistrict: starts.byDistrict.map((r) => ({ key: r.district, label: r.district, count: r.count })),
    byBarrier: (await countByBarrier(db, from, to)).map((r) => ({ key: r.code, label: r.label, count: r.count })),
    areas: await dashboardAreas(db, starts, outcomes),
  };
}

/** The whole dashboard (the export, the CLI and the returns.dashboard channel): its figures, from
 * `figures` when given (the channel passes the backend's kept figures, so they are not counted
 * twice), and its charts, in the order of the contract's schema. */
export async function dashboard(
  db: Db,
  from: string,
  to: string,
  figures: () => Promise<DashboardFigures> = () => dashboardFigures(db, from, to),
): Promise<Dashboard> {
  const f = await figures();
  const c = await dashboardCharts(db, from, to);
  return {
    from: f.from,
    to: f.to,
    periodLabel: f.periodLabel,
    headline: f.headline,
    startsByMonth: c.startsByMonth,
    outcomesByType: c.outcomesByType,
    funnel: c.funnel,
    byDistrict: c.byDistrict,
    byBarrier: c.byBarrier,
    areas: c.areas,
    communityInvestment: f.communityInvestment,
    events: f.events,
  };
}

/** Events held in the period, by kind (labels from the reference list, most events first). */
async function eventFigures(db: Db, from: string, to: string): Promise<Dashboard['events']> {
  const rows = await eventsInPeriod(db, from, to);
  const byKind = new Map<string, CountRow>();
  for (const r of rows) {
    const row = byKind.get(r.kind) ?? { key: r.kind, label: r.kind_label ?? r.kind, count: 0 };
    row.count++;
    byKind.set(r.kind, row);
  }
  return {
    count: rows.length,
    headcount: rows.reduce((sum, r) => sum + Number(r.n_headcount), 0),
    namedAttendees: rows.reduce((sum, r) => sum + Number(r.n_attendees), 0),
    byKind: [...byKind.values()].sort((a, b) => b.count - a.count || a.label.localeCompare(b.label)),
  };
}
