// Queries on staff profiles.
import type { StaffProfile } from '../../../shared/contract/app.contract';
import type { Role } from '../../../shared/contract/define';
import type { Db, Tx } from '../../store/schema';
import { rowAs } from '../../store/tables/readable-columns';
import type { NewStaff, StaffRow, StaffUpdate } from '../../store/tables/foundation.tables';

export function toStaffProfile(row: StaffRow): StaffProfile {
  return {
    id: row.id,
    displayName: row.display_name,
    role: row.role,
    isActive: row.is_active === 1,
    hasPassword: row.password_hash !== null,
  };
}

/** Every profile, read as `reader` reads them: a viewer's reading has no password hashes (null),
 * which a viewer's own login on a team database may not select. */
export async function listStaff(db: Db, reader: Role = 'administrator'): Promise<StaffRow[]> {
  return db.selectFrom('staff').select(rowAs(reader, 'staff')).$castTo<StaffRow>().orderBy('display_name').execute();
}

export async function findStaff(db: Db, id: number, reader: Role = 'administrator'): Promise<StaffRow | undefined> {
  return db
    .selectFrom('staff')
    .select(rowAs(reader, 'staff'))
    .$castTo<StaffRow>()
    .where('id', '=', id)
    .executeTakeFirst();
}

/** A staff member's name (any role may read it). */
export async function staffDisplayName(db: Db, id: number): Promise<string | undefined> {
  return (await db.selectFrom('staff').select('display_name').where('id', '=', id).executeTakeFirst())?.display_name;
}

/** Another profile with this display name, whatever its case. */
export async function findStaffByName(db: Db, displayName: string): Promise<{ id: number } | undefined> {
  return db
    .selectFrom('staff')
    .select('id')
    .where((eb) => eb(eb.fn('lower', ['display_name']), '=', displayName.toLowerCase()))
    .executeTakeFirst();
}

export async function countStaff(db: Db): Promise<number> {
  const row = await db
    .selectFrom('staff')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function countActiveAdministrators(db: Db): Promise<number> {
  const row = await db
    .selectFrom('staff')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('role', '=', 'administrator')
    .where('is_active', '=', 1)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function insertStaff(tx: Tx, values: NewStaff): Promise<number> {
  const row = await tx.insertInto('staff').values(values).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function updateStaffRow(tx: Tx, id: number, values: StaffUpdate): Promise<void> {
  await tx.updateTable('staff').set(values).where('id', '=', id).execute();
}

/** Whether any active profile has a password. */
export async function anyActivePassword(db: Db): Promise<boolean> {
  const row = await db
    .selectFrom('staff')
    .select('id')
    .where('is_active', '=', 1)
    .where('password_hash', 'is not', null)
    .limit(1)
    .executeTakeFirst();
  return !!row;
}

/** The wrong-password count and lock of a profile. */
export async function setSignInState(
  tx: Tx,
  id: number,
  state: { failed_attempts: number; locked_until: string | null },
): Promise<void> {
  await updateStaffRow(tx, id, state);
}

/** Adds one wrong attempt in a single UPDATE (so attempts made at the same moment are all counted,
 * on any database) unless the profile is locked now. Returns the new count, or null when locked. */
export async function countWrongAttempt(tx: Tx, id: number, nowIso: string): Promise<number | null> {
  const row = await tx
    .updateTable('staff')
    .set((eb) => ({ failed_attempts: eb('failed_attempts', '+', 1) }))
    .where('id', '=', id)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', nowIso)]))
    .returning('failed_attempts')
    .executeTakeFirst();
  return row ? row.failed_attempts : null;
}

/** Clears the wrong-attempt count after a right password, unless the profile is locked now (the
 * same single-statement test, so a lock set by a concurrent wrong attempt is respected). */
export async function clearWrongAttempts(tx: Tx, id: number, nowIso: string): Promise<boolean> {
  const row = await tx
    .updateTable('staff')
    .set({ failed_attempts: 0, locked_until: null })
    .where('id', '=', id)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', nowIso)]))
    .returning('id')
    .executeTakeFirst();
  return !!row;
}

/** A new password, which also clears the wrong-password count and any lock. */
export async function setPasswordHash(tx: Tx, id: number, hash: string): Promise<void> {
  await updateStaffRow(tx, id, { password_hash: hash, failed_attempts: 0, locked_until: null });
}
