// One unit of writing, the same for every channel: a checked backup first when the write is
// bulk, one transaction, a refusal to commit a transaction that changed rows but appended no
// audit row (one that changed nothing, e.g. a save with no edits, needs none), and the
// `data-changed` event after the commit (never before: a screen that reloads early would read
// the old data). The dispatcher runs `write` channels through it; `own` channels call it through
// `ctx.transact`.
//
// On a team database (PostgreSQL) other backends write too: the changed areas are announced
// inside the transaction (delivered to them on commit), and a transaction that lost a race with
// another writer (serialization failure, deadlock) is run again from the start, a few times,
// before the failure is reported. The store's dialect says which failures those are.
import type { BulkReason, DataArea } from '../../shared/contract/define';
import type { Tx } from '../store/schema';
import type { BackendServices } from './context';
import { backupBeforeBulkWrite } from './backups';
import { announceChanges, isRetryableConflict, storeBackups, watchWrites, writeTransaction } from '../store/dialect';

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

/** Runs of a transaction that lost a race, before the failure is the caller's. */
export const WRITE_ATTEMPTS = 5;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function runWrite<T>(
  services: BackendServices,
  unit: WriteUnit,
  work: (tx: Tx) => Promise<T>,
): Promise<T> {
  if (unit.bulk && storeBackups(services.db).beforeBulkWrites)
    await backupBeforeBulkWrite(services, { channel: unit.channel, bulk: unit.bulk, staffId: unit.staffId });
  const attempt = () =>
    writeTransaction(services.db).execute(async (tx) => {
      const before = await lastAuditId(tx);
      const hasChanged = await watchWrites(tx);
      const result = await work(tx);
      if (await hasChanged()) {
        if ((await lastAuditId(tx)) === before) throw new WriteWithoutAudit(unit.channel);
        await announceChanges(tx, unit.areas);
      }
      return result;
    });
  let value: T;
  for (let n = 1; ; n++) {
    try {
      value = await attempt();
      break;
    } catch (error) {
      if (n >= WRITE_ATTEMPTS || !isRetryableConflict(services.db, error)) throw error;
      // Jittered and growing, so two writers that collided do not collide again in step.
      await pause(Math.round((10 + Math.random() * 40) * 2 ** (n - 1)));
    }
  }
  // The audit log's new head, recorded beside the store (audit-anchor.ts).
  await services.audit.record();
  if (unit.areas.length) services.emit({ type: 'data-changed', areas: [...unit.areas] });
  return value;
}
