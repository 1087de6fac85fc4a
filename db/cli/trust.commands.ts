// CLI commands of the trust area: backup, restore, check, subject access, a new store key.
import fs from 'node:fs';
import path from 'node:path';
import { CLI_CLIENT, unwrap, type CliCommand } from './command';
import { restoreFromFile, type RestoreTools } from '../features/trust/backup.service';
import { takeBackup } from '../backend/backups';
import { runWrite } from '../backend/write-unit';
import type { Tx } from '../store/schema';
import { AppFailure } from '../../shared/result';
import { rekeyStore, RekeyRefusedError } from '../backend/rekey';
import { readAuditArchive } from '../features/audit/audit-archive';
import { exportToEnd } from '../features/export/export-job';

export const backupCommand: CliCommand = {
  name: 'backup',
  summary: 'Take a checked backup now (into the backups folder beside the data file)',
  usage: 'backup',
  options: {},
  automaticBackups: false,
  async run(_args, backend, io) {
    const info = unwrap(await backend.call(CLI_CLIENT, 'backup.create', {}), io);
    io.out(
      `Backup taken: ${path.join(backend.services.backupDir, info.name)} (${Math.round(info.bytes / 1024)} KB, integrity ok)`,
    );
    return 0;
  },
};

export const restoreCommand: CliCommand = {
  name: 'restore',
  summary: 'Replace the data with a backup (a name from the backups folder or a file path)',
  usage: 'restore <backup file or name> [--yes]',
  options: { yes: { type: 'boolean' } },
  automaticBackups: false,
  async run({ positionals, values }, backend, io) {
    const wanted = positionals[0];
    if (!wanted) {
      io.err('Give the backup to restore: a file path, or a name listed by "backup.list".');
      return 2;
    }
    const inFolder = path.join(backend.services.backupDir, wanted);
    const file = fs.existsSync(wanted) ? path.resolve(wanted) : fs.existsSync(inFolder) ? inFolder : null;
    if (!file) {
      io.err(`No backup file "${wanted}" (looked in the current folder and ${backend.services.backupDir}).`);
      return 1;
    }
    if (!values.yes) {
      io.err('Restoring replaces all current data (a safety backup is taken first). Add --yes to go ahead.');
      return 2;
    }
    const services = backend.services;
    const staffId = backend.client(CLI_CLIENT).session?.staff.id ?? null;
    // A file outside the backups folder has no channel (the window may only restore from the
    // folder), so the CLI gives the restore the same tools the dispatcher gives backup.restore.
    const tools: RestoreTools = {
      db: services.db,
      storeFile: services.storeFile,
      backupDir: services.backupDir,
      storeKey: services.storeKey,
      clock: services.clock,
      jobs: services.jobs,
      staffId,
      reopenStore: services.reopenStore,
      takeBackup: (reason) => takeBackup(services, reason, staffId),
      transact: (work) => runWrite(services, { channel: 'cli.restore', areas: ['backups'], staffId }, work),
    };
    try {
      const result = await restoreFromFile(tools, file, path.basename(file));
      io.out(`Restored ${result.restored}. The data from before is in ${result.safetyBackup}.`);
      if (result.auditArchive)
        io.out(
          `${result.auditEntriesArchived} audit entries written after the backup are kept in ${result.auditArchive}.`,
        );
      return 0;
    } catch (error) {
      if (error instanceof AppFailure) {
        io.err(`error (${error.kind}): ${error.message}`);
        return 1;
      }
      throw error;
    }
  },
};

export const checkCommand: CliCommand = {
  name: 'check',
  summary: 'Check the data file: integrity, foreign keys and the audit log hash chain',
  usage: 'check [--json]',
  options: { json: { type: 'boolean' } },
  automaticBackups: false,
  async run({ values }, backend, io) {
    const r = unwrap(await backend.call(CLI_CLIENT, 'store.check', {}), io);
    const healthy = r.integrity.length === 0 && r.foreignKeyProblems === 0 && r.audit.ok;
    if (values.json) io.out(JSON.stringify(r, null, 2));
    else {
      io.out(
        `Data file:     ${r.file} (${Math.round(r.bytes / 1024)} KB, ${r.isEncrypted ? 'encrypted' : 'NOT encrypted'})`,
      );
      io.out(`Integrity:     ${r.integrity.length ? `FAILED: ${r.integrity.slice(0, 5).join('; ')}` : 'ok'}`);
      io.out(`Foreign keys:  ${r.foreignKeyProblems ? `${r.foreignKeyProblems} problems` : 'ok'}`);
      io.out(
        `Audit log:     ${r.audit.ok ? `ok (${r.audit.checked} entries, hash chain intact)` : `BROKEN: ${r.audit.problem}`}`,
      );
    }
    return healthy ? 0 : 1;
  },
};

