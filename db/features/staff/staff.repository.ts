// Queries on staff profiles.
import type { StaffProfile } from '../../../shared/contract/app.contract';
import type { Tx } from '../../store/schema';
import type { NewStaff, StaffRow } from '../../store/tables/foundation.tables';

export function toStaffProfile(row: StaffRow): StaffProfile {
  return {
    id: row.id,
    displayName: row.display_name,
    role: row.role,
    isActive: row.is_active === 1,
    hasPassword: row.password_hash !== null,
  };
}

export async function listStaff(tx: Tx): Promise<StaffRow[]> {
  return tx.selectFrom('staff').selectAll().orderBy('display_name').execute();
}

export async function findStaff(tx: Tx, id: number): Promise<StaffRow | undefined> {
  return tx.selectFrom('staff').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function countStaff(tx: Tx): Promise<number> {
  const row = await tx
    .selectFrom('staff')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function insertStaff(tx: Tx, values: NewStaff): Promise<number> {
  const row = await tx.insertInto('staff').values(values).returning('id').executeTakeFirstOrThrow();
  return row.id;
}
