// Signing in: password check with lockout after repeated failures (audited), first passwords
// for profiles that have none, and the session kept on the caller.
import { AppFailure } from '../../../shared/result';
import { LOCKOUT_ATTEMPTS, LOCKOUT_MINUTES } from '../../../shared/domain/password-rules';
import type { Session } from '../../../shared/contract/app.contract';
import type { HandlerContext } from '../../backend/context';
import { appendAudit } from '../audit/audit.repository';
import { findStaff, toStaffProfile } from '../staff/staff.repository';
import { hashPassword, needsRehash, verifyPassword } from '../staff/password';
import { passwordsRequired } from './trust-settings';
import type { StaffRow } from '../../store/tables/foundation.tables';

const WRONG = [{ path: ['password'], message: 'The password is not right' }];

function ukTime(iso: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: '2-digit', minute: '2-digit' }).format(
    new Date(iso),
  );
}

async function activeStaff(ctx: HandlerContext, staffId: number): Promise<StaffRow> {
  const staff = await findStaff(ctx.db, staffId);
  if (!staff || staff.is_active !== 1) throw new AppFailure('not-found', 'That staff profile does not exist.');
  return staff;
}

function refuseIfLocked(staff: StaffRow, nowIso: string): void {
  if (staff.locked_until && staff.locked_until > nowIso) {
    throw new AppFailure(
      'unauthenticated',
      `This profile is locked after ${LOCKOUT_ATTEMPTS} wrong passwords. Try again after ${ukTime(staff.locked_until)}, or ask an administrator to unlock it.`,
      [{ path: ['password'], message: `Locked until ${ukTime(staff.locked_until)}` }],
    );
  }
}

function startSession(ctx: HandlerContext, staff: StaffRow, nowIso: string): Session {
  const session = { staff: toStaffProfile(staff), startedAt: nowIso };
  ctx.client.session = session;
  ctx.client.lastActivity = ctx.clock.now().getTime();
  return session;
}

export async function signIn(ctx: HandlerContext, staffId: number, password: string | undefined): Promise<Session> {
  const now = ctx.clock.now();
  const nowIso = now.toISOString();
  const staff = await activeStaff(ctx, staffId);
  refuseIfLocked(staff, nowIso);
  if (staff.password_hash) {
    if (!verifyPassword(password ?? '', staff.password_hash)) {
      const attempts = staff.failed_attempts + 1;
      const locks = attempts >= LOCKOUT_ATTEMPTS;
      const lockedUntil = locks ? new Date(now.getTime() + LOCKOUT_MINUTES * 60_000).toISOString() : null;
      await ctx.db.transaction().execute(async (tx) => {
        await tx
          .updateTable('staff')
          .set({ failed_attempts: locks ? 0 : attempts, locked_until: lockedUntil })
          .where('id', '=', staff.id)
          .execute();
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
      });
      if (locks) refuseIfLocked({ ...staff, locked_until: lockedUntil }, nowIso);
      throw new AppFailure('unauthenticated', 'The password is not right.', WRONG);
    }
  } else if (await passwordsRequired(ctx.db)) {
    throw new AppFailure('unauthenticated', 'This profile needs a password before it can be used. Set one now.', [
      { path: ['newPassword'], message: 'Set a password for this profile' },
    ]);
  }
  // A hash made with older scrypt parameters is replaced now that the password is known.
  const rehashed = staff.password_hash && needsRehash(staff.password_hash) ? hashPassword(password ?? '') : null;
  await ctx.db.transaction().execute(async (tx) => {
    if (staff.failed_attempts || staff.locked_until || rehashed)
      await tx
        .updateTable('staff')
        .set({ failed_attempts: 0, locked_until: null, ...(rehashed ? { password_hash: rehashed } : {}) })
        .where('id', '=', staff.id)
        .execute();
    await appendAudit(tx, nowIso, staff.id, {
      action: 'sign-in',
      entity: 'staff',
      entityId: staff.id,
      summary: `${staff.display_name} started working`,
    });
  });
  return startSession(ctx, { ...staff, failed_attempts: 0, locked_until: null }, nowIso);
}

/** A profile with no password may be given its first one by whoever opens it (they could
 * already work as it); from then on it needs that password. */
export async function setFirstPassword(ctx: HandlerContext, staffId: number, newPassword: string): Promise<Session> {
  const nowIso = ctx.clock.now().toISOString();
  const staff = await activeStaff(ctx, staffId);
  if (staff.password_hash)
    throw new AppFailure(
      'conflict',
      'This profile already has a password. Sign in with it, or ask an administrator to reset it.',
    );
  const hash = hashPassword(newPassword);
  await ctx.db.transaction().execute(async (tx) => {
    await tx
      .updateTable('staff')
      .set({ password_hash: hash, failed_attempts: 0, locked_until: null })
      .where('id', '=', staff.id)
      .execute();
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
  });
  return startSession(ctx, { ...staff, password_hash: hash }, nowIso);
}

export async function changeOwnPassword(
  ctx: HandlerContext,
  currentPassword: string | undefined,
  newPassword: string,
): Promise<void> {
  const nowIso = ctx.clock.now().toISOString();
  const staff = await activeStaff(ctx, ctx.staffId!);
  if (staff.password_hash && !verifyPassword(currentPassword ?? '', staff.password_hash)) {
    throw new AppFailure('validation', 'Your current password is not right.', [
      { path: ['currentPassword'], message: 'Your current password is not right' },
    ]);
  }
  await ctx.db.transaction().execute(async (tx) => {
    await tx
      .updateTable('staff')
      .set({ password_hash: hashPassword(newPassword), failed_attempts: 0, locked_until: null })
      .where('id', '=', staff.id)
      .execute();
    await appendAudit(tx, nowIso, staff.id, {
      action: 'password-change',
      entity: 'staff',
      entityId: staff.id,
      summary: `${staff.display_name} changed their password`,
    });
  });
}
