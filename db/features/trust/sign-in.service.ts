// Signing in: password check with lockout after repeated failures (audited), a first password set
// with a one-time set-up code an administrator issued, and the session kept on the caller.
//
// The slow part (scrypt, ~0.1 s) runs before the transaction, so attempts do not queue behind one
// another holding the store; the transaction then re-reads the profile and counts a wrong attempt
// with a single UPDATE (staff.repository countWrongAttempt), so attempts made at the same moment
// are each counted and cannot slip past the lockout.
import { AppFailure } from '../../../shared/result';
import { LOCKOUT_ATTEMPTS, LOCKOUT_MINUTES } from '../../../shared/domain/password-rules';
import type { Session } from '../../../shared/contract/app.contract';
import { withinLogin, type Role } from '../../../shared/contract/define';
import type { Client } from '../../backend/context';
import type { Db, Tx } from '../../store/schema';
import { appendAudit } from '../audit/audit.repository';
import {
  anyActivePassword,
  clearWrongAttempts,
  countWrongAttempt,
  findStaff,
  setPasswordHash,
  setSignInState,
  toStaffProfile,
} from '../staff/staff.repository';
import { hashPassword, needsRehash, verifyPassword } from '../staff/password';
import { passwordsRequired } from './trust-settings';
import type { StaffRow } from '../../store/tables/foundation.tables';
import { matchSetupCode } from './setup-codes.service';
import { retireSetupCodes, useSetupCode } from './setup-codes.repository';

const WRONG_PASSWORD = [{ path: ['password'], message: 'The password is not right' }];
const WRONG_CODE = [
  {
    path: ['code'],
    message: 'The set-up code is not right, or has expired or been used: ask an administrator for a new one',
  },
];
export const NEEDS_SETUP_CODE = 'This profile has no password yet. Ask an administrator for a set-up code.';

function ukTime(iso: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: '2-digit', minute: '2-digit' }).format(
    new Date(iso),
  );
}

export async function activeStaff(db: Db, staffId: number, reader: Role = 'administrator'): Promise<StaffRow> {
  const staff = await findStaff(db, staffId, reader);
  if (!staff || staff.is_active !== 1) throw new AppFailure('not-found', 'That staff profile does not exist.');
  return staff;
}

function lockedRefusal(lockedUntil: string, field: string): AppFailure {
  return new AppFailure(
    'unauthenticated',
    `This profile is locked after ${LOCKOUT_ATTEMPTS} wrong attempts. Try again after ${ukTime(lockedUntil)}, or ask an administrator to unlock it.`,
    [{ path: [field], message: `Locked until ${ukTime(lockedUntil)}` }],
  );
}

function refuseIfLocked(staff: StaffRow, nowIso: string, field: string): void {
  if (staff.locked_until && staff.locked_until > nowIso) throw lockedRefusal(staff.locked_until, field);
}

/** Signs the caller in as `staff` (the session lives on the client, not in the store), working
 * with no more than the team database login's role. */
export function startSession(client: Client, staff: StaffRow, now: Date, loginRole: Role | null = null): Session {
  const profile = toStaffProfile(staff);
  const session = { staff: { ...profile, role: withinLogin(profile.role, loginRole) }, startedAt: now.toISOString() };
  client.session = session;
  client.lastActivity = now.getTime();
  return session;
}

/** What was checked before the transaction: the hash the password was compared with, the verdict,
 * and a stronger hash to store when the old one used weaker parameters. */
export interface PasswordCheck {
  hash: string | null;
  matches: boolean;
  rehash: string | null;
}

/** The slow part of a sign-in, outside any transaction. */
export function checkPassword(staff: StaffRow, password: string | undefined): PasswordCheck {
  if (!staff.password_hash) return { hash: null, matches: false, rehash: null };
  const matches = verifyPassword(password ?? '', staff.password_hash);
  const rehash = matches && needsRehash(staff.password_hash) ? hashPassword(password ?? '') : null;
  return { hash: staff.password_hash, matches, rehash };
}

/** A wrong password or code: counted (atomically) and audited, locking the profile at the limit.
 * Returns the refusal for the caller to throw after the count is committed. */
