// Evidence items and their files. Files are checked (size, real type by magic bytes), hashed
// with SHA-256 and stored once per hash inside the encrypted store — never as loose files — so
// they are encrypted and backed up with everything else.
import { createHash } from 'node:crypto';
import { AppFailure } from '../../../shared/result';
import { evidenceFileProblem, sniffEvidenceType, type EvidenceMime } from '../../../shared/domain/evidence-files';
import type { EvidenceRow } from '../../../shared/contract/outcomes-schemas';
import type { Tx } from '../../store/schema';
import { appendAudit } from '../audit/audit.repository';

export interface StoredFile {
  sha256: string;
  mime: EvidenceMime;
  size: number;
  fileName: string;
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Checks and stores a file; `field` names the form field a refusal belongs to. */
export async function storeEvidenceFile(
  tx: Tx,
  at: string,
  file: { fileName: string; bytes: Uint8Array },
  field: string,
): Promise<StoredFile> {
  const problem = evidenceFileProblem(file.fileName, file.bytes);
  if (problem) throw new AppFailure('validation', problem, [{ path: [field], message: problem }]);
  const mime = sniffEvidenceType(file.bytes)!;
  const sha256 = sha256Hex(file.bytes);
  const buffer = Buffer.from(file.bytes.buffer, file.bytes.byteOffset, file.bytes.byteLength);
  await tx
    .insertInto('evidence_files')
    .values({ sha256, bytes: buffer, mime, size: file.bytes.byteLength, created_at: at })
    .onConflict((oc) => oc.column('sha256').doNothing())
    .execute();
  // Characters Windows forbids in file names, and control characters, become '_'.
  const safeName = Array.from(file.fileName, (ch) => (ch.charCodeAt(0) < 0x20 || '\\/:*?"<>|'.includes(ch) ? '_' : ch))
    .join('')
    .slice(0, 200);
  return { sha256, mime, size: file.bytes.byteLength, fileName: safeName };
}

export async function addEvidenceItem(
  tx: Tx,
  at: string,
  staffId: number | null,
  item: {
    outcomeId: number;
    participantId: number;
    kind: string;
    receivedOn: string | null;
    seenBy: number | null;
    notes: string | null;
    file: StoredFile | null;
  },
): Promise<number> {
  const row = {
    participant_id: item.participantId,
    outcome_id: item.outcomeId,
    kind: item.kind,
    received_on: item.receivedOn,
    seen_by: item.seenBy,
    notes: item.notes,
    file_name: item.file?.fileName ?? null,
    file_mime: item.file?.mime ?? null,
    file_size: item.file?.size ?? null,
    file_sha256: item.file?.sha256 ?? null,
    created_at: at,
    created_by: staffId,
  };
  const inserted = await tx.insertInto('evidence_items').values(row).returning('id').executeTakeFirstOrThrow();
  await appendAudit(tx, at, staffId, {
    action: 'create',
    entity: 'evidence_item',
    entityId: inserted.id,
    participantId: item.participantId,
    summary:
      `Evidence added to outcome #${item.outcomeId}: ${item.kind}` +
      `${item.file ? ` with file ${item.file.fileName} (sha256 ${item.file.sha256.slice(0, 12)}…)` : ''}`,
    after: row,
  });
  return inserted.id;
}

/** Removes an item; its file goes too when no other item uses the same content. */
export async function removeEvidenceItem(
  tx: Tx,
  at: string,
  staffId: number | null,
  id: number,
  reason: string,
): Promise<void> {
  const before = await tx.selectFrom('evidence_items').selectAll().where('id', '=', id).executeTakeFirst();
  if (!before) throw new AppFailure('not-found', 'That evidence item does not exist.');
  await tx.deleteFrom('evidence_items').where('id', '=', id).execute();
  if (before.file_sha256) {
    const stillUsed = await tx
      .selectFrom('evidence_items')
      .select('id')
      .where('file_sha256', '=', before.file_sha256)
      .executeTakeFirst();
    if (!stillUsed) await tx.deleteFrom('evidence_files').where('sha256', '=', before.file_sha256).execute();
  }
  await appendAudit(tx, at, staffId, {
    action: 'delete',
    entity: 'evidence_item',
    entityId: id,
    participantId: before.participant_id,
    summary: `Evidence removed from outcome #${before.outcome_id}: ${reason}`,
    before,
  });
}

export async function listEvidence(tx: Tx, outcomeId: number): Promise<EvidenceRow[]> {
  const rows = await tx
    .selectFrom('evidence_items as ei')
    .leftJoin('staff as seen', 'seen.id', 'ei.seen_by')
    .leftJoin('staff as cb', 'cb.id', 'ei.created_by')
    .select([
      'ei.id',
      'ei.kind',
      'ei.received_on',
      'ei.seen_by',
      'seen.display_name as seen_name',
      'ei.notes',
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

export async function readEvidenceFile(
  tx: Tx,
  evidenceId: number,
): Promise<{
  fileName: string;
  mime: string;
  bytes: Uint8Array<ArrayBuffer>;
  participantId: number;
  outcomeId: number | null;
}> {
  const r = await tx
    .selectFrom('evidence_items as ei')
    .innerJoin('evidence_files as f', 'f.sha256', 'ei.file_sha256')
    .select(['ei.file_name', 'f.mime', 'f.bytes', 'ei.participant_id', 'ei.outcome_id'])
    .where('ei.id', '=', evidenceId)
    .executeTakeFirst();
  if (!r) throw new AppFailure('not-found', 'That evidence item has no file.');
  return {
    fileName: r.file_name ?? 'evidence',
    mime: r.mime,
    bytes: new Uint8Array(r.bytes),
    participantId: r.participant_id,
    outcomeId: r.outcome_id,
  };
}
