// Appends many audit entries at once for an import of thousands of rows: the same rows and the
// same hash chain as appendAudit (audit.repository), computed in memory and written with
// multi-row inserts inside the caller's transaction.
//
// Sealing (AES-GCM, one cipher per text by the format) and chaining (HMAC) 50,000 entries took
// about a second of the commit on the backend thread. An AuditSealer does it in a worker thread
// while the backend thread inserts the people the entries are about: the commit hands it each
// insert statement's new people as the statement returns, in chain order, and appendAuditMany
// takes the sealed rows as the head of the chain and chains the rest after them. The worker only
// ever saves time: if it fails, or the chain's head moved after the sealer read it, the same
// entries are sealed here, in order, as before.
import { Worker } from 'node:worker_threads';
import type { Tx } from '../../store/schema';
import { chainRows, GENESIS_HASH, type AuditEntry, type ChainedAuditRow } from '../audit/audit-chain';
import { auditKeyOf } from '../../store/store-secrets';
import { ensureAuditKeys } from '../audit/audit-crypto';
import { insertMany } from '../../store/insert-many';
import { workerScript } from '../../backend/workers';
import type { SealReply, SealRequest, SealStart } from './bulk-audit.worker';

const CHUNK = 500;
/** How long the commit waits for the worker's last rows once every entry is handed over (it seals
 * 50,000 in one to two seconds). */
const FINISH_TIMEOUT_MS = 60_000;

async function chainHead(tx: Tx): Promise<string> {
  const last = await tx.selectFrom('audit_log').select('hash').orderBy('id', 'desc').limit(1).executeTakeFirst();
  return last?.hash ?? GENESIS_HASH;
}

/** Entries sealed and chained in a worker thread while the caller goes on writing. */
export class AuditSealer {
  /** Every entry handed over, in order (sealed here instead if the worker's rows cannot be used). */
  readonly entries: AuditEntry[] = [];
  private readonly rows: ChainedAuditRow[] = [];
  private failed: string | null = null;
  private ended: ((lastHash: string | null) => void) | null = null;

  private constructor(
    private readonly worker: Worker,
    private readonly at: string,
    readonly prevHash: string,
  ) {
    worker.on('message', (reply: SealReply) => {
      if ('rows' in reply) for (const r of reply.rows) this.rows.push(r);
      else if ('end' in reply) this.ended?.(this.failed ? null : reply.lastHash);
      else this.fail(reply.bug);
    });
    worker.on('error', (error) => this.fail(error.message));
    worker.on('exit', () => this.fail('the worker stopped'));
  }

  private fail(why: string): void {
    this.failed ??= why;
    this.ended?.(null);
  }

  /** Starts a worker that chains after the current last entry of the log. */
  static async start(tx: Tx, at: string, staffId: number | null): Promise<AuditSealer> {
    const prevHash = await chainHead(tx);
    const { script, isCode } = await workerScript('import-read');
    const auditKey = auditKeyOf(tx);
    const start: SealStart = {
      task: 'seal-audit',
      at,
      staffId,
      auditKey: auditKey ? new Uint8Array(auditKey) : null,
      prevHash,
    };
    return new AuditSealer(new Worker(script, { eval: isCode, workerData: start }), at, prevHash);
  }

  /** Hands over the next entries of the chain, making their people's audit keys in `tx`. */
  async add(tx: Tx, entries: AuditEntry[]): Promise<void> {
    if (!entries.length) return;
    for (const e of entries) this.entries.push(e);
    const ids = entries.flatMap((e) => (e.participantId == null ? [] : [e.participantId]));
    const keys = await ensureAuditKeys(tx, ids, this.at);
    if (this.failed) return;
    const request: SealRequest = {
      entries,
      keys: [...new Set(ids)].map((id) => [id, new Uint8Array(keys.get(id)!)]),
    };
    this.worker.postMessage(request);
  }

  /** The sealed rows of every entry handed over and the chain's last hash; null if the worker
   * failed. */
  async finish(): Promise<{ rows: ChainedAuditRow[]; lastHash: string } | null> {
    if (this.failed) return null;
    const lastHash = await new Promise<string | null>((resolve) => {
      // A worker that stops answering must not hold the import's transaction open: past the
      // deadline the entries are sealed here instead.
      const timer = setTimeout(() => this.fail('no answer'), FINISH_TIMEOUT_MS);
      this.ended = (hash) => {
        clearTimeout(timer);
        resolve(hash);
      };
      this.worker.postMessage({ end: true } satisfies SealRequest);
    });
    if (lastHash === null || this.rows.length !== this.entries.length) return null;
    return { rows: this.rows, lastHash };
  }

  /** Stops the worker (after finish, or when the commit fails). */
  close(): void {
    this.worker.removeAllListeners('exit');
    this.fail('closed');
    void this.worker.terminate();
  }
}

/** Appends `entries` to the chain; with `sealed`, after the entries it already sealed. */
export async function appendAuditMany(
  tx: Tx,
  at: string,
  staffId: number | null,
  entries: AuditEntry[],
  sealed?: AuditSealer,
): Promise<void> {
  if (!entries.length && !sealed?.entries.length) return;
  let prevHash = await chainHead(tx);
  let head: ChainedAuditRow[] = [];
  let rest = entries;
  if (sealed) {
    const done = prevHash === sealed.prevHash ? await sealed.finish() : null;
    if (done) {
      head = done.rows;
      prevHash = done.lastHash;
    } else rest = [...sealed.entries, ...entries];
  }
  const keys = await ensureAuditKeys(
    tx,
    rest.flatMap((e) => (e.participantId == null ? [] : [e.participantId])),
    at,
  );
  const { rows } = chainRows(at, staffId, auditKeyOf(tx), prevHash, rest, keys);
  await insertMany(tx, head.length ? [...head, ...rows] : rows, CHUNK, (chunk) =>
    tx.insertInto('audit_log').values(chunk),
  );
}
