// Audit summaries as a person reads them, for the courses tests. Entries about a participant
// may be sealed with that person's key (trust area); this opens them when the store does so,
// and reads them as they are when it does not.
import type { Kysely } from 'kysely';
import type { Database } from '../../db/store/schema';
import * as audit from '../../db/features/audit/audit.repository';

type Row = {
  participant_id: number | null;
  summary: string;
  before_json: string | null;
  after_json: string | null;
  entity: string;
  action: string;
};
type Opener = (tx: Kysely<Database>, rows: Row[]) => Promise<Row[]>;

export async function auditRows(
  db: Kysely<Database>,
  where: { participantId?: number; entity?: string; action?: string },
): Promise<Row[]> {
  let q = db
    .selectFrom('audit_log')
    .select(['participant_id', 'summary', 'before_json', 'after_json', 'entity', 'action'])
    .orderBy('id');
  if (where.participantId !== undefined) q = q.where('participant_id', '=', where.participantId);
  if (where.entity) q = q.where('entity', '=', where.entity);
  if (where.action) q = q.where('action', '=', where.action);
  const rows = await q.execute();
  const open = (audit as Record<string, unknown>).readableAuditRows as Opener | undefined;
  return open ? open(db, rows) : rows;
}
