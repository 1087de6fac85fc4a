// What is kept before an import (db/backend/backups.ts, backupBeforeBulkWrite): a checked backup
// of the whole store when it has none from the last hour, none when it has; and, whatever the
// backups, "put it back as it was before this import" by Undo, which restores every field the
// import changed and removes every row it created, in one transaction.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestBackend, type TestBackend } from '../support/backend';
import { people, referralsWorkbook } from '../fixtures/imports/generate';
import { commit, openFile, preview, referralsProfile } from './imports-support';
import { sqliteOnly } from '../support/test-store';
import { backupFileName, parseBackupName } from '../../db/store/sqlite/backup-file';

let t: TestBackend;
beforeEach(async () => {
  t = await createTestBackend();
});
afterEach(async () => {
  await t.close();
});

const personal = [
  'id',
  'reference',
  'first_name',
  'last_name',
  'date_of_birth',
  'ni_number',
  'phone',
  'email',
  'postcode',
  'referral_date',
  'status',
  'eligibility_status',
] as const;

async function importRows(rows: ReturnType<typeof people>, name: string) {
  const { previewId, counts } = await preview(
    t,
    await openFile(t, name, await referralsWorkbook(rows)),
    referralsProfile,
  );
  return { counts, ...(await commit(t, previewId)) };
}

const preImportBackups = async () =>
  (await t.ok('backup.list', {})).backups.filter((b) => b.reason === 'pre-import').map((b) => b.name);

sqliteOnly('the app takes file backups of a SQLite store only; a team database is backed up by its server')(
  'the backup before an import',
  () => {
    it('is taken when the store has no backup from the last hour, and not again within the hour', async () => {
      await importRows(people(3), 'a.xlsx');
      const first = await preImportBackups();
      expect(first).toHaveLength(1);
      await importRows(people(6).slice(3), 'b.xlsx');
      expect(await preImportBackups()).toEqual(first);

      // The same backup, as if taken 61 minutes ago: the next import takes a new one.
      const dir = t.backend.services.backupDir;
      const taken = parseBackupName(first[0]!)!;
      const older = backupFileName(new Date(new Date(taken.takenAt).getTime() - 61 * 60_000), 'pre-import');
      fs.renameSync(path.join(dir, first[0]!), path.join(dir, older));
      await importRows(people(9).slice(6), 'c.xlsx');
      const after = await preImportBackups();
      expect(after).toHaveLength(2);
      expect(after).toContain(older);
    });
  },
);

describe('putting the store back as it was before an import', () => {
  it('Undo restores every changed field and removes every created person, the rest untouched', async () => {
    const rows = people(8);
    await importRows(rows.slice(0, 5), 'first.xlsx');
    const db = t.backend.store.db;
    const before = await db.selectFrom('participants').select(personal).orderBy('id').execute();
    // The second file changes two people's postcodes and phones and brings three new people.
    const changed = rows
      .slice(0, 5)
      .map((p, i) => (i < 2 ? { ...p, postcode: 'SG9 9ZZ', phone: `07700 90099${i}` } : p));
    const second = await importRows([...changed, ...rows.slice(5)], 'second.xlsx');
    expect(second.counts).toMatchObject({ new: 3, changed: 2, unchanged: 3 });
    expect(await db.selectFrom('participants').select(personal).orderBy('id').execute()).not.toEqual(before);

    const undo = await t.ok('imports.undo', { batchId: second.batchId });
    expect(undo).toMatchObject({ removed: 3, restored: 2, kept: [] });
    expect(await db.selectFrom('participants').select(personal).orderBy('id').execute()).toEqual(before);
  });
});