async function recordWrongAttempt(tx: Tx, staff: StaffRow, nowIso: string, what: string, field: string) {
  const attempts = await countWrongAttempt(tx, staff.id, nowIso);
  if (attempts === null) {
    const row = await activeStaff(tx, staff.id);
    return lockedRefusal(row.locked_until ?? nowIso, field);
  }
  await appendAudit(tx, nowIso, null, {
    action: 'sign-in-failed',
    entity: 'staff',
    entityId: staff.id,
    summary: `Wrong ${what} for ${staff.display_name} (attempt ${attempts})`,
  });
  if (attempts < LOCKOUT_ATTEMPTS) return null;
  const lockedUntil = new Date(new Date(nowIso).getTime() + LOCKOUT_MINUTES * 60_000).toISOString();
  await setSignInState(tx, staff.id, { failed_attempts: 0, locked_until: lockedUntil });
  await appendAudit(tx, nowIso, null, {
    action: 'lockout',
    entity: 'staff',
    entityId: staff.id,
    summary: `${staff.display_name} locked for ${LOCKOUT_MINUTES} minutes after ${LOCKOUT_ATTEMPTS} wrong attempts`,
  });
  return lockedRefusal(lockedUntil, field);
}

async function recordSignIn(tx: Tx, staff: StaffRow, nowIso: string, field: string): Promise<StaffRow> {
  // Cleared only if no concurrent wrong attempt has locked the profile meanwhile.
  if (!(await clearWrongAttempts(tx, staff.id, nowIso))) refuseIfLocked(await activeStaff(tx, staff.id), nowIso, field);
  await appendAudit(tx, nowIso, staff.id, {
    action: 'sign-in',
    entity: 'staff',
    entityId: staff.id,
    summary: `${staff.display_name} started working`,
  });
  return { ...(await activeStaff(tx, staff.id)), failed_attempts: 0, locked_until: null };
}

/** One sign-in attempt, in one transaction, after `checkPassword`: a wrong password is counted
 * (and may lock the profile) and audited, and the refusal is returned rather than thrown so the
 * caller can commit the count first; the other refusals change nothing and are thrown. */
export async function attemptSignIn(
  tx: Tx,
  staffId: number,
  check: PasswordCheck,
  now: Date,
): Promise<{ ok: true; staff: StaffRow } | { ok: false; refusal: AppFailure }> {
  const nowIso = now.toISOString();
  const staff = await activeStaff(tx, staffId);
  refuseIfLocked(staff, nowIso, 'password');
  // A password set or reset while this one was being checked: check again.
  if (staff.password_hash !== check.hash)
    throw new AppFailure('conflict', 'The password of this profile changed just now. Try again.');
  if (staff.password_hash) {
    if (!check.matches) {
      const refusal = await recordWrongAttempt(tx, staff, nowIso, 'password', 'password');
      return {
        ok: false,
        refusal: refusal ?? new AppFailure('unauthenticated', 'The password is not right.', WRONG_PASSWORD),
      };
    }
    // A hash made with older scrypt parameters is replaced now that the password is known.
    if (check.rehash) await setPasswordHash(tx, staff.id, check.rehash);
  } else if (await passwordsRequired(tx)) {
    throw new AppFailure('unauthenticated', NEEDS_SETUP_CODE, [{ path: ['code'], message: 'Enter the set-up code' }]);
  }
  return { ok: true, staff: await recordSignIn(tx, staff, nowIso, 'password') };
}

/** A signed-in person's password asked again before something only they may do (a new recovery
 * key): a wrong one counts toward the same lockout as signing in (one UPDATE, so attempts at the
 * same moment are each counted), a locked profile is refused with the same message, and, as with
 * attemptSignIn, the refusal is returned so the caller commits the count before throwing it. A
 * right password changes nothing: the count is cleared by the next sign-in. */
export async function recheckPassword(
  tx: Tx,
  staffId: number,
  check: PasswordCheck,
  now: Date,
  what: string,
): Promise<{ ok: true } | { ok: false; refusal: AppFailure }> {
  const nowIso = now.toISOString();
  const staff = await activeStaff(tx, staffId);
  refuseIfLocked(staff, nowIso, 'password');
  if (staff.password_hash !== check.hash)
    throw new AppFailure('conflict', 'Your password changed just now. Try again.');
  if (check.matches) return { ok: true };
  const refusal = await recordWrongAttempt(tx, staff, nowIso, what, 'password');
  return {
    ok: false,
    refusal:
      refusal ??
      new AppFailure('validation', 'Your password is not right.', [
        { path: ['password'], message: 'Your password is not right' },
      ]),
  };
}

/** Sign-in through a team database login that may not read password hashes (a viewer's): the
 * server checked the login's own password (SCRAM) when the app connected, and that stands in for
 * the app's password, which this login can neither check nor count wrong attempts of. The profile
 * is the one an administrator bound to this login (login-binding.service.ts, checked by the caller
 * and by the server), so the login says who is at the keyboard; the session works with no more
 * than a viewer's role. A locked or inactive profile is still refused, and the sign-in audited. */
