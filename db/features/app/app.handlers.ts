// Handlers of the app shell: store info, choosing who is working, first profile, demo, jobs.
import { AppFailure } from '../../../shared/result';
import { defineHandlers } from '../../backend/handler';
import { todayIso } from '../../backend/clock';
import { countStaff, listStaff, toStaffProfile } from '../staff/staff.repository';
import { profilesForLogin, refuseUnlessBound } from '../trust/login-binding.service';
import { countParticipants } from '../participants/participants.repository';
import {
  activeStaff,
  attemptSignIn,
  checkPassword,
  recordSignOut,
  signInThroughLogin,
  startSession,
} from '../trust/sign-in.service';
import { markDemoStore } from '../trust/trust-settings';
import { createFirstAdministrator } from '../trust/staff-admin.service';
import { loadDemo, recordDemoLoaded } from '../../demo/demo';
import { latestMigration } from '../../store/migrations/index';
import { APP_VERSION } from '../../backend/version';
import { collectExportJob } from '../export/export-job';

export const appHandlers = defineHandlers({
  async 'app.info'(_input, ctx) {
    return {
      appVersion: APP_VERSION,
      schemaVersion: latestMigration,
      storePath: ctx.storeFile,
      isEncrypted: ctx.isEncrypted,
      staffCount: await countStaff(ctx.db),
      participantCount: await countParticipants(ctx.db),
      session: ctx.client.session,
    };
  },

  async 'session.profiles'(_input, ctx) {
    // Read as the login reads them (a viewer's login has no password hashes, and needs none); a
    // staff login offers only the profile bound to it (login-binding.service.ts says why).
    return (await profilesForLogin(ctx.db, ctx)).map(toStaffProfile);
  },

  'session.databaseLogin': async (_input, ctx) => ({ login: ctx.loginName }),

  async 'session.start'(input, ctx) {
    // Password check, lockout and the "passwords required" rule live in the trust area. A wrong
    // password is counted in its own committed transaction before the refusal is returned.
    const now = ctx.clock.now();
    // Through a staff login, only the profile bound to it; refused before any password is checked.
    await refuseUnlessBound(ctx.db, ctx, await activeStaff(ctx.db, input.staffId, ctx.loginRole ?? 'administrator'));
    if (ctx.loginRole === 'viewer') {
      const staff = await ctx.transact((tx) => signInThroughLogin(tx, input.staffId, 'viewer', now));
      return startSession(ctx.client, staff, now, ctx.loginRole);
    }
    // The password is checked before the transaction (scrypt is slow); the transaction re-reads
    // the profile and counts a wrong attempt atomically.
    const check = checkPassword(await activeStaff(ctx.db, input.staffId), input.password);
    const attempt = await ctx.transact((tx) => attemptSignIn(tx, input.staffId, check, now));
    if (!attempt.ok) throw attempt.refusal;
    return startSession(ctx.client, attempt.staff, now, ctx.loginRole);
  },

  async 'session.end'(_input, ctx) {
    if (ctx.client.session) await recordSignOut(ctx.tx, ctx.client.session.staff.id, ctx.clock.now().toISOString());
    ctx.client.session = null;
    return { ok: true as const };
  },

  async 'staff.createFirst'(input, ctx) {
    const now = ctx.clock.now();
    const staff = await createFirstAdministrator(ctx.tx, input, now.toISOString());
    return startSession(ctx.client, staff, now);
  },

  async 'staff.list'(_input, ctx) {
    return (await listStaff(ctx.db, ctx.client.session?.staff.role ?? 'viewer')).map(toStaffProfile);
  },

  async 'demo.load'(input, ctx) {
    const jobId = ctx.jobs.start('demo', 'Loading demo data', (job) =>
      // One transaction: a cancelled or failed load leaves nothing.
      ctx.transact(async (tx) => {
        const options = {
          participants: input.participants,
          seed: input.seed,
          today: todayIso(ctx.clock),
          nowIso: ctx.clock.now().toISOString(),
        };
        const result = await loadDemo(tx, options, job);
        // Demo staff work without passwords: only a store marked as demo data allows it.
        await markDemoStore(tx, options.nowIso, ctx.staffId);
        await recordDemoLoaded(tx, options, ctx.staffId, result);
        return result;
      }),
    );
    return { jobId };
  },

  async 'jobs.cancel'(input, ctx) {
    const by = { staffId: ctx.staffId, isAdministrator: ctx.client.session?.staff.role === 'administrator' };
    const result = ctx.jobs.cancel(input.jobId, by);
    if (result === 'not-running') throw new AppFailure('not-found', 'That job is not running.');
    if (result === 'not-yours')
      throw new AppFailure('forbidden', 'Only the person who started this job, or an administrator, can cancel it.');
    return { ok: true as const };
  },

  'jobs.exportFile': (input, ctx) => collectExportJob(ctx.jobs, input.jobId),

  async 'jobs.list'(_input, ctx) {
    return ctx.jobs.list().map(({ id, kind, label, state, done, total }) => ({ id, kind, label, state, done, total }));
  },
});
