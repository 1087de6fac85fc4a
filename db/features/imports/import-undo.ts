// Undoes an import batch in ONE transaction: records it created are removed and fields it
// changed are put back — except where someone has edited them since, which are kept and listed
// (a created person edited since, or with records added since; a field whose value is no
// longer what the import wrote). The batch's record of what it wrote about people it removed is
// erased as anonymising would (the personal-data registry's rules for import_batch_rows).
import type { Db, Tx } from '../../store/schema';
import type { UndoKept } from '../../../shared/contract/imports.contract';
import { AppFailure } from '../../../shared/result';
import type { AuditEntry } from '../audit/audit.repository';
import { appendAuditMany } from './bulk-audit';
import { eraseRemovedUndoData } from '../trust/retention.service';
import {
  batchRows,
  deleteRowById,
  findBatch,
  idsWhere,
  markBatchUndone,
  rowById,
  setColumnsById,
} from './imports.repository';
import { nameSoundColumns } from '../participants/name-sounds';
import { loadEligibilitySettings, refreshEveryone } from '../participants/eligibility.service';
import { resolveParticipants } from '../geography/resolution';

export interface UndoResult {
  removed: number;
  restored: number;
  kept: UndoKept[];
}

const tableOf = {
  participant: 'participants',
  placement: 'placements',
  enrolment: 'enrolments',
  outcome: 'outcomes',
  course_run: 'course_runs',
  course_run_partner_ref: 'course_run_partner_refs',
  l1_award: 'l1_awards',
  hse_test: 'hse_tests',
  cscs_card: 'cscs_cards',
  referral: 'participant_referrals',
} as const;
type Entity = keyof typeof tableOf;

/** Records that hang off a participant: any of them means the person has been worked with since. */
async function dependents(db: Db, participantId: number, ownedIds: Set<string>): Promise<string | null> {
  const checks: Array<[string, string]> = [
    ['enrolments', 'course enrolments'],
    ['outcomes', 'outcomes'],
    ['placements', 'placements'],
    ['participant_notes', 'notes'],
    ['eligibility_checks', 'eligibility checks'],
    ['l1_awards', 'awards'],
    ['hse_tests', 'HS&E tests'],
    ['cscs_cards', 'CSCS cards'],
    ['evidence_items', 'evidence'],
  ];
  for (const [table, label] of checks) {
    const ids = await idsWhere(db, table, 'participant_id', participantId, 50);
    const singular = table.replace(/s$/, '').replace(/^participant_note$/, 'note');
    if (ids.some((id) => !ownedIds.has(`${singular}:${id}`))) return `has ${label} added since the import`;
  }
  return null;
}