export async function signInThroughLogin(tx: Tx, staffId: number, reader: Role, now: Date): Promise<StaffRow> {
  const nowIso = now.toISOString();
  const staff = await activeStaff(tx, staffId, reader);
  refuseIfLocked(staff, nowIso, 'password');
  await appendAudit(tx, nowIso, staff.id, {
    action: 'sign-in',
    entity: 'staff',
    entityId: staff.id,
    summary: `${staff.display_name} started working (signed in to the team database as a viewer)`,
  });
  return staff;
}

/** A staff member sets their password with the one-time code an administrator gave them, and is
 * signed in. `newHash` is the chosen password's hash, made before the transaction. A wrong,
 * expired or used code counts as a wrong attempt. */
export async function redeemSetupCode(
  tx: Tx,
  staffId: number,
  code: string,
  newHash: string,
  now: Date,
): Promise<{ ok: true; staff: StaffRow } | { ok: false; refusal: AppFailure }> {
  const nowIso = now.toISOString();
  const staff = await activeStaff(tx, staffId);
  refuseIfLocked(staff, nowIso, 'code');
  const matched = await matchSetupCode(tx, staff.id, code, nowIso);
  if (!matched || !(await useSetupCode(tx, matched.id, nowIso))) {
    const refusal = await recordWrongAttempt(tx, staff, nowIso, 'set-up code', 'code');
    return {
      ok: false,
      refusal: refusal ?? new AppFailure('unauthenticated', 'The set-up code is not right.', WRONG_CODE),
    };
  }
  await setPasswordHash(tx, staff.id, newHash);
  await retireSetupCodes(tx, staff.id, nowIso);
  await appendAudit(tx, nowIso, staff.id, {
    action: 'password-set',
    entity: 'staff',
    entityId: staff.id,
    summary: `${staff.display_name} set their password with a set-up code`,
  });
  return { ok: true, staff: await recordSignIn(tx, staff, nowIso, 'code') };
}

/** A store from before passwords were required, in which nobody has one yet: its first
 * administrator to arrive sets a password (and from then on every other profile needs a set-up
 * code). No one could be signed in before this (passwords are required), and once any profile has
 * a password this is refused: it can never be used to take over a profile someone added. */
export async function claimFirstPassword(tx: Tx, staffId: number, newHash: string, nowIso: string): Promise<StaffRow> {
  const staff = await activeStaff(tx, staffId);
  if (staff.password_hash)
    throw new AppFailure(
      'conflict',
      'This profile already has a password. Sign in with it, or ask an administrator to reset it.',
    );
  if (staff.role !== 'administrator' || (await anyActivePassword(tx)))
    throw new AppFailure('forbidden', NEEDS_SETUP_CODE, [{ path: ['code'], message: 'Enter the set-up code' }]);
  await setPasswordHash(tx, staff.id, newHash);
  await appendAudit(tx, nowIso, staff.id, {
    action: 'password-set',
    entity: 'staff',
    entityId: staff.id,
    summary: `${staff.display_name} set the first password of this programme`,
  });
  await appendAudit(tx, nowIso, staff.id, {
    action: 'sign-in',
    entity: 'staff',
    entityId: staff.id,
    summary: `${staff.display_name} started working`,
  });
  return { ...staff, password_hash: newHash };
}

export async function changeOwnPassword(
  tx: Tx,
  staffId: number,
  currentPassword: string | undefined,
  newPassword: string,
  nowIso: string,
): Promise<void> {
  const staff = await activeStaff(tx, staffId);
  if (staff.password_hash && !verifyPassword(currentPassword ?? '', staff.password_hash)) {
    throw new AppFailure('validation', 'Your current password is not right.', [
      { path: ['currentPassword'], message: 'Your current password is not right' },
    ]);
  }
  await setPasswordHash(tx, staff.id, hashPassword(newPassword));
  await retireSetupCodes(tx, staff.id, nowIso);
  await appendAudit(tx, nowIso, staff.id, {
    action: 'password-change',
    entity: 'staff',
    entityId: staff.id,
    summary: `${staff.display_name} changed their password`,
  });
}

export async function recordSignOut(tx: Tx, staffId: number, nowIso: string, reason?: string): Promise<void> {
  await appendAudit(tx, nowIso, staffId, {
    action: 'sign-out',
    entity: 'staff',
    entityId: staffId,
    summary: reason ?? 'Signed out',
  });
}
