// The audit sealer's side of the import worker (import-read.worker.ts starts it for a task of
// 'seal-audit'): an import's entries about its new people arrive in chain order, a statement's
// people at a time, and go back sealed and chained, while the backend thread goes on inserting
// the next people. The rows are made by audit-chain.ts, the functions appendAudit uses, so the
// chain is the one the backend thread would have written.
import { parentPort } from 'node:worker_threads';
import { chainRows, type AuditEntry, type ChainedAuditRow } from '../audit/audit-chain';

export interface SealStart {
  task: 'seal-audit';
  at: string;
  staffId: number | null;
  /** The store's audit key (the keyed chain), or null for the plain chain. */
  auditKey: Uint8Array | null;
  /** The hash of the entry the first sealed one follows. */
  prevHash: string;
}

export type SealRequest = { entries: AuditEntry[]; keys: Array<[number, Uint8Array]> } | { end: true };

export type SealReply = { rows: ChainedAuditRow[] } | { end: true; lastHash: string } | { bug: string };

export function runAuditSealer(start: SealStart): void {
  const port = parentPort!;
  const auditKey = start.auditKey ? Buffer.from(start.auditKey) : null;
  let prevHash = start.prevHash;
  port.on('message', (request: SealRequest) => {
    let reply: SealReply;
    try {
      if ('end' in request) reply = { end: true, lastHash: prevHash };
      else {
        const keys = new Map(request.keys.map(([id, key]) => [id, Buffer.from(key)]));
        const sealed = chainRows(start.at, start.staffId, auditKey, prevHash, request.entries, keys);
        prevHash = sealed.lastHash;
        reply = { rows: sealed.rows };
      }
    } catch (error) {
      reply = { bug: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
    }
    port.postMessage(reply);
  });
}
