// Handlers of the trust area, one per channel in shared/contract/trust.contract.ts.
import { AppFailure } from '../../../shared/result';
import { rekeyStore, RekeyRefusedError } from '../../backend/rekey';
import type { Tx } from '../../store/schema';
import { defineHandlers } from '../../backend/handler';
import { todayIso } from '../../backend/clock';
import { storeBackups } from '../../store/dialect';
import {
  activeStaff,
  changeOwnPassword,
  checkPassword,
  claimFirstPassword,
  recheckPassword,
  redeemSetupCode,
  startSession,
} from './sign-in.service';
import { hashPassword } from '../staff/password';
import {
  confirmRecoveryKey,
  envelopeOf,
  recordRecoveryKeyEvent,
  recoveryKeyStatus,
  replaceRecoveryKey,
} from './recovery-key.service';
import { issueSetupCode } from './setup-codes.service';
import { setTeamScope, teamScopesView } from './team-scopes.service';
import { refuseUnlessBound, setDatabaseLogin, teamLoginsView } from './login-binding.service';
import { createStaff, manageList, resetPassword, unlockStaff, updateStaff } from './staff-admin.service';
import { isDemoStore, passwordsRequired, readTrustSettings, saveTrustSettings } from './trust-settings';
import { auditExportJob, auditPage } from './audit-log.service';
import { recordAuditCheck, recordStoreCheck } from './audit-verify';
import { readBackupSettings, saveSecondFolder } from './backup-settings';
import { lastScheduledBackup, newestBackup, previewBackup, restoreBackup } from './backup.service';
import { collectSubjectData, findPerson, subjectAccessJob } from './subject-access.service';
import { findParticipantReference } from './person-rows.repository';
import { anonymise, checkAnonymisable, checkErasure, eraseOnRequest, setRetainUntil } from './retention.service';
import { retentionRule, retentionStreams, retentionWorklist } from './retention.repository';
import { readRetentionSettings, saveRetentionSettings } from './retention-settings';
import { startExportJob } from '../export/export-job';

const actorOf = (ctx: { staffId: number | null; clock: { now(): Date } }) => ({
  staffId: ctx.staffId,
  now: ctx.clock.now().toISOString(),
});

