// Return and dashboard workbooks. They are built from reads outside any transaction (a large
// programme takes seconds and must not hold the store); the caller records each export in the
// audit log in a small transaction of its own.
import { AppFailure } from '../../../shared/result';
import { describePeriod } from '../../../shared/domain/reporting-periods';
import { formatUkDate } from '../../../shared/domain/dates';
import type { Db, Tx } from '../../store/schema';
import { appendAudit } from '../audit/audit.repository';
import { writeXlsx } from '../export/xlsx-writer';
import { loadSetVersion } from './indicator-sets.repository';
import { computeLines } from './return.service';
import { findReturn, frozenLines, listReturns } from './returns.repository';
import { returnWorkbookName, writeReturnWorkbook } from './return-workbook';
import { funderOf } from './funders.service';
import { dashboard } from './dashboard.service';
import { peopleAreas } from '../geography/area-breakdown.service';

export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export type ReturnExportInput =
  | { returnId: number; purpose: string }
  | { setId: number; from: string; to: string; versionId?: number | undefined; purpose: string };

export interface BuiltExport {
  fileName: string;
  bytes: Uint8Array<ArrayBuffer>;
  rows: number;
  /** What was exported, for the audit entry. */
  what: string;
}

/** A submitted return as frozen, or a draft computed now. */
export async function buildReturnExport(db: Db, input: ReturnExportInput, today: string): Promise<BuiltExport> {
  let bytes: Uint8Array<ArrayBuffer>, fileName: string, rows: number, what: string;
  if ('returnId' in input) {
    const [summary] = await listReturns(db, { returnId: input.returnId });
    if (!summary) throw new AppFailure('not-found', 'That return does not exist.');
    const ret = await findReturn(db, input.returnId);
    if (!ret) throw new AppFailure('not-found', 'That return does not exist.');
    const sv = await loadSetVersion(db, summary.setId, ret.set_version_id);
    const lines = await frozenLines(db, input.returnId);
    const funder = await funderOf(db, sv.set.funderId);
    bytes = await writeReturnWorkbook({
      sv,
      funderName: funder.name,
      personalColumns: funder.personalColumns,
      from: summary.from,
      to: summary.to,
      periodLabel: summary.periodLabel,
      lines,
      areas: await peopleAreas(
        db,
        lines.map((l) => l.personId),
      ),
      status: `Submitted ${formatUkDate(summary.submittedAt.slice(0, 10))} by ${summary.submittedBy ?? 'unknown'}`,
      producedOn: today,
    });
    fileName = returnWorkbookName(sv.set.code, summary.from, summary.to).replace(
      '.xlsx',
      `-submitted-${input.returnId}.xlsx`,
    );
    rows = lines.length;
    what = `submitted return ${input.returnId} (${sv.set.code}, ${summary.periodLabel})`;
  } else {
    const sv = await loadSetVersion(db, input.setId, input.versionId);
    const byCode = await computeLines(db, sv, input);
    const lines = [...byCode.values()].flat();
    const funder = await funderOf(db, sv.set.funderId);
    const periodLabel = describePeriod(input.from, input.to);
    bytes = await writeReturnWorkbook({
      sv,
      funderName: funder.name,
      personalColumns: funder.personalColumns,
      from: input.from,
      to: input.to,
      periodLabel,
      lines,
      areas: await peopleAreas(
        db,
        lines.map((l) => l.personId),
      ),
      status: 'Draft (not submitted)',
      producedOn: today,
    });
    fileName = returnWorkbookName(sv.set.code, input.from, input.to);
    rows = lines.length;
    what = `draft return ${sv.set.code} v${sv.version}, ${periodLabel}`;
  }
  return { fileName, bytes, rows, what };
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
    after: { fileName: built.fileName, rows: built.rows, purpose: input.purpose },
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
