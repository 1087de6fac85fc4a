// Evidence items and their files. A file's content is stored once per SHA-256 inside the
// encrypted store — never as a loose file — so it is encrypted and backed up with everything
// else. Reads take the store or a transaction (`Db`); writes take the transaction (`Tx`).
import type { Role } from '../../../shared/contract/define';
import { textAs } from '../../store/tables/readable-columns';
import type { Insertable } from 'kysely';
import type { EvidenceRow } from '../../../shared/contract/outcomes-schemas';
import type { Db, Tx } from '../../store/schema';
import type { EvidenceFilesTable, EvidenceItemRow, EvidenceItemsTable } from '../../store/tables/outcomes.tables';

/** Stores a file's content unless the same content is already stored. */
export async function insertEvidenceFile(tx: Tx, row: Insertable<EvidenceFilesTable>): Promise<void> {
  await tx
    .insertInto('evidence_files')
    .values(row)
    .onConflict((oc) => oc.column('sha256').doNothing())
    .execute();
}

export async function isFileUsed(db: Db, sha256: string): Promise<boolean> {
  return !!(await db.selectFrom('evidence_items').select('id').where('file_sha256', '=', sha256).executeTakeFirst());
}

export async function deleteEvidenceFile(tx: Tx, sha256: string): Promise<void> {
  await tx.deleteFrom('evidence_files').where('sha256', '=', sha256).execute();
}

export async function insertEvidenceItem(tx: Tx, row: Insertable<EvidenceItemsTable>): Promise<number> {
  const inserted = await tx.insertInto('evidence_items').values(row).returning('id').executeTakeFirstOrThrow();
  return inserted.id;
}

export async function evidenceItemRecord(db: Db, id: number): Promise<EvidenceItemRow | undefined> {
  return db.selectFrom('evidence_items').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function deleteEvidenceItem(tx: Tx, id: number): Promise<void> {
  await tx.deleteFrom('evidence_items').where('id', '=', id).execute();
}

export async function listEvidence(db: Db, outcomeId: number, reader: Role): Promise<EvidenceRow[]> {
  const rows = await db
    .selectFrom('evidence_items as ei')
    .leftJoin('staff as seen', 'seen.id', 'ei.seen_by')
    .leftJoin('staff as cb', 'cb.id', 'ei.created_by')
    .select([
      'ei.id',
      'ei.kind',
      'ei.received_on',
      'ei.seen_by',
      'seen.display_name as seen_name',
      textAs(reader, 'evidence_items', 'ei.notes', 'notes'),
      'ei.file_name',
      'ei.file_mime',
      'ei.file_size',
      'ei.file_sha256',
      'ei.created_at',
      'cb.display_name as created_name',
    ])
    .where('ei.outcome_id', '=', outcomeId)
    .orderBy('ei.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    receivedOn: r.received_on,
    seenById: r.seen_by,
    seenByName: r.seen_name,
    notes: r.notes,
    fileName: r.file_name,
    fileMime: r.file_mime,
    fileSize: r.file_size,
    fileSha256: r.file_sha256,
    createdAt: r.created_at,
    createdByName: r.created_name,
  }));
}

/** An evidence item's file with what its audit entry names, or null when it has no file. */
export async function evidenceFile(
  db: Db,
  evidenceId: number,
): Promise<{
  fileName: string;
  mime: string;
  bytes: Uint8Array<ArrayBuffer>;
  participantId: number;
  outcomeId: number | null;
} | null> {
  const r = await db
    .selectFrom('evidence_items as ei')
    .innerJoin('evidence_files as f', 'f.sha256', 'ei.file_sha256')
    .select(['ei.file_name', 'f.mime', 'f.bytes', 'ei.participant_id', 'ei.outcome_id'])
    .where('ei.id', '=', evidenceId)
    .executeTakeFirst();
  if (!r) return null;
  return {
    fileName: r.file_name ?? 'evidence',
    mime: r.mime,
    bytes: new Uint8Array(r.bytes),
    participantId: r.participant_id,
    outcomeId: r.outcome_id,
  };
}
