// Staff accounts, managed by administrators: add, rename, change role, deactivate, reset a
// password, unlock. The store always keeps at least one active administrator. Each write runs in
// the caller's transaction and appends its audit entry.
import { AppFailure } from '../../../shared/result';
import type { ManagedStaff } from '../../../shared/contract/trust.contract';
import type { Role } from '../../../shared/contract/define';
import type { Db, Tx } from '../../store/schema';
import type { StaffRow } from '../../store/tables/foundation.tables';
import { keyNewTeamAuditChain } from '../../store/team-roles';
import { appendAudit } from '../audit/audit.repository';
import {
  countActiveAdministrators,
  countStaff,
  findStaff,
  findStaffByName,
  insertStaff,
  listStaff,
  setPasswordHash,
  setSignInState,
  toStaffProfile,
  updateStaffRow,
} from '../staff/staff.repository';
import { hashPassword } from '../staff/password';
import { isDemoStore } from './trust-settings';
import { issueSetupCode, type IssuedSetupCode } from './setup-codes.service';
import { retireSetupCodes, setupCodeExpiries } from './setup-codes.repository';

/** Who is acting, and when. */
export interface StaffActor {
  staffId: number | null;
  now: string;
}

function toManagedStaff(row: StaffRow, setupCodeExpiresAt: string | null): ManagedStaff {
  return {
    ...toStaffProfile(row),
    email: row.email,
    lockedUntil: row.locked_until,
    failedAttempts: row.failed_attempts,
    setupCodeExpiresAt,
    databaseLogin: row.database_login,
  };
}

export async function manageList(db: Db, nowIso: string): Promise<ManagedStaff[]> {
  const codes = await setupCodeExpiries(db, nowIso);
  return (await listStaff(db)).map((row) => toManagedStaff(row, codes.get(row.id) ?? null));
}

async function mustFind(db: Db, id: number): Promise<StaffRow> {
  const row = await findStaff(db, id);
  if (!row) throw new AppFailure('not-found', 'That staff account does not exist.');
  return row;
}

export async function managed(db: Db, id: number, nowIso: string): Promise<ManagedStaff> {
  const codes = await setupCodeExpiries(db, nowIso);
  return toManagedStaff(await mustFind(db, id), codes.get(id) ?? null);
}

/** Adds a staff member with the password an administrator chose, or (without one) with a one-time
 * set-up code for them to choose it: a profile never waits open for whoever picks it first. */
export async function createStaff(
  tx: Tx,
  actor: StaffActor,
  input: { displayName: string; role: Role; email?: string | undefined; password?: string | undefined },
): Promise<ManagedStaff & { setupCode: IssuedSetupCode | null }> {
  if (await findStaffByName(tx, input.displayName))
    throw new AppFailure('conflict', 'Someone already has that name; add a surname or initial.', [
      { path: ['displayName'], message: 'Someone already has that name' },
    ]);
  const id = await insertStaff(tx, {
    display_name: input.displayName,
    email: input.email ? input.email : null,
    role: input.role,
    password_hash: input.password ? hashPassword(input.password) : null,
    locked_until: null,
    created_at: actor.now,
  });
  await appendAudit(tx, actor.now, actor.staffId, {
    action: 'create',
    entity: 'staff',
    entityId: id,
    summary: `Staff account ${input.displayName} added as ${input.role}`,
    after: {
      display_name: input.displayName,
      role: input.role,
      email: input.email || null,
      has_password: !!input.password,
    },
  });
  const setupCode = input.password ? null : await issueSetupCode(tx, actor, id);
  return { ...(await managed(tx, id, actor.now)), setupCode };
}

/** The first profile of an empty store: an administrator, who is then the one working. Outside a
 * demo store it needs a password (the contract checks it against the password rules). */
export async function createFirstAdministrator(
  tx: Tx,
  input: { displayName: string; password?: string | undefined },
  now: string,
): Promise<StaffRow> {
  if ((await countStaff(tx)) > 0)
    throw new AppFailure('conflict', 'This programme already has staff profiles; ask an administrator to add you.');
  if (!input.password && !(await isDemoStore(tx)))
    throw new AppFailure('validation', 'Choose a password for your profile.', [
      { path: ['password'], message: 'Choose a password: at least 10 characters (three random words work well)' },
    ]);
  // A team database's chain is keyed from here (team-roles.ts says why); nothing on a data file.
  await keyNewTeamAuditChain(tx, now);
  const id = await insertStaff(tx, {
    display_name: input.displayName,
    email: null,
    role: 'administrator',
    password_hash: input.password ? hashPassword(input.password) : null,
    locked_until: null,
    created_at: now,
  });
  await appendAudit(tx, now, id, {
    action: 'create',
    entity: 'staff',
    entityId: id,
    summary: `First administrator profile ${input.displayName} created`,
    after: { display_name: input.displayName, role: 'administrator' },
  });
  return mustFind(tx, id);
}

export async function updateStaff(
  tx: Tx,
  actor: StaffActor,
  input: { id: number; displayName?: string; role?: Role; isActive?: boolean },
): Promise<ManagedStaff> {
  const before = await mustFind(tx, input.id);
  const next = {
    display_name: input.displayName ?? before.display_name,
    role: input.role ?? before.role,
    is_active: input.isActive === undefined ? before.is_active : input.isActive ? 1 : 0,
  };
  const losesAdmin =
    before.role === 'administrator' &&
    before.is_active === 1 &&
    (next.role !== 'administrator' || next.is_active !== 1);
  if (losesAdmin && (await countActiveAdministrators(tx)) <= 1) {
    throw new AppFailure(
      'conflict',
      'This is the only active administrator. Make someone else an administrator first.',
      [{ path: [input.role ? 'role' : 'isActive'], message: 'The only active administrator must stay one' }],
    );
  }
  await updateStaffRow(tx, input.id, next);
  await appendAudit(tx, actor.now, actor.staffId, {
    action: 'update',
    entity: 'staff',
    entityId: input.id,
    summary: `Staff account ${next.display_name} changed`,
    before: { display_name: before.display_name, role: before.role, is_active: before.is_active },
    after: next,
  });
  return managed(tx, input.id, actor.now);
}

export async function resetPassword(tx: Tx, actor: StaffActor, id: number, newPassword: string): Promise<ManagedStaff> {
  const row = await mustFind(tx, id);
  await setPasswordHash(tx, id, hashPassword(newPassword));
  await retireSetupCodes(tx, id, actor.now);
  await appendAudit(tx, actor.now, actor.staffId, {
    action: 'password-reset',
    entity: 'staff',
    entityId: id,
    summary: `Password of ${row.display_name} reset by an administrator`,
  });
  return managed(tx, id, actor.now);
}

export async function unlockStaff(tx: Tx, actor: StaffActor, id: number): Promise<ManagedStaff> {
  const row = await mustFind(tx, id);
  await setSignInState(tx, id, { failed_attempts: 0, locked_until: null });
  await appendAudit(tx, actor.now, actor.staffId, {
    action: 'unlock',
    entity: 'staff',
    entityId: id,
    summary: `${row.display_name} unlocked by an administrator`,
  });
  return managed(tx, id, actor.now);
}
