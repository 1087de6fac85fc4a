// Signing in: password check with lockout after repeated failures (audited), first passwords
// for profiles that have none, and the session kept on the caller.
import { AppFailure } from '../../../shared/result';
import { LOCKOUT_ATTEMPTS, LOCKOUT_MINUTES } from '../../../shared/domain/password-rules';
import type { Session } from '../../../shared/contract/app.contract';
import type { Client } from '../../backend/context';
import type { Db, Tx } from '../../store/schema';
import { appendAudit } from '../audit/audit.repository';
import { findStaff, setPasswordHash, setSignInState, toStaffProfile } from '../staff/staff.repository';
import { hashPassword, needsRehash, verifyPassword } from '../staff/password';
import { passwordsRequired } from './trust-settings';
import type { StaffRow } from '../../store/tables/foundation.tables';

const WRONG = [{ path: ['password'], message: 'The password is not right' }];

function ukTime(iso: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: '2-digit', minute: '2-digit' }).format(
    new Date(iso),
  );
}

async function activeStaff(db: Db, staffId: number): Promise<StaffRow> {
  const staff = await findStaff(db, staffId);
  if (!staff || staff.is_active !== 1) throw new AppFailure('not-found', 'That staff profile does not exist.');
  return staff;
}

function lockedRefusal(staff: StaffRow, nowIso: string): AppFailure | null {
  if (!staff.locked_until || staff.locked_until <= nowIso) return null;
  return new AppFailure(
    'unauthenticated',
    `This profile is locked after ${LOCKOUT_ATTEMPTS} wrong passwords. Try again after ${ukTime(staff.locked_until)}, or ask an administrator to unlock it.`,
    [{ path: ['password'], message: `Locked until ${ukTime(staff.locked_until)}` }],
  );
}

/** Signs the caller in as `staff` (the session lives on the client, not in the store). */
export function startSession(client: Client, staff: StaffRow, now: Date): Session {
  const session = { staff: toStaffProfile(staff), startedAt: now.toISOString() };
  client.session = session;
  client.lastActivity = now.getTime();
  return session;
}

/** One sign-in attempt, in one transaction: a wrong password is counted (and may lock the
 * profile) and audited, and the refusal is returned rather than thrown so the caller can commit
 * the count first; the other refusals change nothing and are thrown. */
export async function attemptSignIn(
  tx: Tx,
  staffId: number,
  password: string | undefined,
  now: Date,
): Promise<{ ok: true; staff: StaffRow } | { ok: false; refusal: AppFailure }> {
  const nowIso = now.toISOString();
  const staff = await activeStaff(tx, staffId);
  const locked = lockedRefusal(staff, nowIso);
  if (locked) throw locked;
  if (staff.password_hash) {
    if (!verifyPassword(password ?? '', staff.password_hash)) {
      const attempts = staff.failed_attempts + 1;
      const locks = attempts >= LOCKOUT_ATTEMPTS;
      const lockedUntil = locks ? new Date(now.getTime() + LOCKOUT_MINUTES * 60_000).toISOString() : null;
      await setSignInState(tx, staff.id, { failed_attempts: locks ? 0 : attempts, locked_until: lockedUntil });
      await appendAudit(tx, nowIso, null, {
        action: 'sign-in-failed',
        entity: 'staff',
        entityId: staff.id,
        summary: `Wrong password for ${staff.display_name} (attempt ${attempts})`,
      });
      if (locks)
        await appendAudit(tx, nowIso, null, {
          action: 'lockout',
          entity: 'staff',
          entityId: staff.id,
          summary: `${staff.display_name} locked for ${LOCKOUT_MINUTES} minutes after ${LOCKOUT_ATTEMPTS} wrong passwords`,
        });
      const refusal =
        (locks && lockedRefusal({ ...staff, locked_until: lockedUntil }, nowIso)) ||
        new AppFailure('unauthenticated', 'The password is not right.', WRONG);
      return { ok: false, refusal };
    }
  } else if (await passwordsRequired(tx)) {
    throw new AppFailure('unauthenticated', 'This profile needs a password before it can be used. Set one now.', [
      { path: ['newPassword'], message: 'Set a password for this profile' },
    ]);
  }
  // A hash made with older scrypt parameters is replaced now that the password is known (which
  // also clears the wrong-password count and any lock).
  if (staff.password_hash && needsRehash(staff.password_hash))
    await setPasswordHash(tx, staff.id, hashPassword(password ?? ''));
  else if (staff.failed_attempts || staff.locked_until)
    await setSignInState(tx, staff.id, { failed_attempts: 0, locked_until: null });
  await appendAudit(tx, nowIso, staff.id, {
    action: 'sign-in',
    entity: 'staff',
    entityId: staff.id,
    summary: `${staff.display_name} started working`,
  });
  return { ok: true, staff: { ...staff, failed_attempts: 0, locked_until: null } };
}

/** A profile with no password may be given its first one by whoever opens it (they could
 * already work as it); from then on it needs that password. Returns the profile to sign in as. */
export async function setFirstPassword(
  tx: Tx,
  staffId: number,
  newPassword: string,
  nowIso: string,
): Promise<StaffRow> {
  const staff = await activeStaff(tx, staffId);
  if (staff.password_hash)
    throw new AppFailure(
      'conflict',
      'This profile already has a password. Sign in with it, or ask an administrator to reset it.',
    );
  const hash = hashPassword(newPassword);
  await setPasswordHash(tx, staff.id, hash);
  await appendAudit(tx, nowIso, staff.id, {
    action: 'password-set',
    entity: 'staff',
    entityId: staff.id,
    summary: `${staff.display_name} set a first password`,
  });
  await appendAudit(tx, nowIso, staff.id, {
    action: 'sign-in',
    entity: 'staff',
    entityId: staff.id,
    summary: `${staff.display_name} started working`,
  });
  return { ...staff, password_hash: hash };
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
  await appendAudit(tx, nowIso, staff.id, {
    action: 'password-change',
    entity: 'staff',
    entityId: staff.id,
    summary: `${staff.display_name} changed their password`,
  });
}

export async function recordSignOut(tx: Tx, staffId: number, nowIso: string): Promise<void> {
  await appendAudit(tx, nowIso, staffId, {
    action: 'sign-out',
    entity: 'staff',
    entityId: staffId,
    summary: 'Signed out',
  });
}
