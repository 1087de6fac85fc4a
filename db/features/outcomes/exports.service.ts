// The area's two grid exports, placements and outcomes: the current view with the columns an
// officer sees, audited as an export.
import type { FileOutput, GridQuery } from '../../../shared/contract/common';
import type { OutcomeGridRow, PlacementGridRow } from '../../../shared/contract/outcomes-schemas';
import {
  labelFor,
  placementKinds,
  placementStatuses,
  sectors,
  verificationStatuses,
} from '../../../shared/domain/outcome-lists';
import type { Db, Tx } from '../../store/schema';
import type { XlsxColumn } from '../export/xlsx-writer';
import { untracked, type RowTracker } from '../export/export-job';
import type { Actor } from '../participants/participants.service';
import { auditViewExport, exportView, writeView, type ViewExport } from './grid-export';
import { allOutcomes, pageOutcomes } from './outcomes.repository';
import { allPlacements, pagePlacements } from './placements.repository';

const placementColumns: XlsxColumn<PlacementGridRow>[] = [
  { header: 'Reference', type: 'text', width: 12, value: (r) => r.participantRef },
  { header: 'Participant', type: 'text', width: 24, value: (r) => r.participantName },
  { header: 'Kind', type: 'text', width: 24, value: (r) => labelFor(placementKinds, r.kind) },
  { header: 'Employer', type: 'text', width: 28, value: (r) => r.employerName },
  { header: 'Contract', type: 'text', width: 28, value: (r) => r.contractName },
  { header: 'Site', type: 'text', width: 20, value: (r) => r.site },
  { header: 'Start', type: 'date', width: 12, value: (r) => r.startsOn },
  { header: 'End', type: 'date', width: 12, value: (r) => r.endsOn },
  { header: 'Hours a week', type: 'number', value: (r) => r.hoursPerWeek },
  {
    header: 'Hourly wage (£)',
    type: 'number',
    value: (r) => (r.hourlyWagePence === null ? null : r.hourlyWagePence / 100),
  },
  { header: 'Supervisor', type: 'text', width: 20, value: (r) => r.supervisor },
  { header: 'Status', type: 'text', width: 14, value: (r) => labelFor(placementStatuses, r.status) },
];

const outcomeColumns: XlsxColumn<OutcomeGridRow>[] = [
  { header: 'Reference', type: 'text', width: 12, value: (r) => r.participantRef },
  { header: 'Participant', type: 'text', width: 24, value: (r) => r.participantName },
  { header: 'Outcome', type: 'text', width: 28, value: (r) => r.typeLabel },
  { header: 'Date', type: 'date', width: 12, value: (r) => r.outcomeDate },
  { header: 'Employer', type: 'text', width: 28, value: (r) => r.employerName },
  { header: 'Contract', type: 'text', width: 28, value: (r) => r.contractName },
  { header: 'Sector', type: 'text', width: 20, value: (r) => labelFor(sectors, r.sector) },
  { header: 'Hours a week', type: 'number', value: (r) => r.hoursPerWeek },
  { header: '16+ hours', type: 'boolean', value: (r) => r.isSixteenPlus },
  {
    header: 'Verification',
    type: 'text',
    width: 14,
    value: (r) => labelFor(verificationStatuses, r.verificationStatus),
  },
  { header: 'Verified by', type: 'text', width: 18, value: (r) => r.verifiedByName },
  { header: 'Verified on', type: 'date', width: 12, value: (r) => r.verifiedAt },
  { header: 'Evidence items', type: 'integer', value: (r) => r.evidenceCount },
  { header: 'Source', type: 'text', width: 12, value: (r) => r.source },
];

export type ExportableGrid = 'outcomes' | 'placements';

function outcomesExport(db: Db, actor: Actor, query: GridQuery, track: RowTracker): ViewExport<OutcomeGridRow> {
  const rows = track(allOutcomes(db, query, actor.today));
  return { entity: 'outcome', title: 'Outcomes', fileStem: 'outcomes', query, columns: outcomeColumns, rows };
}

function placementsExport(db: Db, actor: Actor, query: GridQuery, track: RowTracker): ViewExport<PlacementGridRow> {
  const rows = track(allPlacements(db, query, actor.today));
  return { entity: 'placement', title: 'Placements', fileStem: 'placements', query, columns: placementColumns, rows };
}

/** The workbook of a grid's view, unaudited (the export job audits it once complete); `total`:
 * the rows it will hold (a large view's workbook is built in a worker thread). */
export function writeGridExport(
  grid: ExportableGrid,
  db: Db,
  actor: Actor,
  query: GridQuery,
  track: RowTracker,
  total: number,
): Promise<FileOutput> {
  return grid === 'outcomes'
    ? writeView(actor, outcomesExport(db, actor, query, track), total)
    : writeView(actor, placementsExport(db, actor, query, track), total);
}

/** Records a finished export job's file in the audit log. */
export function auditGridExport(tx: Tx, actor: Actor, grid: ExportableGrid, query: GridQuery, rows: number) {
  const view =
    grid === 'outcomes' ? { entity: 'outcome', title: 'Outcomes' } : { entity: 'placement', title: 'Placements' };
  return auditViewExport(tx, actor, { ...view, query }, rows);
}

/** How many rows the export of a grid's view will write (for its progress). */
export async function gridExportTotal(grid: ExportableGrid, db: Db, actor: Actor, query: GridQuery): Promise<number> {
  const page = { ...query, offset: 0, limit: 1, countAll: true };
  const counted =
    grid === 'outcomes' ? await pageOutcomes(db, page, actor.today) : await pagePlacements(db, page, actor.today);
  return counted.total;
}

export function exportPlacements(tx: Tx, actor: Actor, query: GridQuery): Promise<FileOutput> {
  return exportView(tx, actor, placementsExport(tx, actor, query, untracked));
}

export function exportOutcomes(tx: Tx, actor: Actor, query: GridQuery): Promise<FileOutput> {
  return exportView(tx, actor, outcomesExport(tx, actor, query, untracked));
}