export const sarCommand: CliCommand = {
  name: 'sar',
  summary: 'Subject access: export everything held about a person as a zip',
  usage: 'sar <reference> --out <file.zip> [--reason "SAR ref 123"]',
  options: { out: { type: 'string' }, reason: { type: 'string' } },
  async run({ positionals, values }, backend, io) {
    const reference = positionals[0];
    if (!reference || typeof values.out !== 'string') {
      io.err(`Usage: ${sarCommand.usage}`);
      return 2;
    }
    const file = unwrap(
      await exportToEnd(backend, CLI_CLIENT, 'sar.export', {
        reference,
        ...(typeof values.reason === 'string' ? { reason: values.reason } : {}),
      }),
      io,
    );
    fs.writeFileSync(values.out, file.bytes, { mode: 0o600 });
    io.out(
      `Wrote ${values.out} (${file.rows} rows, ${Math.round(file.bytes.length / 1024)} KB). The export is recorded in the audit log.`,
    );
    return 0;
  },
};

export const rekeyCommand: CliCommand = {
  name: 'rekey',
  summary:
    'Re-encrypt the data file with a new store key (the recovery key is kept unless --new-recovery-key; ' +
    '--new-master when a recovery key sheet is lost or seen)',
  usage: 'rekey [--new-recovery-key] [--new-master]',
  options: { 'new-recovery-key': { type: 'boolean' }, 'new-master': { type: 'boolean' } },
  automaticBackups: false,
  async run({ values }, backend, io) {
    const staffId = backend.client(CLI_CLIENT).session?.staff.id ?? null;
    const newMaster = values['new-master'] === true;
    try {
      const { services } = backend;
      const record = (work: (tx: Tx) => Promise<void>) =>
        runWrite(services, { channel: 'cli.rekey', areas: ['settings'], staffId }, work);
      const { recoveryKey } = await rekeyStore(
        { ...services, record },
        { newRecoveryKey: newMaster || values['new-recovery-key'] === true, staffId, newMaster },
      );
      io.out(`The data file ${backend.services.storeFile} now has a new store key.`);
      if (recoveryKey) {
        io.out(
          `New recovery key (shown only now; print it or write it down and keep it safe):\n\n    ${recoveryKey}\n`,
        );
      }
      if (newMaster) {
        // Same remedy as Settings → Sign-in and data file → "Give the data file a new key".
        io.out(
          'The old recovery key opens nothing but backups taken before now, even with a copy of an older .keys file. ' +
            'Only the new recovery key and the way you opened the file now open it: the Worksbook app on a computer ' +
            'whose keychain opened it asks for the new recovery key once, at its next start.',
        );
      } else if (recoveryKey) {
        io.out(
          'The old recovery key no longer opens this data file through its .keys file; with a copy of an older .keys ' +
            'file (a backup companion) it still could. If the old sheet was lost or seen, run `rekey --new-master`.',
        );
      } else io.out('It opens as before, and the recovery key is unchanged.');
      io.out('Backups taken before now keep the old store key and open with their .keys file, as before.');
      return 0;
    } catch (error) {
      if (error instanceof RekeyRefusedError) {
        io.err(`error: ${error.message}`);
        return 1;
      }
      throw error;
    }
  },
};

export const auditArchiveCommand: CliCommand = {
  name: 'audit-archive',
  summary: 'Read an audit archive a restore kept (the entries it dropped), with this store’s audit key',
  usage: 'audit-archive <archive file> [--json]',
  options: { json: { type: 'boolean' } },
  automaticBackups: false,
  async run({ positionals, values }, backend, io) {
    const file = positionals[0];
    if (!file || !fs.existsSync(file)) {
      io.err(`Give an archive file from ${path.join(backend.services.dataDir, 'audit-archive')}.`);
      return 2;
    }
    const archive = readAuditArchive(file, backend.services.keys.keyring?.secrets.auditKey ?? null);
    if (values.json) io.out(JSON.stringify(archive, null, 2));
    else {
      const ids = archive.entries.map((e) => e.id);
      io.out(`Why kept:  ${archive.reason}`);
      io.out(`Entries:   ${ids.length}${ids.length ? ` (ids ${ids[0]} to ${ids.at(-1)})` : ''}`);
    }
    return 0;
  },
};

export const trustCommands: CliCommand[] = [
  backupCommand,
  restoreCommand,
  checkCommand,
  sarCommand,
  rekeyCommand,
  auditArchiveCommand,
];