/** Undoes the batch in the caller's transaction (the dispatcher took a checked backup first). */
export async function undoBatch(tx: Tx, batchId: number, at: string, staffId: number | null): Promise<UndoResult> {
  {
    const batch = await findBatch(tx, batchId);
    if (!batch) throw new AppFailure('not-found', 'That import batch does not exist.');
    if (batch.undone_at) throw new AppFailure('conflict', 'That import has already been undone.');
    const rows = await batchRows(tx, batchId); // newest first, so dependants go before what they hang on
    const owned = new Set(rows.filter((r) => r.action === 'created').map((r) => `${r.entity}:${r.entity_id}`));
    const kept: UndoKept[] = [];
    const audit: AuditEntry[] = [];
    let removed = 0,
      restored = 0;
    const removedPeople: number[] = [];
    const restoredPeople: number[] = [];
    for (const r of rows) {
      const entity = r.entity as Entity;
      const table = tableOf[entity];
      if (!table) continue;
      const current = await rowById(tx, table, r.entity_id);
      const label =
        current && entity === 'participant'
          ? `${current.reference} ${current.first_name} ${current.last_name}`
          : `${entity} ${r.entity_id} (row ${r.row_number})`;
      if (!current) continue; // already removed by someone else
      const after = JSON.parse(r.after_json) as Record<string, unknown>;
      if (r.action === 'created') {
        const reason = await editedSinceCreated(tx, entity, current, batch.at, owned);
        if (reason) {
          kept.push({ entity, id: r.entity_id, label, reason });
          continue;
        }
        await deleteRowById(tx, table, r.entity_id);
        removed++;
        if (entity === 'participant') removedPeople.push(r.entity_id);
        audit.push({
          action: 'undo',
          entity,
          entityId: r.entity_id,
          participantId: r.participant_id,
          summary: `Removed ${label}: undo of import #${batchId}`,
          before: current,
        });
      } else {
        const before = JSON.parse(r.before_json ?? '{}') as Record<string, unknown>;
        const put: Record<string, unknown> = {};
        const editedFields: string[] = [];
        for (const [field, wrote] of Object.entries(after)) {
          if (current[field] === wrote) put[field] = before[field] ?? null;
          else editedFields.push(field);
        }
        if (editedFields.length)
          kept.push({ entity, id: r.entity_id, label, reason: `${editedFields.join(', ')} edited since the import` });
        if (!Object.keys(put).length) continue;
        const extra =
          entity === 'participant'
            ? { ...nameSoundColumns(put), version: Number(current.version) + 1, updated_at: at, updated_by: staffId }
            : entity === 'placement'
              ? { updated_at: at }
              : {};
        await setColumnsById(tx, table, r.entity_id, { ...put, ...extra });
        if (entity === 'participant') restoredPeople.push(r.entity_id);
        restored++;
        audit.push({
          action: 'undo',
          entity,
          entityId: r.entity_id,
          participantId: r.participant_id,
          summary: `Restored ${Object.keys(put).join(', ')} of ${label}: undo of import #${batchId}`,
          before: after,
          after: put,
        });
      }
    }
    // What follows from the fields put back (where the person lives, their eligibility) is worked
    // out again, as the import's commit did for the values it wrote.
    if (restoredPeople.length) {
      const settings = await loadEligibilitySettings(tx);
      await resolveParticipants(tx, restoredPeople, settings.geo);
      await refreshEveryone(tx, at.slice(0, 10), settings, restoredPeople);
    }
    await markBatchUndone(tx, batchId, at, staffId, kept);
    // The people it removed are gone: their names must not live on in what the import wrote.
    await eraseRemovedUndoData(tx, removedPeople);
    audit.push({
      action: 'undo',
      entity: 'import_batch',
      entityId: batchId,
      summary: `Undid import #${batchId} ("${batch.file_name}"): ${removed} removed, ${restored} restored, ${kept.length} kept because edited since`,
    });
    await appendAuditMany(tx, at, staffId, audit);
    return { removed, restored, kept };
  }
}

async function editedSinceCreated(
  db: Db,
  entity: Entity,
  current: Record<string, unknown>,
  importedAt: string,
  owned: Set<string>,
): Promise<string | null> {
  const id = Number(current.id);
  const has = async (table: string, column: string) => (await idsWhere(db, table, column, id, 1)).length > 0;
  if (entity === 'participant') {
    if (Number(current.version) !== 1 || current.updated_at !== importedAt) return 'edited since the import';
    return dependents(db, id, owned);
  }
  if (entity === 'outcome') {
    if (current.updated_at !== importedAt || current.verification_status !== 'unverified')
      return 'edited or verified since the import';
    return (await has('outcomes', 'parent_outcome_id')) || (await has('evidence_items', 'outcome_id'))
      ? 'has evidence or sustainment checks added since'
      : null;
  }
  if (entity === 'referral') return null; // a referral has nothing of its own hanging off it
  if (entity === 'placement') {
    if (current.updated_at !== importedAt) return 'edited since the import';
    return (await has('outcomes', 'placement_id')) ? 'has outcomes added since' : null;
  }
  // A run the import created: its own enrolments went first (newest rows first); any left are others'.
  if (entity === 'course_run') {
    if (current.updated_at !== importedAt) return 'edited since the import';
    for (const table of ['enrolments', 'l1_awards', 'hse_tests', 'cscs_cards', 'outcomes', 'placements'])
      if (await has(table, 'course_run_id')) return `has ${table.replace(/_/g, ' ')} added since the import`;
    return null;
  }
  if (entity === 'course_run_partner_ref' || entity === 'l1_award' || entity === 'hse_test' || entity === 'cscs_card')
    return null;
  return (await has('attendance', 'enrolment_id')) ? 'has attendance marked since the import' : null;
}
