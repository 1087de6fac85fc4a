// Return workbooks (the aggregate return and the evidence pack) and the dashboard workbook, each
// made by an export job (export-job.ts): built from reads outside any transaction (a large
// programme takes seconds and must not hold the store), then recorded in the audit log in a small
// transaction of its own.
import { AppFailure } from '../../../shared/result';
import { describePeriod } from '../../../shared/domain/reporting-periods';
import { formatUkDate } from '../../../shared/domain/dates';
import { progressOf } from '../../../shared/domain/targets';
import type { Db, Tx } from '../../store/schema';
import { appendAudit } from '../audit/audit.repository';
import { writeXlsx } from '../export/xlsx-writer';
import type { ExportStage, RowTracker } from '../export/export-job';
import { loadSetVersion, type SetVersion } from './indicator-sets.repository';
import {
  agreementCheckOf,
  computeLines,
  computeReturn,
  cumulativeStart,
  refuseOutsideAgreement,
  splitByProject,
} from './return.service';
import { claimedToDate, findReturn, frozenLines, listReturns } from './returns.repository';
import {
  evidencePackName,
  returnWorkbookName,
  writeAggregateWorkbook,
  writeEvidencePack,
  type AggregateFigure,
  type PeriodTotals,
} from './return-workbook';
import { funderOf } from './funders.service';
import { dashboard } from './dashboard.service';
import { listTargets } from './targets.repository';
import type { ClaimLine } from './indicator-engine';
import { peopleAreas } from '../geography/area-breakdown.service';

export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export type ReturnExportInput =
  | { returnId: number; purpose: string; part: 'aggregate' | 'evidence' }
  | {
      setId: number;
      from: string;
      to: string;
      versionId?: number | undefined;
      purpose: string;
      part: 'aggregate' | 'evidence';
    };

export interface BuiltExport {
  fileName: string;
  bytes: Uint8Array<ArrayBuffer>;
  rows: number;
  /** What was exported, for the audit entry. */
  what: string;
}

function figureOf(
  i: SetVersion['indicators'][number],
  lines: ClaimLine[],
  progress: Omit<
    AggregateFigure,
    | 'code'
    | 'interventionCode'
    | 'title'
    | 'unit'
    | 'definitionStatus'
    | 'agreedBy'
    | 'agreedOn'
    | 'sentence'
    | 'byProject'
  >,
): AggregateFigure {
  return {
    code: i.code,
    interventionCode: i.interventionCode,
    title: i.title,
    unit: i.unit,
    definitionStatus: i.definitionStatus,
    agreedBy: i.agreedBy,
    agreedOn: i.agreedOn,
    sentence: i.sentence,
    byProject: splitByProject(lines, i.interventionCode),
    ...progress,
  };
}

/** A line's claim key as the indicator counts (person, employer or item). */
function claimKey(
  countDistinct: string,
  r: { person_id: number | null; employer_id: number | null; item_kind: string; item_id: number },
) {
  if (countDistinct === 'participant') return `p:${r.person_id}`;
  if (countDistinct === 'employer') return `e:${r.employer_id}`;
  return `${r.item_kind}:${r.item_id}`;
}

async function earlierReturns(db: Db, setId: number, keep: (r: { id: number; to: string; from: string }) => boolean) {
  const rows = (await listReturns(db)).filter((r) => r.setId === setId && keep(r));
  return rows
    .sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : a.id - b.id))
    .map((r): PeriodTotals => ({ periodLabel: r.periodLabel, totals: r.totals }));
}

/** How an export job follows the build: a stage reached (Cancel is checked there) and the rows as written. */
interface BuildSteps {
  stage: ExportStage;
  track: RowTracker;
}

/** What the build would refuse before counting anything, checked by the channel call itself so
 * the window shows it at once (the job is not started): an unknown return, set or version, or a
 * period outside the set's funding agreement. */
export async function refuseReturnExport(db: Db, input: ReturnExportInput): Promise<void> {
  if ('returnId' in input) {
    if (!(await findReturn(db, input.returnId))) throw new AppFailure('not-found', 'That return does not exist.');
    return;
  }
  refuseOutsideAgreement(await loadSetVersion(db, input.setId, input.versionId), input);
}

