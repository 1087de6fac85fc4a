// The second backup folder (issue 13): chosen in Settings → Backups through backup.saveSettings
// (checked, audited); each backup is then copied there as a finished file with its keys companion,
// and the last copy's outcome (copied, or failed and why) is kept for the screen.
import { afterEach, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { createTestBackend, type TestBackend } from '../support/backend';
import { sqliteOnly } from '../support/test-store';

let t: TestBackend | null = null;
afterEach(async () => {
  await t?.close();
  t = null;
});

describe('choosing the second folder', () => {
  it('refuses a relative path or the backups folder itself, at the field; saves and audits a good one', async () => {
    t = await createTestBackend();
    const relative = await t.call('backup.saveSettings', { secondFolder: 'elsewhere' });
    expect(relative.ok ? [] : relative.error.fields).toEqual([
      { path: ['secondFolder'], message: expect.stringMatching(/full path/) },
    ]);
    const same = await t.call('backup.saveSettings', { secondFolder: t.backend.services.backupDir });
    expect(same.ok ? '' : same.error.message).toMatch(/other than the backups folder/);

    const folder = path.join(t.dir, 'share', 'worksbook');
    expect(await t.ok('backup.saveSettings', { secondFolder: folder })).toEqual({
      secondFolder: folder,
      lastCopy: null,
    });
    expect(await t.ok('backup.settings', {})).toEqual({ secondFolder: folder, lastCopy: null });
    const audit = await t.backend.store.db
      .selectFrom('audit_log')
      .select('summary')
      .where('entity', '=', 'settings')
      .execute();
    expect(audit.map((a) => a.summary)).toContain(`Backups are also copied to ${folder}`);

    expect(await t.ok('backup.saveSettings', { secondFolder: '' })).toEqual({ secondFolder: null, lastCopy: null });
  });
});

sqliteOnly('backups of a SQLite store are files this computer copies (a team database is the server’s)')(
  'copying each backup',
  () => {
    it('copies the backup and its companion as finished files, and reports a copy that failed', async () => {
      t = await createTestBackend();
      const folder = path.join(t.dir, 'share');
      await t.ok('backup.saveSettings', { secondFolder: folder });
      const taken = await t.ok('backup.create', {});
      expect(fs.readdirSync(folder).sort()).toEqual([taken.name, `${taken.name}.keys`]);
      expect((await t.ok('backup.settings', {})).lastCopy).toMatchObject({ ok: true, message: `Copied to ${folder}` });

      // The share goes away (a file now stands where the folder was): the backup is still taken here.
      fs.rmSync(folder, { recursive: true });
      fs.writeFileSync(folder, 'not a folder');
      const second = await t.ok('backup.create', {});
      expect(fs.existsSync(path.join(t.backend.services.backupDir, second.name))).toBe(true);
      expect((await t.ok('backup.settings', {})).lastCopy).toMatchObject({
        ok: false,
        message: expect.stringMatching(/^The copy to .* failed \(E[A-Z]+\)$/),
      });
    });
  },
);
