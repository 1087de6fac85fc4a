// Rules for evidence: a file is checked (size, real type by magic bytes) and hashed before it
// is stored; an item belongs to an outcome and its person; removing an item removes its file
// when no other item uses the same content; opening a file is audited. Every change is
// audited in the caller's transaction.
import { createHash } from 'node:crypto';
import { AppFailure } from '../../../shared/result';
import { evidenceFileProblem, sniffEvidenceType, type EvidenceMime } from '../../../shared/domain/evidence-files';
import type { FileOutput } from '../../../shared/contract/common';
import type { EvidenceInput } from '../../../shared/contract/outcomes-schemas';
import type { Tx } from '../../store/schema';
import { appendAudit } from '../audit/audit.repository';
import type { Actor } from '../participants/participants.service';
import {
  deleteEvidenceFile,
  deleteEvidenceItem,
  evidenceFile,
  evidenceItemRecord,
  insertEvidenceFile,
  insertEvidenceItem,
  isFileUsed,
} from './evidence.repository';
import { outcomeRecord } from './outcome-records.repository';
import { checkLinks } from './references.service';
import { isListed } from '../participants/reference-items.service';

export interface StoredFile {
  sha256: string;
  mime: EvidenceMime;
  size: number;
  fileName: string;
}

/** The name offered back when the file is saved: path separators, characters Windows reserves
 * and control characters become "_". */
function safeFileName(name: string): string {
  const unsafe = (c: string) => c < ' ' || '\\/:*?"<>|'.includes(c);
  return [...name]
    .map((c) => (unsafe(c) ? '_' : c))
    .join('')
    .slice(0, 200);
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
  const sha256 = createHash('sha256').update(file.bytes).digest('hex');
  const bytes = Buffer.from(file.bytes.buffer, file.bytes.byteOffset, file.bytes.byteLength);
  await insertEvidenceFile(tx, { sha256, bytes, mime, size: file.bytes.byteLength, created_at: at });
  return { sha256, mime, size: file.bytes.byteLength, fileName: safeFileName(file.fileName) };
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
  const id = await insertEvidenceItem(tx, row);
  await appendAudit(tx, at, staffId, {
    action: 'create',
    entity: 'evidence_item',
    entityId: id,
    participantId: item.participantId,
    summary:
      `Evidence added to outcome #${item.outcomeId}: ${item.kind}` +
      (item.file ? ` with file ${item.file.fileName} (sha256 ${item.file.sha256.slice(0, 12)}…)` : ''),
    after: row,
  });
  return id;
}

export async function addEvidence(
  tx: Tx,
  actor: Actor,
  input: EvidenceInput,
): Promise<{ id: number; sha256: string | null }> {
  const outcome = await outcomeRecord(tx, input.outcomeId);
  if (!outcome) throw new AppFailure('not-found', 'That outcome does not exist.');
  await checkLinks(tx, { seenBy: input.seenBy });
  if (!(await isListed(tx, 'evidence_kind', input.kind)))
    throw new AppFailure('validation', 'Some details need correcting.', [
      { path: ['kind'], message: 'Choose the kind of evidence from the list' },
    ]);
  if (input.receivedOn && input.receivedOn > actor.today)
    throw new AppFailure('validation', 'Some details need correcting.', [
      { path: ['receivedOn'], message: 'The date received cannot be in the future' },
    ]);
  const file = input.file ? await storeEvidenceFile(tx, actor.now, input.file, 'file') : null;
  const id = await addEvidenceItem(tx, actor.now, actor.staffId, {
    outcomeId: outcome.id,
    participantId: outcome.participant_id,
    kind: input.kind,
    receivedOn: input.receivedOn,
    seenBy: input.seenBy,
    notes: input.notes,
    file,
  });
  return { id, sha256: file?.sha256 ?? null };
}

/** Removes an item; its file goes too when no other item uses the same content. */
export async function removeEvidence(tx: Tx, actor: Actor, id: number, reason: string): Promise<void> {
  const before = await evidenceItemRecord(tx, id);
  if (!before) throw new AppFailure('not-found', 'That evidence item does not exist.');
  await deleteEvidenceItem(tx, id);
  if (before.file_sha256 && !(await isFileUsed(tx, before.file_sha256)))
    await deleteEvidenceFile(tx, before.file_sha256);
  await appendAudit(tx, actor.now, actor.staffId, {
    action: 'delete',
    entity: 'evidence_item',
    entityId: id,
    participantId: before.participant_id,
    summary: `Evidence removed from outcome #${before.outcome_id}: ${reason}`,
    before,
  });
}

/** An evidence file to open; who opened it is recorded in the audit log. */
export async function openEvidenceFile(tx: Tx, actor: Actor, id: number): Promise<FileOutput> {
  const file = await evidenceFile(tx, id);
  if (!file) throw new AppFailure('not-found', 'That evidence item has no file.');
  await appendAudit(tx, actor.now, actor.staffId, {
    action: 'view',
    entity: 'evidence_item',
    entityId: id,
    participantId: file.participantId,
    summary: `Evidence file opened (outcome #${file.outcomeId})`,
  });
  return { fileName: file.fileName, mime: file.mime, bytes: file.bytes };
}
