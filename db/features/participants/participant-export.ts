// Exports the grid's current view (search, filters, preset, sort, chosen columns) to xlsx:
// identifiers as text, dates as dates, codes as their labels; special-category columns are left
// empty for viewers. The export itself is recorded in the audit log.
import { plural } from '../../../shared/domain/labels';
import type { FileOutput, GridQuery } from '../../../shared/contract/common';
import { appendAudit } from '../audit/audit.repository';
import { AppFailure } from '../../../shared/result';
import type { ParticipantGridRow } from '../../../shared/contract/participants.contract';
import {
  disabilities,
  ethnicities,
  labelOf,
  labourMarketStatuses,
  PREFER_NOT_TO_SAY,
  sexes,
} from '../../../shared/domain/reference-lists';
import { referenceChoices } from './reference-items.service';
import { eligibilityLabels, type EligibilityStatus } from '../../../shared/domain/eligibility';
import type { Db, Tx } from '../../store/schema';
import type { XlsxColumn } from '../export/xlsx-writer';
import { xlsxWriterFor } from '../export/xlsx-worker-host';
import type { ExportJobWork, RowTracker } from '../export/export-job';
import { countGridRows } from '../grid/grid-query';
import { gridBase, sortedGridRows, specialCategoryColumns, type GridScope } from './participants.repository';

const statusLabels: Record<string, string> = {
  active: 'Active',
  left: 'Left',
  anonymised: 'Anonymised',
  merged: 'Merged',
};

export const exportColumns: Record<string, XlsxColumn<ParticipantGridRow>> = {
  reference: { header: 'Reference', type: 'text', width: 12, value: (r) => r.reference },
  lastName: { header: 'Last name', type: 'text', width: 18, value: (r) => r.lastName },
  firstName: { header: 'First name', type: 'text', width: 16, value: (r) => r.firstName },
  preferredName: { header: 'Preferred name', type: 'text', width: 14, value: (r) => r.preferredName },
  dateOfBirth: { header: 'Date of birth', type: 'date', width: 13, value: (r) => r.dateOfBirth },
  niNumber: { header: 'NI number', type: 'text', width: 13, value: (r) => r.niNumber },
  postcode: { header: 'Postcode', type: 'text', width: 10, value: (r) => r.postcode },
  phone: { header: 'Phone', type: 'text', width: 15, value: (r) => r.phone },
  email: { header: 'Email', type: 'text', width: 28, value: (r) => r.email },
  town: { header: 'Town', type: 'text', width: 14, value: (r) => r.town },
  eligibilityStatus: {
    header: 'Eligibility',
    type: 'text',
    width: 16,
    value: (r) => eligibilityLabels[r.eligibilityStatus as EligibilityStatus] ?? r.eligibilityStatus,
  },
  status: { header: 'Status', type: 'text', width: 10, value: (r) => statusLabels[r.status] ?? r.status },
  startDate: { header: 'Start date', type: 'date', width: 12, value: (r) => r.startDate },
  leaveDate: { header: 'Leave date', type: 'date', width: 12, value: (r) => r.leaveDate },
  referralSource: {
    header: 'Referral source',
    type: 'text',
    width: 22,
    // Rows come with the label from Settings → Reference lists already in place (exportParticipants).
    value: (r) => r.referralSource,
  },
  labourMarketStatus: {
    header: 'Labour-market status',
    type: 'text',
    width: 26,
    value: (r) => labelOf(labourMarketStatuses, r.labourMarketStatus),
  },
  sex: { header: 'Sex', type: 'text', width: 10, value: (r) => labelOf(sexes, r.sex) },
  ethnicity: {
    header: 'Ethnic group',
    type: 'text',
    width: 30,
    value: (r) => labelOf([...ethnicities, PREFER_NOT_TO_SAY], r.ethnicity),
  },
  disability: { header: 'Disability', type: 'text', width: 30, value: (r) => labelOf(disabilities, r.disability) },
  keyWorker: { header: 'Key worker', type: 'text', width: 18, value: (r) => r.keyWorker },
  fundingStream: { header: 'Funding stream', type: 'text', width: 26, value: (r) => r.fundingStream },
};

/** The columns the file will hold: those chosen (or all), less special-category ones for viewers. */
function chosenColumns(query: { columns: string[] }, scope: GridScope): string[] {
  return (query.columns.length ? query.columns : Object.keys(exportColumns)).filter(
    (c) => exportColumns[c] && (scope.canSeeSpecial || !specialCategoryColumns.has(c)),
  );
}

type ExportInput = GridQuery & { columns: string[]; purpose?: string | undefined };
type ExportActor = { staffId: number | null; now: string; today: string };
type ParticipantsFile = FileOutput & { rows: number; specialCategoryHidden: boolean };

