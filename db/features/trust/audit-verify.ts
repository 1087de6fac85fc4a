// Walks the whole audit log in order and recomputes the hash chain (plain SHA-256 before the
// store's audit key, HMAC-SHA256 under it from then on), then compares the end of the log with the
// head recorded beside the store. An edited, inserted or deleted entry breaks the chain at that
// entry; entries cut from the end leave the log short of its recorded head; a rewritten log ends
// in a hash the head does not have. Someone with the store key alone can drop the triggers and
// recompute plain hashes, but not keyed ones, nor the head's seal. A team database keeps its keys
// itself, one per epoch (the copied data file's, then its own: db/store/postgres/audit-chain.ts),
// readable by its owner and administrators only. Reads the log in pages by id, so a million
// entries stay cheap on any store.
import type { Db, Tx } from '../../store/schema';
import { appendAudit, auditHash, GENESIS_HASH, keyedAuditHash } from '../audit/audit.repository';
import { AUDIT_HASHED_FIELDS } from '../../store/tables/foundation.tables';
import { headSealIsValid, type HeadRead } from '../audit/audit-head';
import { auditEntryHash, keyedFromInStore, lastAuditEntry } from '../audit/audit-epochs.repository';
import { readServerChainKeys } from '../../store/team-roles';

export interface AuditVerification {
  ok: boolean;
  checked: number;
  /** The first entry found wrong. */
  firstBrokenId: number | null;
  problem: string | null;
  /** Whether entries are chained with the audit key (from keyedFrom on). */
  keyed: boolean;
  /** The last entry the head beside the store records (null: no head). */
  recordedHead: number | null;
  /** What is worth knowing but not wrong: entries written after the head was last recorded. */
  note: string | null;
}

/** What the check compares the log with: the audit key and the head recorded beside the store. */
export interface AuditAnchorView {
  auditKey: Buffer | null;
  head: HeadRead;
}

const PAGE = 5000;

const entries = (n: number) => `${n.toLocaleString('en-GB')} ${n === 1 ? 'entry' : 'entries'}`;

export async function verifyAuditChain(
  db: Db,
  anchor: AuditAnchorView = { auditKey: null, head: { kind: 'missing' } },
): Promise<AuditVerification> {
  const { auditKey } = anchor;
  const head = anchor.head.kind === 'found' ? anchor.head.head : null;
  const storeKeyedFrom = await keyedFromInStore(db);
  const base = { checked: 0, keyed: storeKeyedFrom !== null, recordedHead: head?.lastId ?? null, note: null };
  const fail = (problem: string, firstBrokenId: number | null = null, checked = 0): AuditVerification => ({
    ...base,
    ok: false,
    checked,
    firstBrokenId,
    problem,
  });

  if (anchor.head.kind === 'unreadable')
    return fail(
      'The head recorded beside the store is unreadable: whether entries were cut from the end cannot be checked.',
    );
  if (head && !headSealIsValid(head, auditKey))
    return fail('The head recorded beside the store has been altered: its seal does not match the audit key.');
  // Where keyed chaining began: the sealed head says; the store's own record must agree.
  const keyedFrom = head ? head.keyedFrom : storeKeyedFrom;
  if (head && head.keyedFrom !== storeKeyedFrom)
    return fail(
      `The log's record of where keyed chaining began (entry ${storeKeyedFrom ?? 'none'}) differs from the recorded head's ` +
        `(entry ${head.keyedFrom ?? 'none'}): the log was rewritten.`,
    );
  // The keys by epoch: a team database keeps its own (the copied data file's and its own, from
  // the copy on: db/store/postgres/audit-chain.ts); a data file's is in its key envelope.
  const serverKeys = await readServerChainKeys(db);
  if (serverKeys === 'refused')
    return fail(
      "The team database chains its audit log with its own key, which only the database's owner and " +
        "administrators' logins can read: check it as an administrator.",
    );
  if (serverKeys && keyedFrom !== null && serverKeys[0]!.firstEntryId > keyedFrom)
    return fail(
      `The log's record of where keyed chaining began (entry ${keyedFrom}) is earlier than the team database's ` +
        `first audit key (entry ${serverKeys[0]!.firstEntryId}): entries were chained with a key it does not keep.`,
    );
  if (!serverKeys && keyedFrom !== null && !auditKey)
    return fail('The log is chained with the audit key, which was not given: open the store with its key envelope.');
  const epochs = serverKeys ?? (keyedFrom !== null ? [{ firstEntryId: keyedFrom, key: auditKey! }] : []);
  let epoch = -1;

  let prev = GENESIS_HASH;
  let checked = 0;
  let lastId = 0;
  let hashAtHead: string | null = head?.lastId === 0 ? GENESIS_HASH : null;
  for (let after = 0; ;) {
    const rows = await db
      .selectFrom('audit_log')
      .select(['id', ...AUDIT_HASHED_FIELDS, 'prev_hash', 'hash'])
      .where('id', '>', after)
      .orderBy('id')
      .limit(PAGE)
      .execute();
    for (const row of rows) {
      checked++;
      if (row.prev_hash !== prev)
        return fail(
          `Entry ${row.id} does not follow the entry before it: an entry was removed or inserted.`,
          row.id,
          checked,
        );
      while (epoch + 1 < epochs.length && row.id >= epochs[epoch + 1]!.firstEntryId) epoch++;
      const expected = epoch >= 0 ? keyedAuditHash(epochs[epoch]!.key, prev, row) : auditHash(prev, row);
      if (expected !== row.hash)
        return fail(`Entry ${row.id} does not match: it was altered after it was written.`, row.id, checked);
      prev = row.hash;
      lastId = row.id;
      if (head && row.id === head.lastId) hashAtHead = row.hash;
    }
    if (rows.length < PAGE) break;
    after = rows[rows.length - 1]!.id;
  }

  if (!head) {
    if (auditKey)
      return fail(
        'No head is recorded beside the store, so entries cut from the end of the log could not be noticed. ' +
          'A store with an audit key always has one: it was removed.',
        null,
        checked,
      );
    return { ...base, ok: true, checked, firstBrokenId: null, problem: null };
  }
  if (lastId < head.lastId)
    return fail(
      `The log ends ${entries(head.lastId - lastId)} before the recorded head (entry ${lastId.toLocaleString('en-GB')} ` +
        `of ${head.lastId.toLocaleString('en-GB')}): entries were cut from its end.`,
      lastId + 1,
      checked,
    );
  if (hashAtHead !== head.hash)
    return fail(
      `Entry ${head.lastId} does not match the head recorded beside the store: the log was rewritten from there.`,
      head.lastId,
      checked,
    );
  return {
    ...base,
    ok: true,
    checked,
    firstBrokenId: null,
    problem: null,
    note:
      lastId > head.lastId
        ? `${entries(lastId - head.lastId)} after the recorded head (written as the program stopped).`
        : null,
  };
}