/** A submitted return as frozen, or a draft computed now: the aggregate return or the evidence pack. */
export async function buildReturnExport(
  db: Db,
  input: ReturnExportInput,
  today: string,
  steps: BuildSteps,
): Promise<BuiltExport> {
  await steps.stage('Counting the claim lines');
  let sv: SetVersion, lines: ClaimLine[], from: string, to: string, periodLabel: string, status: string;
  let figures: () => Promise<{
    figures: AggregateFigure[];
    earlier: PeriodTotals[];
    cumulativeFrom: string;
    notes: string[];
  }>;
  let stem: string, what: string;
  if ('returnId' in input) {
    const [summary] = await listReturns(db, { returnId: input.returnId });
    const ret = await findReturn(db, input.returnId);
    if (!summary || !ret) throw new AppFailure('not-found', 'That return does not exist.');
    const frozenSv = await loadSetVersion(db, summary.setId, ret.set_version_id);
    sv = frozenSv;
    lines = await frozenLines(db, input.returnId);
    ({ from, to, periodLabel } = summary);
    status = `Submitted ${formatUkDate(summary.submittedAt.slice(0, 10))} by ${summary.submittedBy ?? 'unknown'}`;
    stem = `-submitted-${input.returnId}`;
    what = `submitted return ${input.returnId} (${sv.set.code}, ${summary.periodLabel})`;
    const frozen = lines;
    figures = async () => {
      // Cumulative as claimed: every line of this set's returns up to this one, each claim once.
      const claimed = await claimedToDate(db, frozenSv.set.id, input.returnId);
      const targets = new Map((await listTargets(db, frozenSv.set.id)).map((t) => [t.indicatorCode, t]));
      const out = frozenSv.indicators.map((i) => {
        const mine = frozen.filter((l) => l.indicatorCode === i.code);
        const cumulative = new Set(
          claimed.filter((c) => c.indicator_code === i.code).map((c) => claimKey(i.rule.countDistinct, c)),
        ).size;
        return figureOf(i, mine, {
          count: mine.length,
          cumulative,
          ...progressOf(targets.get(i.code), cumulative, from, to),
        });
      });
      return {
        figures: out,
        earlier: await earlierReturns(db, frozenSv.set.id, (r) => r.id < input.returnId),
        cumulativeFrom: cumulativeStart(frozenSv, { from, to }),
        notes: agreementNotes(frozenSv, agreementCheckOf(frozenSv, { from, to }, today).messages),
      };
    };
  } else {
    sv = await loadSetVersion(db, input.setId, input.versionId);
    from = input.from;
    to = input.to;
    refuseOutsideAgreement(sv, input);
    periodLabel = describePeriod(from, to);
    const byCode = await computeLines(db, sv, input);
    lines = [...byCode.values()].flat();
    status = 'Draft (not submitted)';
    stem = '';
    what = `draft return ${sv.set.code} v${sv.version}, ${periodLabel}`;
    const draftSv = sv;
    figures = async () => {
      const computed = await computeReturn(db, input.setId, input, today, input.versionId, false);
      const out = draftSv.indicators.map((i) => {
        const c = computed.indicators.find((x) => x.code === i.code)!;
        return figureOf(i, byCode.get(i.code) ?? [], {
          count: (byCode.get(i.code) ?? []).length,
          cumulative: c.cumulative,
          target: c.target,
          profileToDate: c.profileToDate,
          variance: c.variance,
          rag: c.rag,
        });
      });
      return {
        figures: out,
        earlier: await earlierReturns(db, draftSv.set.id, (r) => r.to < from),
        cumulativeFrom: computed.cumulativeFrom,
        notes: agreementNotes(draftSv, computed.agreement.messages),
      };
    };
  }
  const funder = await funderOf(db, sv.set.funderId);
  if (input.part === 'evidence') {
    await steps.stage(`Writing ${lines.length.toLocaleString('en-GB')} claim lines`);
    const bytes = await writeEvidencePack(
      {
        sv,
        funderName: funder.name,
        personalColumns: funder.personalColumns,
        periodLabel,
        lines,
        status,
        producedOn: today,
      },
      steps.track,
    );
    return {
      fileName: evidencePackName(sv.set.code, from, to).replace('.xlsx', `${stem}.xlsx`),
      bytes,
      rows: lines.length,
      what: `evidence pack of ${what}`,
    };
  }
  await steps.stage('Working out the figures');
  const f = await figures();
  await steps.stage('Writing the workbook');
  const bytes = await writeAggregateWorkbook({
    sv,
    funderName: funder.name,
    periodLabel,
    notes: f.notes,
    figures: f.figures,
    earlier: f.earlier,
    cumulativeFrom: f.cumulativeFrom,
    people: lines,
    periodEnd: to,
    areas: await peopleAreas(
      db,
      lines.map((l) => l.personId),
    ),
    status,
    producedOn: today,
  });
  return {
    fileName: returnWorkbookName(sv.set.code, from, to).replace('.xlsx', `${stem}.xlsx`),
    bytes,
    rows: lines.length,
    what: `aggregate ${what}`,
  };
}

