// Walks the whole audit log in order and recomputes the hash chain: an edited, inserted or
// deleted row (possible only by someone bypassing the app and its triggers) breaks the chain at
// that row. Reads the log in pages by id, so a million entries stay cheap on any store.
import type { Db, Tx } from '../../store/schema';
import { appendAudit, auditHash, GENESIS_HASH } from '../audit/audit.repository';

export interface AuditVerification {
  ok: boolean;
  checked: number;
  /** The first row whose stored hashes do not match. */
  firstBrokenId: number | null;
  problem: string | null;
}

const PAGE = 5000;

export async function verifyAuditChain(db: Db): Promise<AuditVerification> {
  let prev = GENESIS_HASH;
  let checked = 0;
  for (let after = 0; ;) {
    const rows = await db
      .selectFrom('audit_log')
      .select([
        'id',
        'at',
        'staff_id',
        'action',
        'entity',
        'entity_id',
        'participant_id',
        'summary',
        'before_json',
        'after_json',
        'prev_hash',
        'hash',
      ])
      .where('id', '>', after)
      .orderBy('id')
      .limit(PAGE)
      .execute();
    for (const row of rows) {
      checked++;
      if (row.prev_hash !== prev) {
        return {
          ok: false,
          checked,
          firstBrokenId: row.id,
          problem: `Entry ${row.id} does not follow the entry before it (an entry was removed or inserted).`,
        };
      }
      if (auditHash(prev, row) !== row.hash) {
        return {
          ok: false,
          checked,
          firstBrokenId: row.id,
          problem: `Entry ${row.id} was altered after it was written.`,
        };
      }
      prev = row.hash;
    }
    if (rows.length < PAGE) return { ok: true, checked, firstBrokenId: null, problem: null };
    after = rows[rows.length - 1]!.id;
  }
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
