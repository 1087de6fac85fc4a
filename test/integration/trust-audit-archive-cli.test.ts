// The audit archive a restore keeps (issue 13) can be read back: `cli audit-archive <file>` opens it
// with the store's audit key (the file on disk is encrypted) and says why it was kept and what it holds.
import { afterAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import { createTestBackend } from '../support/backend';
import { runCli } from '../../db/cli/main';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

describe('cli audit-archive', () => {
  it('reads the entries a restore dropped, which the file on disk holds encrypted', async () => {
    const t = await createTestBackend({ key: { kind: 'passphrase', text: 'the office laptop passphrase' } });
    dirs.push(t.dir);
    const recoveryKey = (await t.ok('keys.recoveryKey', {})).recoveryKey!;
    const backup = await t.ok('backup.create', {});
    await t.ok('trust.saveSettings', { requirePasswords: false, autoLockMinutes: 25 });
    const restored = await t.ok('backup.restore', { name: backup.name, confirm: true });
    expect(restored.auditArchive).not.toBeNull();
    const archive = restored.auditArchive!;
    expect(fs.readFileSync(archive, 'utf8')).not.toMatch(/25 minutes|autoLock/);
    await t.backend.close();

    const out: string[] = [];
    const io = { out: (s: string) => out.push(s), err: (s: string) => out.push(`ERR ${s}`) };
    expect(await runCli(['audit-archive', archive, '--recovery-key', recoveryKey, '--db', t.file], io)).toBe(0);
    expect(out.join('\n')).toMatch(new RegExp(`Entries: +${restored.auditEntriesArchived} \\(ids \\d+ to \\d+\\)`));
    expect(await runCli(['audit-archive', archive, '--json', '--recovery-key', recoveryKey, '--db', t.file], io)).toBe(
      0,
    );
    expect(out.join('\n')).toMatch(/"reason"/);
  }, 120_000);
});
