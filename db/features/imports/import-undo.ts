// Undoes an import batch in ONE transaction: records it created are removed and fields it
// changed are put back — except where someone has edited them since, which are kept and listed
// (a created person edited since, or with records added since; a field whose value is no
// longer what the import wrote).
import { sql } from 'kysely';
import type { Db, Tx } from '../../store/schema';
import type { UndoKept } from '../../../shared/contract/imports.contract';
import { AppFailure } from '../../../shared/result';
import type { AuditEntry } from '../audit/audit.repository';
import { appendAuditMany } from './bulk-audit';
import { batchRows, findBatch } from './imports.repository';

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
} as const;
type Entity = keyof typeof tableOf;

/** Records that hang off a participant: any of them means the person has been worked with since. */
async function dependents(tx: Tx, participantId: number, ownedIds: Set<string>): Promise<string | null> {
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
    const rows = await sql<{
      id: number;
    }>`select id from ${sql.table(table)} where participant_id = ${participantId} limit 50`.execute(tx);
    const singular = table.replace(/s$/, '').replace(/^participant_note$/, 'note');
    if (rows.rows.some((r) => !ownedIds.has(`${singular}:${r.id}`))) return `has ${label} added since the import`;
  }
  return null;
}

export async function undoBatch(db: Db, batchId: number, at: string, staffId: number | null): Promise<UndoResult> {
  return db.transaction().execute(async (tx) => {
    const batch = await findBatch(tx, batchId);
    if (!batch) throw new AppFailure('not-found', 'That import batch does not exist.');
    if (batch.undone_at) throw new AppFailure('conflict', 'That import has already been undone.');
    const rows = await batchRows(tx, batchId); // newest first, so dependants go before what they hang on
    const owned = new Set(rows.filter((r) => r.action === 'created').map((r) => `${r.entity}:${r.entity_id}`));
    const kept: UndoKept[] = [];
    const audit: AuditEntry[] = [];
    let removed = 0,
      restored = 0;
    for (const r of rows) {
      const entity = r.entity as Entity;
      const table = tableOf[entity];
      if (!table) continue;
      const current = (
        await sql<Record<string, unknown>>`select * from ${sql.table(table)} where id = ${r.entity_id}`.execute(tx)
      ).rows[0];
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
        await sql`delete from ${sql.table(table)} where id = ${r.entity_id}`.execute(tx);
        removed++;
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
            ? { version: Number(current.version) + 1, updated_at: at, updated_by: staffId }
            : entity === 'placement'
              ? { updated_at: at }
              : {};
        await tx
          .updateTable(table as 'participants')
          .set({ ...put, ...extra } as never)
          .where('id', '=', r.entity_id)
          .execute();
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
    await tx
      .updateTable('import_batches')
      .set({ undone_at: at, undone_by: staffId, undo_kept_json: JSON.stringify(kept) })
      .where('id', '=', batchId)
      .execute();
    audit.push({
      action: 'undo',
      entity: 'import_batch',
      entityId: batchId,
      summary: `Undid import #${batchId} ("${batch.file_name}"): ${removed} removed, ${restored} restored, ${kept.length} kept because edited since`,
    });
    await appendAuditMany(tx, at, staffId, audit);
    return { removed, restored, kept };
  });
}

async function editedSinceCreated(
  tx: Tx,
  entity: Entity,
  current: Record<string, unknown>,
  importedAt: string,
  owned: Set<string>,
): Promise<string | null> {
  if (entity === 'participant') {
    if (Number(current.version) !== 1 || current.updated_at !== importedAt) return 'edited since the import';
    return dependents(tx, Number(current.id), owned);
  }
  if (entity === 'outcome') {
    if (current.updated_at !== importedAt || current.verification_status !== 'unverified')
      return 'edited or verified since the import';
    const child = await tx
      .selectFrom('outcomes')
      .select('id')
      .where('parent_outcome_id', '=', Number(current.id))
      .executeTakeFirst();
    const evidence = await tx
      .selectFrom('evidence_items')
      .select('id')
      .where('outcome_id', '=', Number(current.id))
      .executeTakeFirst();
    return child || evidence ? 'has evidence or sustainment checks added since' : null;
  }
  if (entity === 'placement') {
    if (current.updated_at !== importedAt) return 'edited since the import';
    const o = await tx
      .selectFrom('outcomes')
      .select('id')
      .where('placement_id', '=', Number(current.id))
      .executeTakeFirst();
    return o ? 'has outcomes added since' : null;
  }
  const att = await tx
    .selectFrom('attendance')
    .select('id')
    .where('enrolment_id', '=', Number(current.id))
    .executeTakeFirst();
  return att ? 'has attendance marked since the import' : null;
}
