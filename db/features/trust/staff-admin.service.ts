// Staff accounts, managed by administrators: add, rename, change role, deactivate, reset a
// password, unlock. The store always keeps at least one active administrator.
import { AppFailure } from '../../../shared/result';
import type { ManagedStaff } from '../../../shared/contract/trust.contract';
import type { Role } from '../../../shared/contract/define';
import type { HandlerContext } from '../../backend/context';
import type { Tx } from '../../store/schema';
import type { StaffRow } from '../../store/tables/foundation.tables';
import { appendAudit } from '../audit/audit.repository';
import { findStaff, insertStaff, listStaff, toStaffProfile } from '../staff/staff.repository';
import { hashPassword } from '../staff/password';

export function toManagedStaff(row: StaffRow): ManagedStaff {
  return {
    ...toStaffProfile(row),
    email: row.email,
    lockedUntil: row.locked_until,
    failedAttempts: row.failed_attempts,
  };
}

export async function manageList(ctx: HandlerContext): Promise<ManagedStaff[]> {
  return (await listStaff(ctx.db)).map(toManagedStaff);
}

async function mustFind(tx: Tx, id: number): Promise<StaffRow> {
  const row = await findStaff(tx, id);
  if (!row) throw new AppFailure('not-found', 'That staff account does not exist.');
  return row;
}

export async function createStaff(
  ctx: HandlerContext,
  input: { displayName: string; role: Role; email?: string; password?: string },
): Promise<ManagedStaff> {
  const now = ctx.clock.now().toISOString();
  return ctx.db.transaction().execute(async (tx) => {
    const clash = await tx
      .selectFrom('staff')
      .select('id')
      .where((eb) => eb(eb.fn('lower', ['display_name']), '=', input.displayName.toLowerCase()))
      .executeTakeFirst();
    if (clash)
      throw new AppFailure('conflict', 'Someone already has that name; add a surname or initial.', [
        { path: ['displayName'], message: 'Someone already has that name' },
      ]);
    const id = await insertStaff(tx, {
      display_name: input.displayName,
      email: input.email ? input.email : null,
      role: input.role,
      password_hash: input.password ? hashPassword(input.password) : null,
      locked_until: null,
      created_at: now,
    });
    await appendAudit(tx, now, ctx.staffId, {
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
    return toManagedStaff(await mustFind(tx, id));
  });
}

async function activeAdministrators(tx: Tx): Promise<number> {
  const row = await tx
    .selectFrom('staff')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('role', '=', 'administrator')
    .where('is_active', '=', 1)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function updateStaff(
  ctx: HandlerContext,
  input: { id: number; displayName?: string; role?: Role; isActive?: boolean },
): Promise<ManagedStaff> {
  const now = ctx.clock.now().toISOString();
  return ctx.db.transaction().execute(async (tx) => {
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
    if (losesAdmin && (await activeAdministrators(tx)) <= 1) {
      throw new AppFailure(
        'conflict',
        'This is the only active administrator. Make someone else an administrator first.',
        [{ path: [input.role ? 'role' : 'isActive'], message: 'The only active administrator must stay one' }],
      );
    }
    await tx.updateTable('staff').set(next).where('id', '=', input.id).execute();
    await appendAudit(tx, now, ctx.staffId, {
      action: 'update',
      entity: 'staff',
      entityId: input.id,
      summary: `Staff account ${next.display_name} changed`,
      before: { display_name: before.display_name, role: before.role, is_active: before.is_active },
      after: next,
    });
    return toManagedStaff(await mustFind(tx, input.id));
  });
}

export async function resetPassword(ctx: HandlerContext, id: number, newPassword: string): Promise<ManagedStaff> {
  const now = ctx.clock.now().toISOString();
  return ctx.db.transaction().execute(async (tx) => {
    const row = await mustFind(tx, id);
    await tx
      .updateTable('staff')
      .set({ password_hash: hashPassword(newPassword), failed_attempts: 0, locked_until: null })
      .where('id', '=', id)
      .execute();
    await appendAudit(tx, now, ctx.staffId, {
      action: 'password-reset',
      entity: 'staff',
      entityId: id,
      summary: `Password of ${row.display_name} reset by an administrator`,
    });
    return toManagedStaff(await mustFind(tx, id));
  });
}

export async function unlockStaff(ctx: HandlerContext, id: number): Promise<ManagedStaff> {
  const now = ctx.clock.now().toISOString();
  return ctx.db.transaction().execute(async (tx) => {
    const row = await mustFind(tx, id);
    await tx.updateTable('staff').set({ failed_attempts: 0, locked_until: null }).where('id', '=', id).execute();
    await appendAudit(tx, now, ctx.staffId, {
      action: 'unlock',
      entity: 'staff',
      entityId: id,
      summary: `${row.display_name} unlocked by an administrator`,
    });
    return toManagedStaff(await mustFind(tx, id));
  });
}
