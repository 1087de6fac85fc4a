// How previews and reconciliations are shown: counts, grid pages, one row's detail, and the
// sheet view used while mapping (headers, samples, suggestions, date columns, distinct values).
import type { GridQuery } from '../../../shared/contract/common';
import type {
  PreviewCounts,
  PreviewGridRow,
  PreviewRowDetail,
  ReconcileGridRow,
  RunToCreate,
  SheetView,
} from '../../../shared/contract/imports.contract';
import { tableOf } from '../../../shared/domain/import-sheet';
import { cellText, excelSerialToIso, judgeDateColumn, type RawCell } from '../../../shared/domain/import-values';
import { formatUkDate } from '../../../shared/domain/dates';
import { suggestColumns, fieldOf, type ImportKind } from '../../../shared/domain/import-profile';
import { formatNi } from '../../../shared/domain/identifiers';
import type { ImportSource } from './import-source';
import type { PreviewRowState, PreviewState, ReconcileState } from './import-state';
import { displayName } from './import-preview';
import { checkGridQuery, gridColumnRules } from '../grid/grid-query';

/** A cell as the user would see it in Excel: date cells as dd/mm/yyyy. */
function showCell(c: RawCell, date1904: boolean): string {
  if (c !== null && typeof c === 'object') {
    const d = excelSerialToIso(c.serial, date1904);
    return d.ok ? formatUkDate(d.value) : `(${d.reason})`;
  }
  return cellText(c);
}

export function sheetView(source: ImportSource, sheet: string, kind: ImportKind, headerRow?: number): SheetView {
  const table = tableOf(source.readSheet(sheet), headerRow);
  const sampleRows = table.rows
    .slice(0, 200)
    .map((r) => r.cells.map((c) => (c !== null && typeof c === 'object' ? `serial:${c.serial}` : cellText(c))));
  const suggestions = suggestColumns(kind, table.headers, sampleRows);
  const dateColumns = table.headers.flatMap((header, i) => {
    const suggested = suggestions.find((s) => s.column === i);
    const isDate = suggested ? fieldOf(kind, suggested.field)?.type === 'date' : false;
    const verdict = judgeDateColumn(table.rows.map((r) => r.cells[i] ?? null));
    if (!isDate && verdict.numericForms === 0) return [];
    return [{ header, ambiguous: verdict.ambiguous, suggested: verdict.suggested, numericForms: verdict.numericForms }];
  });
  const distinctValues: Record<string, string[]> = {};
  table.headers.forEach((header, i) => {
    const set = new Set<string>();
    for (const r of table.rows.slice(0, 5000)) {
      const c = r.cells[i];
      if (typeof c !== 'string' && typeof c !== 'boolean') continue;
      const t = cellText(c);
      if (t.length > 40) return;
      set.add(t);
      if (set.size > 20) return;
    }
    if (set.size) distinctValues[header] = [...set].sort();
  });
  return {
    sheet: table.sheet,
    headerRow: table.headerRow,
    headers: table.headers,
    samples: table.rows.slice(0, 8).map((r) => r.cells.map((c) => showCell(c, source.date1904))),
    rowCount: table.rows.length,
    skippedBlank: table.skippedBlank,
    skippedTotals: table.skippedTotals,
    suggestions,
    dateColumns,
    distinctValues,
  };
}

export function previewCounts(p: PreviewState): PreviewCounts {
  const c = { total: p.rows.length, new: 0, changed: 0, unchanged: 0, review: 0, repeat: 0, error: 0, accepted: 0 };
  for (const r of p.rows) {
    c[r.status]++;
    if (r.decision === 'accept' && (r.status === 'new' || r.status === 'changed')) c.accepted++;
  }
  return c;
}

function detailText(r: PreviewRowState): string {
  if (r.status === 'error') return r.problems.map((p) => `${p.column}: ${p.message}`).join('; ');
  if (r.status === 'review' || r.status === 'repeat') return r.reviewReason ?? 'Needs review';
  if (r.status === 'changed')
    return r.changes
      .map((c) =>
        c.field === 'new_referral'
          ? `Add a new referral on ${c.to} (${c.from})`
          : `${c.label}: ${c.from ?? '(blank)'} → ${c.to}`,
      )
      .join('; ');
  if (r.status === 'new') return r.warnings.length ? r.warnings.map((w) => w.message).join('; ') : 'Will be added';
  return 'Already in our records';
}

export function gridRow(r: PreviewRowState): PreviewGridRow {
  return {
    id: r.id,
    rowNumber: r.rowNumber,
    status: r.status,
    decision: r.decision,
    name: displayName(r.values),
    dateOfBirth: r.values.date_of_birth === undefined ? null : String(r.values.date_of_birth),
    niNumber: r.values.ni_number === undefined ? null : formatNi(String(r.values.ni_number)),
    match: r.matchLabel,
    detail: detailText(r),
  };
}

