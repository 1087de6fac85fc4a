// Keeps the audit log keyed and anchored while the backend has a store open:
// - binds the store's audit key to its handle (appendAudit then chains with HMAC under it), and
//   when a store has just got its key (a new envelope), starts the keyed epoch;
// - at open, compares the end of the log with the head recorded beside the store; if they
//   disagree (entries cut off, the last rewritten, the head removed) it stops recording the head,
//   so the evidence stays for `check` until an administrator re-anchors or a restore does;
// - after every committed write, records the new head (`record`).
import type { Kysely } from 'kysely';
import type { Database } from '../store/schema';
import type { Store } from '../store/connection';
import { bindAuditKey } from '../store/store-secrets';
import { writeTransaction } from '../store/dialect';
import { appendAudit } from '../features/audit/audit.repository';
import {
  auditHeadFileOf,
  readAuditHead,
  sealHead,
  writeAuditHead,
  type AuditAnchor,
  type AuditHead,
  type HeadRead,
} from '../features/audit/audit-head';
import { insertAuditEpoch, keyedFromInStore, lastAuditEntry } from '../features/audit/audit-epochs.repository';
import { headProblemAtOpen, type AuditAnchorView } from '../features/trust/audit-verify';
import { log } from './log';

export interface AuditAnchorKeeper {
  /** Records the log's current head beside the store (after a committed write). */
  record(): Promise<void>;
  /** The audit key and the recorded head, for the full check. */
  view(): AuditAnchorView;
  /** What the comparison at open found wrong (the head is then left as it was). */
  readonly disputed: string | null;
  /** Accepts the log as it is now and records its head, noting why (a restore, an administrator). */
  reanchor(anchor: Omit<AuditAnchor, 'at' | 'lastIdAfter'>): Promise<void>;
  /** The head as last recorded (null before the first). */
  readonly head: AuditHead | null;
}

export interface ReanchorRequest {
  reason: AuditAnchor['reason'];
  note: string;
  lastIdBefore: number | null;
}

export async function openAuditAnchor(
  store: Store,
  now: () => Date,
  options: { reanchor?: ReanchorRequest } = {},
): Promise<AuditAnchorKeeper> {
  const db: Kysely<Database> = store.db;
  const auditKey = store.keyring?.secrets.auditKey ?? null;
  const storeId = store.keyring?.envelope.storeId ?? null;
  // A team database's address is a connection string, not a path (its log is the server's to guard:
  // insert-only for every login but the owner); a store in memory has no folder.
  const file = store.file === ':memory:' || store.kind === 'postgres' ? null : auditHeadFileOf(store.file);
  bindAuditKey(db, auditKey);

  let headRead: HeadRead = file ? readAuditHead(file) : { kind: 'missing' };
  let head: AuditHead | null = headRead.kind === 'found' ? headRead.head : null;
  let keyedFrom = await keyedFromInStore(db);
  // Compared before any keying: an older head has no seal yet.
  let disputed =
    file && !options.reanchor ? await headProblemAtOpen(db, headRead, keyedFrom === null ? null : auditKey) : null;
  if (disputed) log('error', 'audit-head-disputed', { problem: disputed.slice(0, 120) });
  let anchors: AuditAnchor[] = head?.anchors ?? [];

  const write = async (extra: AuditAnchor | null, durable: boolean) => {
    if (!file) return;
    const last = await lastAuditEntry(db);
    if (extra) anchors = [...anchors, { ...extra, lastIdAfter: last?.id ?? 0 }];
    head = sealHead(
      {
        format: 'worksbook-audit-head',
        version: 1,
        storeId,
        lastId: last?.id ?? 0,
        hash: last?.hash ?? '0'.repeat(64),
        at: now().toISOString(),
        keyedFrom,
        anchors,
      },
      auditKey,
    );
    writeAuditHead(file, head, durable);
    headRead = { kind: 'found', head };
  };

  // A store that has just got its audit key: from the next entry on, the chain is keyed.
  if (auditKey && keyedFrom === null) {
    const before = await lastAuditEntry(db);
    await writeTransaction(db).execute(async (tx) => {
      const at = now().toISOString();
      const id = await appendAudit(tx, at, null, {
        action: 'audit-keyed',
        entity: 'audit_log',
        summary:
          'The audit log is keyed from this entry on: each entry is chained with the audit key kept in the key ' +
          'envelope beside the store, and the head is recorded beside it',
      });
      await insertAuditEpoch(tx, {
        first_entry_id: id,
        chain: 'hmac-sha256',
        reason: 'keyed',
        note: `entries before ${id} keep the plain SHA-256 chain`,
        created_at: at,
      });
    });
    keyedFrom = await keyedFromInStore(db);
    if (!disputed)
      await write(
        {
          at: now().toISOString(),
          reason: 'keyed',
          lastIdBefore: before?.id ?? null,
          lastIdAfter: 0,
          note: 'audit key added',
        },
        true,
      );
  }

  const keeper: AuditAnchorKeeper = {
    get disputed() {
      return disputed;
    },
    get head() {
      return head;
    },
    async record() {
      if (disputed || !file) return;
      const last = await lastAuditEntry(db);
      if (head && last && head.lastId === last.id && head.hash === last.hash) return;
      await write(null, false);
    },
    view: () => ({ auditKey, head: headRead }),
    async reanchor(anchor) {
      keyedFrom = await keyedFromInStore(db);
      disputed = null;
      await write({ ...anchor, at: now().toISOString(), lastIdAfter: 0 }, true);
    },
  };
  if (options.reanchor) await keeper.reanchor(options.reanchor);
  else if (!disputed && !head) await write(null, true);
  else await keeper.record();
  return keeper;
}