/** The view's rows in its sort order, read 2,000 at a time (id last in every order, so pages are stable). */
async function* participantRows(db: Db, query: GridQuery, scope: GridScope): AsyncGenerator<ParticipantGridRow> {
  const chunk = 2000;
  for (let offset = 0; ; offset += chunk) {
    const rows = await sortedGridRows(gridBase(db, query, scope), query, scope)
      .limit(chunk)
      .offset(offset)
      .execute();
    yield* rows as ParticipantGridRow[];
    if (rows.length < chunk) return;
  }
}

/** Special-category data leaving the app needs a reason on record (UK GDPR Art. 9 and the
 * programme's appropriate policy document): asked before the file is made. */
function refuseSpecialWithoutPurpose(input: ExportInput, scope: GridScope): void {
  const special = chosenColumns(input, scope).filter((c) => specialCategoryColumns.has(c));
  if (special.length && !input.purpose)
    throw new AppFailure('validation', 'Say why you are exporting ethnic group or disability', [
      {
        path: ['purpose'],
        message: `The file would hold ${special.map((c) => exportColumns[c]!.header.toLowerCase()).join(' and ')}: say why (at least 5 characters)`,
      },
    ]);
}

async function writeParticipants(
  db: Db,
  input: ExportInput,
  scope: GridScope,
  today: string,
  track: RowTracker,
  total = 0,
): Promise<ParticipantsFile> {
  const wanted = chosenColumns(input, scope);
  // Referral sources are a reference list (Settings → Reference lists): the file shows their labels.
  const sources = new Map((await referenceChoices(db)).referralSources.map((o) => [o.code, o.label]));
  let rows = 0;
  async function* counted() {
    for await (const r of track(participantRows(db, input, scope))) {
      rows++;
      yield { ...r, referralSource: r.referralSource ? (sources.get(r.referralSource) ?? r.referralSource) : null };
    }
  }
  // A large export's workbook is built in a worker thread while the rows are read (xlsx-worker-host.ts).
  const bytes = await xlsxWriterFor(total)(
    [{ name: 'Participants', columns: wanted.map((c) => exportColumns[c]!), rows: counted(), landscape: true }],
    { title: 'Participants' },
  );
  return {
    fileName: `participants-${today}.xlsx`,
    mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    bytes,
    rows,
    specialCategoryHidden: !scope.canSeeSpecial,
  };
}

async function auditParticipantsExport(
  tx: Tx,
  input: ExportInput,
  scope: GridScope,
  file: ParticipantsFile,
  actor: ExportActor,
) {
  await appendAudit(tx, actor.now, actor.staffId, {
    action: 'export',
    entity: 'participants',
    summary: `Exported ${plural(file.rows, 'participant')} to xlsx${input.purpose ? `. Purpose: ${input.purpose}` : ''}`,
    after: {
      purpose: input.purpose ?? null,
      rows: file.rows,
      columns: chosenColumns(input, scope),
      search: input.search ? '(quick search)' : '',
      filters: Object.keys(input.filters),
      preset: input.preset ?? null,
    },
  });
}

/** The export as a job (export-job.ts): the purpose is asked and the rows counted before it starts. */
export async function participantsExportJob(
  db: Db,
  input: ExportInput,
  scope: GridScope,
  actor: ExportActor,
): Promise<ExportJobWork<ParticipantsFile>> {
  refuseSpecialWithoutPurpose(input, scope);
  // Built once unexecuted so that a sort on a column the grid does not have is refused now, as
  // the count below refuses such a filter, before any job starts.
  sortedGridRows(gridBase(db, input, scope), input, scope);
  const { total } = await countGridRows(db, gridBase(db, input, scope, { joins: false }), { ...input, countAll: true });
  return {
    label: 'Exporting participants',
    total,
    write: (track) => writeParticipants(db, input, scope, actor.today, track, total),
    audit: (tx, file) => auditParticipantsExport(tx, input, scope, file, actor),
  };
}

/** An officer shows ethnic group or disability in the grid: the reason is kept in the audit log,
 * as for an export (the grid's rows carry these columns only for roles that may see them). */
export async function recordSpecialColumnsShown(
  tx: Tx,
  input: { columns: string[]; purpose: string },
  actor: { staffId: number | null; now: string },
): Promise<{ ok: true }> {
  const names = input.columns.map((c) => exportColumns[c]?.header.toLowerCase() ?? c).join(' and ');
  await appendAudit(tx, actor.now, actor.staffId, {
    action: 'view',
    entity: 'participants',
    summary: `Showed ${names} in the participants grid. Purpose: ${input.purpose}`,
    after: { columns: input.columns, purpose: input.purpose },
  });
  return { ok: true };
}