function agreementNotes(sv: SetVersion, messages: string[]): string[] {
  const a = sv.set.agreement;
  if (!a) return messages;
  const end = a.endsOn ? formatUkDate(a.endsOn) : 'no end date';
  const closure = a.closureOn ? `; final claims by ${formatUkDate(a.closureOn)}` : '';
  return [`Funding agreement: ${a.name}, ${formatUkDate(a.startsOn)} to ${end}${closure}`, ...messages];
}

export async function recordReturnExport(
  tx: Tx,
  input: ReturnExportInput,
  built: BuiltExport,
  at: string,
  staffId: number | null,
): Promise<void> {
  await appendAudit(tx, at, staffId, {
    action: 'export',
    entity: 'return',
    entityId: 'returnId' in input ? input.returnId : null,
    summary: `Exported ${built.what}: ${built.rows} claim lines. Purpose: ${input.purpose}`,
    after: { fileName: built.fileName, rows: built.rows, purpose: input.purpose, part: input.part },
  });
}

/** The dashboard's tables (aggregate figures, no personal data) as a workbook. */
export async function buildDashboardExport(
  db: Db,
  from: string,
  to: string,
): Promise<{ fileName: string; bytes: Uint8Array<ArrayBuffer>; periodLabel: string }> {
  const d = await dashboard(db, from, to);
  type Row = { label: string; count: number };
  const table = (name: string, header: string, rows: Row[]) => ({
    name,
    preamble: [`Stevenage Works: ${name.toLowerCase()}`, `Period: ${d.periodLabel}`],
    columns: [
      { header, type: 'text' as const, width: 50, value: (r: Row) => r.label },
      { header: 'Count', type: 'integer' as const, width: 10, value: (r: Row) => r.count },
    ],
    rows,
  });
  type AreaRow = (typeof d.areas.byWard)[number];
  type MoneyRow = { label: string; pounds: number; contracts: number };
  const areaTable = (name: string, header: string, rows: AreaRow[]) => ({
    name,
    preamble: [`Stevenage Works: ${name.toLowerCase()}`, `Period: ${d.periodLabel}`],
    columns: [
      { header, type: 'text' as const, width: 50, value: (r: AreaRow) => r.label },
      { header: 'Starts', type: 'integer' as const, width: 10, value: (r: AreaRow) => r.starts },
      { header: 'Outcomes', type: 'integer' as const, width: 10, value: (r: AreaRow) => r.outcomes },
    ],
    rows,
  });
  const bytes = await writeXlsx(
    [
      table(
        'Headline figures',
        'Figure',
        d.headline.map((h) => ({ label: h.title, count: h.count })),
      ),
      table('Starts by month', 'Month', d.startsByMonth),
      table('Outcomes by type', 'Outcome type', d.outcomesByType),
      table('Pathway funnel', 'Stage', d.funnel),
      table('By postcode district', 'Postcode district', d.byDistrict),
      table('By target group', 'Target group (barrier)', d.byBarrier),
      areaTable('By ward', 'Ward', d.areas.byWard),
      areaTable('By deprivation decile', 'IMD decile (1 = most deprived)', d.areas.byDecile),
      {
        name: 'Social value',
        preamble: ['Stevenage Works: social value and Section 106', `Period: ${d.periodLabel}`],
        columns: [
          { header: 'Figure', type: 'text' as const, width: 50, value: (r: MoneyRow) => r.label },
          { header: 'Amount (£)', type: 'number' as const, width: 16, value: (r: MoneyRow) => r.pounds },
          {
            header: 'Contracts and obligations',
            type: 'integer' as const,
            width: 14,
            value: (r: MoneyRow) => r.contracts,
          },
        ],
        rows: [
          {
            label: 'Investment into local community projects',
            pounds: d.communityInvestment.pence / 100,
            contracts: d.communityInvestment.contracts,
          },
        ],
      },
      table('Events', 'Figure', [
        { label: 'Events and activities held', count: d.events.count },
        { label: 'People counted at them (headcounts)', count: d.events.headcount },
        { label: 'Participants named as attending', count: d.events.namedAttendees },
      ]),
      table('Events by kind', 'Kind of event', d.events.byKind),
    ],
    { title: `Stevenage Works dashboard ${d.periodLabel}` },
  );
  return { fileName: `dashboard-${from}-to-${to}.xlsx`, bytes, periodLabel: d.periodLabel };
}

export async function recordDashboardExport(
  tx: Tx,
  built: { fileName: string; periodLabel: string },
  at: string,
  staffId: number | null,
): Promise<void> {
  await appendAudit(tx, at, staffId, {
    action: 'export',
    entity: 'dashboard',
    summary: `Exported dashboard tables (aggregate figures, no personal data) for ${built.periodLabel}`,
    after: { fileName: built.fileName },
  });
}