export function rowDetail(r: PreviewRowState): PreviewRowDetail {
  return {
    ...gridRow(r),
    values: r.values,
    changes: r.changes,
    problems: r.problems,
    warnings: r.warnings,
    candidates: r.candidates,
    matchId: r.matchId,
    duplicateOfRow: r.duplicateOfRow,
    reviewReason: r.reviewReason,
  };
}

/** The course runs the accepted rows would create, with their learners (distinct people). */
export function runsToCreate(p: PreviewState): RunToCreate[] {
  const runs = new Map<string, RunToCreate & { people: Set<number | string> }>();
  for (const r of p.rows) {
    const t = r.target;
    if (r.decision !== 'accept' || (r.status !== 'new' && r.status !== 'changed') || typeof t.newRunKey !== 'string')
      continue;
    let run = runs.get(t.newRunKey);
    if (!run) {
      run = {
        key: t.newRunKey,
        partnerCode: (t.newRunCode as string | null) ?? null,
        courseTypeCode: String(t.newRunTypeCode),
        courseType: String(t.newRunTypeName),
        title: (t.newRunTitle as string | null) ?? null,
        startDate: String(t.newRunStart),
        endDate: String(t.newRunEnd),
        learners: 0,
        people: new Set(),
      };
      runs.set(t.newRunKey, run);
    }
    run.people.add(r.matchId ?? `row ${r.rowNumber}`);
  }
  return [...runs.values()]
    .map(({ people, ...run }) => ({ ...run, learners: people.size }))
    .sort((a, b) => a.startDate.localeCompare(b.startDate) || a.key.localeCompare(b.key));
}

function searchable(text: string, search: string): boolean {
  return !search || text.toLowerCase().includes(search.toLowerCase());
}

export function previewPage(
  p: PreviewState,
  status: string,
  query: GridQuery,
): { rows: PreviewGridRow[]; total: number } {
  let rows = p.rows.filter((r) =>
    status === 'all'
      ? true
      : status === 'accepted'
        ? r.decision === 'accept' && (r.status === 'new' || r.status === 'changed')
        : status === 'rejected'
          ? r.decision === 'reject' && r.status !== 'unchanged'
          : r.status === status,
  );
  if (query.search)
    rows = rows.filter((r) =>
      searchable(`${displayName(r.values)} ${r.values.ni_number ?? ''} ${r.rowNumber}`, query.search),
    );
  checkGridQuery(query, previewGridColumns);
  const out = sortedInMemory(rows.map(gridRow), query.sort);
  return { rows: out.slice(query.offset, query.offset + query.limit), total: out.length };
}

/** The preview and reconciliation grids page rows held in memory: these columns sort. */
export const previewGridColumns = gridColumnRules<PreviewGridRow>({
  rowNumber: {},
  status: {},
  decision: {},
  name: {},
  detail: { sortable: false },
  match: {},
  dateOfBirth: {},
  niNumber: {},
});
export const reconcileGridColumns = gridColumnRules<ReconcileGridRow>({
  status: {},
  rowNumber: {},
  reference: {},
  name: {},
  detail: { sortable: false },
  accepted: {},
});

/** Sorted by the first sort column (numbers as numbers, the rest as text, blanks first), then by
 * id; `sort` was checked against the grid's columns. */
function sortedInMemory<Row extends { id: number }>(rows: Row[], sort: GridQuery['sort']): Row[] {
  const first = sort[0];
  if (!first) return rows;
  const k = first.colId as keyof Row;
  const dir = first.sort === 'asc' ? 1 : -1;
  const compare = (a: unknown, b: unknown) =>
    typeof a === 'number' && typeof b === 'number'
      ? a - b
      : String(a ?? '') < String(b ?? '')
        ? -1
        : String(a ?? '') > String(b ?? '')
          ? 1
          : 0;
  return [...rows].sort((a, b) => compare(a[k], b[k]) * dir || a.id - b.id);
}

export function reconcilePage(
  s: ReconcileState,
  status: string,
  query: GridQuery,
): { rows: ReconcileGridRow[]; total: number } {
  let rows = s.items.filter((i) => status === 'all' || i.status === status);
  if (query.search) rows = rows.filter((i) => searchable(`${i.name} ${i.reference ?? ''}`, query.search));
  checkGridQuery(query, reconcileGridColumns);
  const out = sortedInMemory(
    rows.map((i) => ({
      id: i.id,
      status: i.status,
      rowNumber: i.rowNumber,
      reference: i.reference,
      name: i.name,
      detail: i.detail,
      differences: i.differences,
      accepted: i.accepted,
    })),
    query.sort,
  );
  return { rows: out.slice(query.offset, query.offset + query.limit), total: out.length };
}
