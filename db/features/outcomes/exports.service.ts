// The area's two grid exports, placements and outcomes: the current view with the columns an
// officer sees, as export jobs, audited as an export.
import type { GridQuery } from '../../../shared/contract/common';
import type { OutcomeGridRow, PlacementGridRow } from '../../../shared/contract/outcomes-schemas';
import {
  labelFor,
  placementKinds,
  placementStatuses,
  sectors,
  verificationStatuses,
} from '../../../shared/domain/outcome-lists';
import type { Db } from '../../store/schema';
import type { XlsxColumn } from '../export/xlsx-writer';
import type { Actor } from '../participants/participants.service';
import { countOnly, gridExportJob, type GridExport } from './grid-export';
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

/** The outcomes grid's view, to export. */
export function outcomesView(db: Db, actor: Actor, query: GridQuery): GridExport<OutcomeGridRow> {
  return {
    entity: 'outcome',
    title: 'Outcomes',
    fileStem: 'outcomes',
    query,
    columns: outcomeColumns,
    count: async () => (await pageOutcomes(db, countOnly(query), actor.today)).total,
    rows: () => allOutcomes(db, query, actor.today),
  };
}

/** The placements grid's view, to export. */
export function placementsView(db: Db, actor: Actor, query: GridQuery): GridExport<PlacementGridRow> {
  return {
    entity: 'placement',
    title: 'Placements',
    fileStem: 'placements',
    query,
    columns: placementColumns,
    count: async () => (await pagePlacements(db, countOnly(query), actor.today)).total,
    rows: () => allPlacements(db, query, actor.today),
  };
}

/** The outcomes grid's view as an export job. */
export const outcomesExportJob = (db: Db, actor: Actor, query: GridQuery) =>
  gridExportJob(actor, outcomesView(db, actor, query));

/** The placements grid's view as an export job. */
export const placementsExportJob = (db: Db, actor: Actor, query: GridQuery) =>
  gridExportJob(actor, placementsView(db, actor, query));