/** The quick comparison made when a store opens (no walk of the chain): does the end of the log
 * still match the head recorded beside it? A problem here stops the head being recorded again, so
 * the evidence stays until an administrator re-anchors (or a restore does). */
export async function headProblemAtOpen(db: Db, read: HeadRead, auditKey: Buffer | null): Promise<string | null> {
  if (read.kind === 'unreadable') return 'The head recorded beside the store is unreadable.';
  if (read.kind === 'missing')
    return auditKey && (await keyedFromInStore(db)) !== null
      ? 'No head is recorded beside the store, which has an audit key: it was removed.'
      : null;
  const head = read.head;
  if (!headSealIsValid(head, auditKey))
    return 'The head recorded beside the store has been altered: its seal does not match the audit key.';
  if (head.keyedFrom !== (await keyedFromInStore(db)))
    return "The log's record of where keyed chaining began differs from the recorded head's: the log was rewritten.";
  const last = await lastAuditEntry(db);
  const lastId = last?.id ?? 0;
  if (lastId < head.lastId)
    return `The log ends ${entries(head.lastId - lastId)} before the recorded head (entry ${lastId} of ${head.lastId}): entries were cut from its end.`;
  const hash = head.lastId === 0 ? GENESIS_HASH : await auditEntryHash(db, head.lastId);
  if (hash !== head.hash)
    return `Entry ${head.lastId} does not match the head recorded beside the store: the log was rewritten from there.`;
  return null;
}

export async function recordAuditCheck(
  tx: Tx,
  actor: { staffId: number | null; now: string },
  result: AuditVerification,
): Promise<void> {
  await appendAudit(tx, actor.now, actor.staffId, {
    action: 'verify',
    entity: 'audit_log',
    summary: result.ok
      ? `Audit log checked: ${result.checked} entries intact`
      : `Audit log check FAILED: ${result.problem}`,
  });
}

export async function recordStoreCheck(
  tx: Tx,
  actor: { staffId: number | null; now: string },
  result: { integrity: string[]; foreignKeyProblems: number; audit: AuditVerification },
): Promise<void> {
  await appendAudit(tx, actor.now, actor.staffId, {
    action: 'verify',
    entity: 'store',
    summary:
      `Data file checked: integrity ${result.integrity.length ? 'FAILED' : 'ok'}, ${result.foreignKeyProblems} foreign key problems, ` +
      `audit chain ${result.audit.ok ? 'intact' : 'BROKEN'}`,
  });
}
