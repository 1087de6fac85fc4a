// Restore onto a new machine (issue 13): a fresh data folder, no keychain entry, only a backup file
// (with its `.keys` companion, written beside every backup) and the recovery key shown at set-up.
import { afterAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { createTestBackend, tempDir } from '../support/backend';
import { openStore } from '../../db/store/connection';
import { placeBackupAsNewStore, companionFileOf } from '../../db/features/trust/backup-companion';
import { WrongKeyError } from '../../db/store/sqlite/encryption';
import { aParticipant } from '../support/builders';
import { runCli } from '../../db/cli/main';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

describe('restore onto a new machine', () => {
  it('opens a backup with only its recovery key, data intact; a wrong recovery key is refused', async () => {
    const t = await createTestBackend({ key: { kind: 'passphrase', text: 'the old laptop passphrase' } });
    const recoveryKey = t.backend.services.keys.pendingRecoveryKey;
    expect(recoveryKey).toMatch(/^[0-9A-HJKMNP-TV-Z]{5}(-[0-9A-HJKMNP-TV-Z]{5}){5}$/);
    await aParticipant(t.backend.store.db, { last_name: 'Newmachine' });
    const backup = await t.ok('backup.create', {});
    const backupFile = path.join(t.backend.services.backupDir, backup.name);
    expect(fs.existsSync(companionFileOf(backupFile))).toBe(true);
    expect(fs.statSync(companionFileOf(backupFile)).mode & 0o777).toBe(0o600);
    // The new machine: a fresh folder holding only the backup and its companion; the old one is gone.
    const fresh = tempDir('worksbook-new-machine-');
    dirs.push(fresh);
    const carried = path.join(fresh, 'carried', backup.name);
    fs.mkdirSync(path.dirname(carried));
    fs.copyFileSync(backupFile, carried);
    fs.copyFileSync(companionFileOf(backupFile), companionFileOf(carried));
    await t.close();
    fs.rmSync(t.dir, { recursive: true, force: true });

    const file = path.join(fresh, 'data', 'worksbook.sqlite');
    fs.mkdirSync(path.dirname(file));
    placeBackupAsNewStore(carried, file);
    await expect(
      openStore({ file, key: { kind: 'recovery', key: 'AAAAA-AAAAA-AAAAA-AAAAA-AAAAA-AAAAA' } }),
    ).rejects.toBeInstanceOf(WrongKeyError);
    const store = await openStore({ file, key: { kind: 'recovery', key: recoveryKey!.toLowerCase() } });
    const people = await store.db.selectFrom('participants').select(['last_name']).execute();
    expect(people.map((p) => p.last_name)).toEqual(['Newmachine']);
    await store.close();
    expect(() => placeBackupAsNewStore(carried, file)).toThrow(/already a data file/);

    // The same through the CLI: restore onto a new data file, then `check` with the recovery key.
    const out: string[] = [];
    const io = { out: (s: string) => out.push(s), err: (s: string) => out.push(`ERR ${s}`) };
    const other = path.join(fresh, 'cli', 'worksbook.sqlite');
    expect(await runCli(['restore', carried, '--recovery-key', recoveryKey!, '--db', other], io)).toBe(0);
    const checked = await runCli(['check', '--recovery-key', recoveryKey!, '--db', other], io);
    expect(checked).toBe(0);
    expect(out.join('\n')).toMatch(/Audit log: +ok/);
  }, 120_000);
});
