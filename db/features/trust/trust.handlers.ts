// Handlers of the trust area, one per channel in shared/contract/trust.contract.ts.
import fs from 'node:fs';
import { AppFailure } from '../../../shared/result';
import { defineHandlers } from '../../backend/handler';
import { todayIso } from '../../backend/clock';
import { appendAudit } from '../audit/audit.repository';
import { foreignKeyProblemCount, integrityProblems, storeBackups } from '../../store/dialect';
import { changeOwnPassword, setFirstPassword } from './sign-in.service';
import { createStaff, manageList, resetPassword, unlockStaff, updateStaff } from './staff-admin.service';
import { passwordsRequired, readTrustSettings, writeTrustSettings } from './trust-settings';
import { auditPage, exportAudit } from './audit-log.service';
import { verifyAuditChain } from './audit-verify';
import { lastScheduledBackup, previewBackup, restoreBackup, takeBackup } from './backup.service';
import { collectSubjectData, exportSubjectAccess, findPerson } from './subject-access.service';
import { anonymise, retentionStreams, retentionWorklist } from './retention.service';

export const trustHandlers = defineHandlers({
  async 'session.policy'(_input, ctx) {
    return { passwordsRequired: await passwordsRequired(ctx.db), autoLockMinutes: ctx.trust.autoLockMinutes };
  },
  async 'session.setPassword'(input, ctx) {
    return setFirstPassword(ctx, input.staffId, input.newPassword);
  },
  async 'session.touch'() {
    return { ok: true as const };
  },
  async 'staff.changeOwnPassword'(input, ctx) {
    await changeOwnPassword(ctx, input.currentPassword, input.newPassword);
    return { ok: true as const };
  },
  async 'staff.manageList'(_input, ctx) {
    return manageList(ctx);
  },
  async 'staff.create'(input, ctx) {
    const created = await createStaff(ctx, input);
    ctx.emit({ type: 'data-changed', areas: ['staff'] });
    return created;
  },
  async 'staff.update'(input, ctx) {
    const updated = await updateStaff(ctx, input);
    ctx.emit({ type: 'data-changed', areas: ['staff'] });
    return updated;
  },
  async 'staff.resetPassword'(input, ctx) {
    return resetPassword(ctx, input.id, input.newPassword);
  },
  async 'staff.unlock'(input, ctx) {
    return unlockStaff(ctx, input.id);
  },
  async 'trust.settings'(_input, ctx) {
    return readTrustSettings(ctx.db);
  },
  async 'trust.saveSettings'(input, ctx) {
    const now = ctx.clock.now().toISOString();
    await ctx.db.transaction().execute(async (tx) => {
      const before = await readTrustSettings(tx);
      await writeTrustSettings(tx, input, now);
      await appendAudit(tx, now, ctx.staffId, {
        action: 'update',
        entity: 'settings',
        entityId: 'trust',
        summary: 'Sign-in and lock settings changed',
        before,
        after: input,
      });
    });
    ctx.trust.autoLockMinutes = input.autoLockMinutes;
    return readTrustSettings(ctx.db);
  },

  async 'audit.page'(input, ctx) {
    return auditPage(ctx.db, input);
  },
  async 'audit.export'(input, ctx) {
    return exportAudit(ctx, input.auditFilter);
  },
  async 'audit.verify'(_input, ctx) {
    const result = await verifyAuditChain(ctx.db);
    await appendAudit(ctx.db, ctx.clock.now().toISOString(), ctx.staffId, {
      action: 'verify',
      entity: 'audit_log',
      summary: result.ok
        ? `Audit log checked: ${result.checked} entries intact`
        : `Audit log check FAILED: ${result.problem}`,
    });
    return result;
  },

  async 'backup.list'(_input, ctx) {
    return {
      folder: ctx.backupDir,
      backups: storeBackups(ctx.db)
        .list(ctx.backupDir)
        .map(({ name, takenAt, reason, bytes }) => ({
          name,
          takenAt,
          reason,
          bytes,
        })),
      lastDaily: lastScheduledBackup(ctx)?.takenAt ?? null,
    };
  },
  async 'backup.create'(_input, ctx) {
    const { name, takenAt, reason, bytes } = await takeBackup(ctx, 'manual', ctx.staffId);
    return { name, takenAt, reason, bytes };
  },
  async 'backup.preview'(input, ctx) {
    return previewBackup(ctx, input.name);
  },
  async 'backup.restore'(input, ctx) {
    return restoreBackup(ctx, input.name, ctx.staffId);
  },
  async 'store.check'(_input, ctx) {
    const result = {
      integrity: await integrityProblems(ctx.db),
      foreignKeyProblems: await foreignKeyProblemCount(ctx.db),
      audit: await verifyAuditChain(ctx.db),
      isEncrypted: ctx.isEncrypted,
      file: ctx.storeFile,
      bytes: ctx.storeFile === ':memory:' ? 0 : fs.statSync(ctx.storeFile).size,
    };
    await appendAudit(ctx.db, ctx.clock.now().toISOString(), ctx.staffId, {
      action: 'verify',
      entity: 'store',
      summary: `Data file checked: integrity ${result.integrity.length ? 'FAILED' : 'ok'}, ${result.foreignKeyProblems} foreign key problems, audit chain ${result.audit.ok ? 'intact' : 'BROKEN'}`,
    });
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
  async 'sar.export'(input, ctx) {
    return exportSubjectAccess(ctx, input.reference, input.reason);
  },

  async 'retention.streams'(_input, ctx) {
    return retentionStreams(ctx.db, todayIso(ctx.clock));
  },
  async 'retention.setRetainUntil'(input, ctx) {
    const now = ctx.clock.now().toISOString();
    await ctx.db.transaction().execute(async (tx) => {
      const before = await tx
        .selectFrom('funding_streams')
        .select(['name', 'retain_until'])
        .where('id', '=', input.id)
        .executeTakeFirst();
      if (!before) throw new AppFailure('not-found', 'That funding stream does not exist.');
      await tx
        .updateTable('funding_streams')
        .set({ retain_until: input.retainUntil })
        .where('id', '=', input.id)
        .execute();
      await appendAudit(tx, now, ctx.staffId, {
        action: 'update',
        entity: 'funding_stream',
        entityId: input.id,
        summary: `Retention date of ${before.name} changed`,
        before: { retain_until: before.retain_until },
        after: { retain_until: input.retainUntil },
      });
    });
    ctx.emit({ type: 'data-changed', areas: ['retention'] });
    return { ok: true as const };
  },
  async 'retention.worklist'(input, ctx) {
    return retentionWorklist(ctx.db, todayIso(ctx.clock), input);
  },
  async 'retention.anonymise'(input, ctx) {
    return anonymise(ctx, input.ids);
  },
});