export const trustHandlers = defineHandlers({
  'team.scopes': (_input, ctx) => teamScopesView(ctx.db),
  'team.setScope': (input, ctx) => setTeamScope(ctx.tx, actorOf(ctx), input),

  async 'session.policy'(_input, ctx) {
    return { passwordsRequired: await passwordsRequired(ctx.db), autoLockMinutes: ctx.trust.autoLockMinutes };
  },
  async 'session.setPassword'(input, ctx) {
    const now = ctx.clock.now();
    await refuseUnlessBound(ctx.db, ctx, await activeStaff(ctx.db, input.staffId));
    // Hashed before the transaction (scrypt is the slow part); the rules are checked inside it.
    const hash = hashPassword(input.newPassword);
    const staff = await ctx.transact((tx) => claimFirstPassword(tx, input.staffId, hash, now.toISOString()));
    return startSession(ctx.client, staff, now, ctx.loginRole);
  },
  async 'session.redeemSetupCode'(input, ctx) {
    const now = ctx.clock.now();
    await refuseUnlessBound(ctx.db, ctx, await activeStaff(ctx.db, input.staffId));
    const hash = hashPassword(input.newPassword);
    // A wrong code is counted in its own committed transaction before the refusal is returned.
    const attempt = await ctx.transact((tx) => redeemSetupCode(tx, input.staffId, input.code, hash, now));
    if (!attempt.ok) throw attempt.refusal;
    return startSession(ctx.client, attempt.staff, now, ctx.loginRole);
  },
  async 'session.touch'() {
    return { ok: true as const };
  },
  async 'staff.changeOwnPassword'(input, ctx) {
    const { staffId, now } = actorOf(ctx);
    await changeOwnPassword(ctx.tx, staffId!, input.currentPassword, input.newPassword, now);
    return { ok: true as const };
  },
  'staff.manageList': (_input, ctx) => manageList(ctx.db, ctx.clock.now().toISOString()),
  'staff.create': (input, ctx) => createStaff(ctx.tx, actorOf(ctx), input),
  'staff.update': (input, ctx) => updateStaff(ctx.tx, actorOf(ctx), input),
  'staff.resetPassword': (input, ctx) => resetPassword(ctx.tx, actorOf(ctx), input.id, input.newPassword),
  'staff.setDatabaseLogin': (input, ctx) => setDatabaseLogin(ctx.tx, actorOf(ctx), input),
  'team.logins': (_input, ctx) => teamLoginsView(ctx.db),
  'staff.unlock': (input, ctx) => unlockStaff(ctx.tx, actorOf(ctx), input.id),
  'staff.issueSetupCode': (input, ctx) => issueSetupCode(ctx.tx, actorOf(ctx), input.id),

  async 'trust.settings'(_input, ctx) {
    return { ...(await readTrustSettings(ctx.db)), demoStore: await isDemoStore(ctx.db) };
  },
  async 'trust.saveSettings'(input, ctx) {
    const saved = await saveTrustSettings(ctx.tx, input, actorOf(ctx));
    ctx.trust.autoLockMinutes = saved.autoLockMinutes;
    ctx.trust.sessionHours = saved.sessionHours;
    return saved;
  },

  'audit.page': (input, ctx) => auditPage(ctx.db, input),
  // A job (export-job.ts): read outside any transaction, audited once the workbook is complete.
  async 'audit.export'(input, ctx) {
    return { jobId: startExportJob(ctx, await auditExportJob(ctx.db, input.auditFilter, actorOf(ctx))) };
  },
  async 'audit.verify'(_input, ctx) {
    // Checked outside a transaction (the whole log, page by page), then recorded in one.
    const result = await ctx.maintenance.verifyAuditChain();
    await ctx.transact((tx) => recordAuditCheck(tx, actorOf(ctx), result));
    return result;
  },

  async 'keys.recoveryKey'(_input, ctx) {
    return recoveryKeyStatus(ctx.keys);
  },
  async 'keys.confirmRecoveryKey'(_input, ctx) {
    if (confirmRecoveryKey(ctx.keys)) await ctx.transact((tx) => recordRecoveryKeyEvent(tx, actorOf(ctx), 'confirmed'));
    return { ok: true as const };
  },
  async 'keys.newRecoveryKey'(input, ctx) {
    envelopeOf(ctx.keys);
    const staff = await activeStaff(ctx.db, ctx.staffId!);
    // Whoever holds the recovery key can open the data file: the administrator proves who they are.
    if (!staff.password_hash)
      throw new AppFailure('conflict', 'Set your own password first (My password), then make a new recovery key.');
    // Checked like a sign-in: a wrong password counts toward the lockout, committed before the refusal.
    const check = checkPassword(staff, input.password);
    const verdict = await ctx.transact((tx) =>
      recheckPassword(tx, staff.id, check, ctx.clock.now(), 'password (new recovery key)'),
    );
    if (!verdict.ok) throw verdict.refusal;
    const recoveryKey = replaceRecoveryKey(ctx.keys, ctx.clock.now().toISOString());
    await ctx.transact((tx) => recordRecoveryKeyEvent(tx, actorOf(ctx), 'replaced'));
    return { recoveryKey };
  },

  async 'keys.newStoreKey'(input, ctx) {
    envelopeOf(ctx.keys);
    const staff = await activeStaff(ctx.db, ctx.staffId!);
    if (!staff.password_hash)
      throw new AppFailure('conflict', 'Set your own password first (My password), then give the data file a new key.');
    const check = checkPassword(staff, input.password);
    const verdict = await ctx.transact((tx) =>
      recheckPassword(tx, staff.id, check, ctx.clock.now(), 'password (new data file key)'),
    );
    if (!verdict.ok) throw verdict.refusal;
    if (ctx.jobs.list().some((j) => j.state === 'running'))
      throw new AppFailure('conflict', 'Wait for the running jobs to finish (or cancel them), then try again.');
    try {
      const { storeFile, isEncrypted, keys, clock, db, reopenStore } = ctx;
      const tools = {
        storeFile,
        isEncrypted,
        keys,
        clock,
        db,
        reopenStore,
        record: (w: (tx: Tx) => Promise<void>) => ctx.transact(w),
      };
      await rekeyStore(tools, { newRecoveryKey: true, newMaster: true, staffId: staff.id });
    } catch (error) {
      if (error instanceof RekeyRefusedError) throw new AppFailure('conflict', error.message);
      throw error;
    }
    return { ok: true as const };
  },

  async 'backup.list'(_input, ctx) {
    return {
      folder: ctx.backupDir,
      backups: storeBackups(ctx.db)
        .list(ctx.backupDir)
        .map(({ name, takenAt, reason, bytes }) => ({ name, takenAt, reason, bytes })),
      lastDaily: lastScheduledBackup(ctx.db, ctx.backupDir)?.takenAt ?? null,
    };
  },
  'backup.settings': (_input, ctx) => readBackupSettings(ctx.db),
  'backup.saveSettings': (input, ctx) =>
    saveSecondFolder(ctx.tx, input.secondFolder || null, ctx.backupDir, actorOf(ctx)),
  async 'backup.create'(_input, ctx) {
    const { name, takenAt, reason, bytes } = await ctx.takeBackup('manual');
    return { name, takenAt, reason, bytes };
  },
  'backup.preview': (input, ctx) => previewBackup(ctx.db, ctx.backupDir, ctx.storeKey, input.name),
  'backup.restore': (input, ctx) => restoreBackup(ctx, input.name),
  async 'store.check'(_input, ctx) {
    const result = {
      integrity: await ctx.maintenance.integrityProblems(),
      foreignKeyProblems: await ctx.maintenance.foreignKeyProblemCount(),
      audit: await ctx.maintenance.verifyAuditChain(),
      isEncrypted: ctx.isEncrypted,
      file: ctx.storeFile,
      bytes: await ctx.maintenance.storeBytes(),
    };
    await ctx.transact((tx) => recordStoreCheck(tx, actorOf(ctx), result));
    return result;
  },

  async 'sar.find'(input, ctx) {
    const person = await findPerson(ctx.db, input.reference);
    const areas = await collectSubjectData(ctx.db, person.id);
    return {
      id: person.id,
      reference: person.reference,
      name: `${person.first_name} ${person.last_name}`,
      status: person.status,
      areas: areas.map((a) => ({ area: a.area, rows: a.rows.length })),
    };
  },
  // A job (export-job.ts); an unknown reference is refused before it starts.
  async 'sar.export'(input, ctx) {
    return { jobId: startExportJob(ctx, await subjectAccessJob(ctx.db, input.reference, input.reason, actorOf(ctx))) };
  },

  'retention.streams': async (_input, ctx) =>
    retentionStreams(ctx.db, await retentionRule(ctx.db, todayIso(ctx.clock))),
  async 'retention.setRetainUntil'(input, ctx) {
    const { staffId, now } = actorOf(ctx);
    await setRetainUntil(ctx.tx, input.id, input.retainUntil, now, staffId);
    return { ok: true as const };
  },
  'retention.worklist': async (input, ctx) =>
    retentionWorklist(ctx.db, await retentionRule(ctx.db, todayIso(ctx.clock)), input),
  'retention.settings': (_input, ctx) => readRetentionSettings(ctx.db),
  'retention.saveSettings': (input, ctx) => saveRetentionSettings(ctx.tx, input, actorOf(ctx)),
  'retention.erasureCheck': async (input, ctx) =>
    checkErasure(ctx.db, input.reference, await retentionRule(ctx.db, todayIso(ctx.clock))),
  async 'retention.erase'(input, ctx) {
    const rule = await retentionRule(ctx.db, todayIso(ctx.clock));
    const person = await findParticipantReference(ctx.db, input.id);
    // Refused before the backup is taken when a submitted return needs the record.
    const check = await checkErasure(ctx.db, person, rule);
    if (check.blocked) throw new AppFailure('conflict', check.blocked);
    const reference = await ctx.transact((tx) => eraseOnRequest(tx, input.id, input.reason, rule, actorOf(ctx)));
    await ctx.maintenance.flushErasedPages();
    return { reference, backup: newestBackup(ctx.db, ctx.backupDir, 'pre-anonymise')?.name ?? '' };
  },
  async 'retention.anonymise'(input, ctx) {
    const wanted = [...new Set(input.ids)];
    await checkAnonymisable(ctx.db, wanted, await retentionRule(ctx.db, todayIso(ctx.clock)));
    const { staffId, now } = actorOf(ctx);
    // The dispatcher takes the checked pre-anonymise backup before this transaction opens.
    await ctx.transact((tx) => anonymise(tx, wanted, now, staffId));
    // Fold the WAL (which held the old pages) into the file, where secure_delete zeroed them.
    await ctx.maintenance.flushErasedPages();
    return { anonymised: wanted.length, backup: newestBackup(ctx.db, ctx.backupDir, 'pre-anonymise')?.name ?? '' };
  },
});
