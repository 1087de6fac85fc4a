// Handlers of the app shell: store info, choosing who is working, first profile, demo, jobs.
import { AppFailure } from '../../../shared/result';
import { defineHandlers } from '../../backend/handler';
import { todayIso } from '../../backend/clock';
import { appendAudit } from '../audit/audit.repository';
import { countStaff, findStaff, insertStaff, listStaff, toStaffProfile } from '../staff/staff.repository';
import { hashPassword } from '../staff/password';
import { signIn } from '../trust/sign-in.service';
import { loadDemo } from '../../demo/demo';
import { latestMigration } from '../../store/migrations/index';
import { APP_VERSION } from '../../backend/version';

export const appHandlers = defineHandlers({
  async 'app.info'(_input, ctx) {
    const participants = await ctx.db
      .selectFrom('participants')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('status', '!=', 'merged')
      .executeTakeFirstOrThrow();
    return {
      appVersion: APP_VERSION,
      schemaVersion: latestMigration,
      storePath: ctx.storeFile,
      isEncrypted: ctx.isEncrypted,
      staffCount: await countStaff(ctx.db),
      participantCount: Number(participants.n),
      session: ctx.client.session,
    };
  },

  async 'session.profiles'(_input, ctx) {
    return (await listStaff(ctx.db)).filter((s) => s.is_active === 1).map(toStaffProfile);
  },

  async 'session.start'(input, ctx) {
    // Password check, lockout and the "passwords required" rule live in the trust area.
    return signIn(ctx, input.staffId, input.password);
  },

  async 'session.end'(_input, ctx) {
    if (ctx.client.session) {
      await appendAudit(ctx.db, ctx.clock.now().toISOString(), ctx.client.session.staff.id, {
        action: 'sign-out',
        entity: 'staff',
        entityId: ctx.client.session.staff.id,
        summary: 'Signed out',
      });
    }
    ctx.client.session = null;
    return { ok: true as const };
  },

  async 'staff.createFirst'(input, ctx) {
    return ctx.db.transaction().execute(async (tx) => {
      if ((await countStaff(tx)) > 0)
        throw new AppFailure('conflict', 'This programme already has staff profiles; ask an administrator to add you.');
      const now = ctx.clock.now().toISOString();
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
      const staff = (await findStaff(tx, id))!;
      const session = { staff: toStaffProfile(staff), startedAt: now };
      ctx.client.session = session;
      return session;
    });
  },

  async 'staff.list'(_input, ctx) {
    return (await listStaff(ctx.db)).map(toStaffProfile);
  },

  async 'demo.load'(input, ctx) {
    const jobId = ctx.jobs.start('demo', 'Loading demo data', async (job) => {
      const nowIso = ctx.clock.now().toISOString();
      const result = await loadDemo(
        ctx.db,
        { participants: input.participants, seed: input.seed, today: todayIso(ctx.clock), nowIso },
        job,
      );
      await appendAudit(ctx.db, ctx.clock.now().toISOString(), ctx.staffId, {
        action: 'import',
        entity: 'demo',
        summary: `Demo programme loaded (${result.participants} participants, seed ${input.seed})`,
      });
      ctx.emit({ type: 'data-changed', areas: ['*'] });
      return result;
    });
    return { jobId };
  },

  async 'jobs.cancel'(input, ctx) {
    if (!ctx.jobs.cancel(input.jobId)) throw new AppFailure('not-found', 'That job is not running.');
    return { ok: true as const };
  },

  async 'jobs.list'(_input, ctx) {
    return ctx.jobs.list().map(({ id, kind, label, state, done, total }) => ({ id, kind, label, state, done, total }));
  },
});
