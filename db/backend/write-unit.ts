// One unit of writing, the same for every channel: a checked backup first when the write is
// bulk, one transaction, a refusal to commit a transaction that changed rows but appended no
// audit row (one that changed nothing, e.g. a save with no edits, needs none), and the
// `data-changed` event after the commit (never before: a screen that reloads early would read
// the old data). The dispatcher runs `write` channels through it; `own` channels call it through
// `ctx.transact`.
import type { BulkReason, DataArea } from '../../shared/contract/define';
import type { Tx } from '../store/schema';
import type { BackendServices } from './context';
import { takeBackup } from './backups';
import { watchWrites, writeTransaction } from '../store/dialect';

/** A write that left no trace in the audit log: a programming error, so the change is undone. */
export class WriteWithoutAudit extends Error {
  constructor(readonly channel: string) {
    super(`${channel} changed the store without appending an audit row`);
    this.name = 'WriteWithoutAudit';
  }
}

export interface WriteUnit {
  channel: string;
  areas: readonly DataArea[];
  bulk?: BulkReason | undefined;
  staffId: number | null;
}

async function lastAuditId(tx: Tx): Promise<number> {
  const row = await tx
    .selectFrom('audit_log')
    .select((eb) => eb.fn.max('id').as('id'))
    .executeTakeFirst();
  return Number(row?.id ?? 0);
}

export async function runWrite<T>(
  services: BackendServices,
  unit: WriteUnit,
  work: (tx: Tx) => Promise<T>,
): Promise<T> {
  if (unit.bulk) await takeBackup(services, unit.bulk, unit.staffId);
  const value = await writeTransaction(services.db).execute(async (tx) => {
    const before = await lastAuditId(tx);
    const hasChanged = await watchWrites(tx);
    const result = await work(tx);
    if ((await hasChanged()) && (await lastAuditId(tx)) === before) throw new WriteWithoutAudit(unit.channel);
    return result;
  });
  // The audit log's new head, recorded beside the store (audit-anchor.ts).
  await services.audit.record();
  if (unit.areas.length) services.emit({ type: 'data-changed', areas: [...unit.areas] });
  return value;
}
