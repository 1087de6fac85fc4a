// The import flow on a real store: messy workbook → preview statuses and cell errors → commit as
// one batch → a second import of the same file changes nothing → undo keeps rows edited since.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestBackend, type TestBackend } from '../support/backend';
import {
  addressedReferralsWorkbook,
  messyReferralsWorkbook,
  people,
  referralsWorkbook,
  win1252Csv,
  utf16Csv,
  workbook1904,
} from '../fixtures/imports/generate';
import { commit, messyProfile, openFile, preview, referralsProfile } from './imports-support';
import { isPostgresRun } from '../support/test-store';
import { addressedReferralsProfile } from '../fixtures/imports/profiles';

let t: TestBackend;
beforeEach(async () => {
  t = await createTestBackend();
});
afterEach(async () => {
  await t.close();
});

describe('importing a messy referrals workbook', () => {
  it('finds the header below title rows and merged cells, types every value, flags errors and duplicates', async () => {
    const upload = await openFile(t, 'JCP referrals March.xlsx', await messyReferralsWorkbook());
    expect(upload.sheets.map((s) => s.name)).toEqual(['Notes', 'March referrals']);
    // The finished job's bar says what was read, not the step it was on.
    const opened = t.backend.services.jobs.list().find((j) => j.kind === 'import-open');
    expect(opened).toMatchObject({ state: 'done', message: 'Opened: 2 sheets' });
    const view = await t.ok('imports.sheet', {
      uploadId: upload.uploadId,
      sheet: 'March referrals',
      kind: 'participants',
    });
    expect(view.headerRow).toBe(5);
    expect(view.headers).toEqual([
      'NI No',
      'Forename',
      'Surname',
      'DOB',
      'Referral date',
      'Work coach',
      'Mobile',
      'Postcode',
    ]);
    expect(view.rowCount).toBe(8);
    expect(view.skippedTotals).toBe(1);
    expect(view.suggestions.map((s) => s.field)).toEqual(
      expect.arrayContaining(['ni_number', 'first_name', 'last_name', 'date_of_birth', 'postcode', 'phone']),
    );

    const { previewId, counts } = await preview(t, upload, messyProfile, 'March referrals');
    expect(counts).toMatchObject({ total: 8, new: 5, error: 2, review: 1 });
    const page = await t.ok('imports.previewPage', { previewId, status: 'error', query: {} });
    const details = page.rows.map((r) => `${r.rowNumber}: ${r.detail}`).join('\n');
    expect(details).toMatch(/11: DOB \(D\): Date of birth "31\/02\/1992" is not a real date/);
    expect(details).toMatch(/12: Postcode \(H\).*not a UK postcode/);
    const review = await t.ok('imports.previewPage', { previewId, status: 'review', query: {} });
    expect(review.rows[0]).toMatchObject({ rowNumber: 13, detail: 'Same person as row 6 of this file' });

    const backupsBefore = await t.ok('backup.list', {});
    const result = await commit(t, previewId);
    expect(result.created).toBe(5);
    // A checked backup was taken just before the import wrote anything.
    const backupsAfter = await t.ok('backup.list', {});
    if (!isPostgresRun) {
      // A team database's backups are the server's: the app takes none of its own there.
      expect(backupsAfter.backups.length).toBe(backupsBefore.backups.length + 1);
      expect(JSON.stringify(backupsAfter.backups)).toContain('pre-import');
    }
    const rows = await t.backend.store.db.selectFrom('participants').selectAll().orderBy('id').execute();
    expect(rows.map((r) => [r.ni_number, r.first_name, r.last_name, r.date_of_birth, r.phone, r.postcode])).toEqual([
      ['AB123456C', 'Amara', 'Adeyemi', '1990-03-05', '07700 900001', 'SG1 1AA'],
      ['CE123457A', 'Ben', 'Brown', '1985-07-14', '07700900002', 'SG2 8BB'],
      [null, 'Chloe', 'Clarke', '1999-03-05', '07700 900003', 'SG1 2CD'],
      ['JG112233D', 'Dariusz', 'Dobrowski', '1990-05-07', '+44 7700 900004', 'SG4 0AB'],
      ['NR554433C', 'Grace', 'Gill', '1994-06-12', '07700 900008', 'SG2 9ZZ'],
    ]);
    expect(rows[3]!.referral_date).toBe('2026-03-04');
    const batch = await t.ok('imports.batch', { batchId: result.batchId });
    expect(batch).toMatchObject({ created: 5, errors: 2, rowsInFile: 8, fileName: 'JCP referrals March.xlsx' });
    expect(batch.sha256).toMatch(/^[0-9a-f]{64}$/);
    const audit = await t.backend.store.db
      .selectFrom('audit_log')
      .select(['action', 'entity'])
      .where('entity', 'in', ['participant', 'import_batch'])
      .execute();
    expect(audit.filter((a) => a.action === 'create')).toHaveLength(5);
    expect(audit.filter((a) => a.action === 'import')).toHaveLength(1);
  });

  it('a second import of the same file writes nothing new; blanks never overwrite', async () => {
    const bytes = await referralsWorkbook(people(30));
    const first = await preview(t, await openFile(t, 'a.xlsx', bytes), referralsProfile);
    expect(first.counts.new).toBe(30);
    await commit(t, first.previewId);
    // Someone adds an email; the partner's file has no email column, and a blank phone.
    const again = await preview(t, await openFile(t, 'a.xlsx', bytes), referralsProfile);
    expect(again.counts).toMatchObject({ new: 0, changed: 0, unchanged: 30 });
    const summary = await t.ok('imports.previewSummary', { previewId: again.previewId });
    expect(summary.alreadyImported).toHaveLength(1);
    const changedRows = people(30).map((p, i) => (i === 0 ? { ...p, phone: '', postcode: 'SG1 9ZZ' } : p));
    const changed = await preview(
      t,
      await openFile(t, 'b.xlsx', await referralsWorkbook(changedRows)),
      referralsProfile,
    );
    expect(changed.counts).toMatchObject({ changed: 1, unchanged: 29 });
    const row = (await t.ok('imports.previewPage', { previewId: changed.previewId, status: 'changed', query: {} }))
      .rows[0]!;
    expect(row.detail).toMatch(/Postcode: .* → SG1 9ZZ/);
    expect(row.detail).not.toMatch(/Phone/);
  });

  it('undo removes created rows and restores changed fields, but keeps what was edited since', async () => {
    const rows = people(6);
    const first = await preview(t, await openFile(t, 'a.xlsx', await referralsWorkbook(rows)), referralsProfile);
    const { batchId: firstBatch } = await commit(t, first.previewId);
    const db = t.backend.store.db;
    const changed = rows.map((p, i) => (i < 2 ? { ...p, postcode: 'SG9 9ZZ' } : p));
    const extra = people(9).slice(6);
    const second = await preview(
      t,
      await openFile(t, 'b.xlsx', await referralsWorkbook([...changed, ...extra])),
      referralsProfile,
    );
    expect(second.counts).toMatchObject({ new: 3, changed: 2, unchanged: 4 });
    const { batchId } = await commit(t, second.previewId);
    expect(firstBatch).not.toBe(batchId);
    // The batch says what each row changed, by column (which a viewer's copy is redacted by; the
    // window puts it into words), a date as dd/mm/yyyy.
    const written = await t.ok('imports.batch', { batchId });
    const updated = written.rows.filter((r) => r.action === 'updated');
    expect(updated.map((r) => r.fields)).toEqual([
      [{ field: 'postcode', from: rows[0]!.postcode, to: 'SG9 9ZZ' }],
      [{ field: 'postcode', from: rows[1]!.postcode, to: 'SG9 9ZZ' }],
    ]);
    expect(written.rows.filter((r) => r.action === 'created')).toHaveLength(3);
    // A column with a digit in its name, and a date as a person writes it.
    const addressed = await preview(
      t,
      await openFile(
        t,
        'c.xlsx',
        await addressedReferralsWorkbook([{ ...rows[2]!, address: '1 Walk Lane', start: '2026-04-01' }]),
      ),
      addressedReferralsProfile,
    );
    const third = await t.ok('imports.batch', { batchId: (await commit(t, addressed.previewId)).batchId });
    expect(third.rows.flatMap((r) => r.fields).map((f) => [f.field, f.to])).toEqual(
      expect.arrayContaining([
        ['address_line1', '1 Walk Lane'],
        ['start_date', '01/04/2026'],
      ]),
    );
    // Since the import: one created person is edited, one updated field is edited again.
    const created = await db
      .selectFrom('participants')
      .select(['id', 'version'])
      .where('ni_number', '=', extra[0]!.ni)
      .executeTakeFirstOrThrow();
    await db
      .updateTable('participants')
      .set({ email: 'new@example.org', version: created.version + 1, updated_at: '2026-11-24T09:00:00Z' })
      .where('id', '=', created.id)
      .execute();
    await db.updateTable('participants').set({ postcode: 'SG5 5XX' }).where('ni_number', '=', rows[1]!.ni).execute();

    const undo = await t.ok('imports.undo', { batchId });
    expect(undo.removed).toBe(2);
    expect(undo.restored).toBe(1);
    expect(undo.kept.map((k) => k.reason).sort()).toEqual([
      'edited since the import',
      'postcode edited since the import',
    ]);
    const after = await db.selectFrom('participants').select(['ni_number', 'postcode']).orderBy('id').execute();
    expect(after).toHaveLength(7);
    expect(after.find((p) => p.ni_number === rows[0]!.ni)!.postcode).toBe(rows[0]!.postcode);
    expect(after.find((p) => p.ni_number === rows[1]!.ni)!.postcode).toBe('SG5 5XX');
    const again = await t.call('imports.undo', { batchId });
    expect(again.ok).toBe(false);
    const batch = await t.ok('imports.batch', { batchId });
    expect(batch.kept).toHaveLength(2);
    expect(batch.undoneAt).not.toBeNull();
  });
});

describe('cancelling', () => {
  it('a cancelled commit saves nothing and can be run again', async () => {
    const upload = await openFile(t, 'big.xlsx', await referralsWorkbook(people(3000, 4)));
    const { previewId } = await preview(t, upload, referralsProfile);
    const { jobId } = await t.ok('imports.commit', { previewId });
    await t.ok('jobs.cancel', { jobId });
    const job = await t.backend.services.jobs.wait(jobId);
    expect(job).toMatchObject({ state: 'cancelled', message: 'Cancelled; nothing was saved.' });
    const db = t.backend.store.db;
    expect(await db.selectFrom('participants').select('id').execute()).toEqual([]);
    expect(await db.selectFrom('import_batches').select('id').execute()).toEqual([]);
    expect((await commit(t, previewId)).created).toBe(3000);
  });
});

describe('a long commit', () => {
  it('moves its bar as the new people are saved, and a cancel while they are saved saves nothing', async () => {
    const upload = await openFile(t, 'big.xlsx', await referralsWorkbook(people(3000, 5)));
    const { previewId } = await preview(t, upload, referralsProfile);
    const seen: Array<{ done: number; total: number; message: string | undefined }> = [];
    let jobId = '';
    let cancelled: Promise<unknown> | null = null;
    const stop = t.backend.onEvent((event) => {
      if (event.type !== 'job' || event.job.id !== jobId || event.job.state !== 'running') return;
      seen.push({ done: event.job.done, total: event.job.total, message: event.job.message });
      // Cancelled once the first people are written, while the rest are still to come.
      if (!cancelled && event.job.message?.startsWith('Saving new people')) cancelled = t.ok('jobs.cancel', { jobId });
    });
    try {
      ({ jobId } = await t.ok('imports.commit', { previewId }));
      const job = await t.backend.services.jobs.wait(jobId);
      expect(job).toMatchObject({ state: 'cancelled', message: 'Cancelled; nothing was saved.' });
    } finally {
      stop();
    }
    await cancelled;
    const saving = seen.filter((s) => s.message?.startsWith('Saving new people'));
    expect(saving.length).toBeGreaterThan(0);
    expect(saving[0]!.message).toMatch(/^Saving new people: [\d,]+ of 3,000$/);
    expect(saving[0]!.done).toBeGreaterThan(0);
    expect(saving[0]!.done).toBeLessThan(3000);
    expect(saving[0]!.total).toBe(3000);
    const db = t.backend.store.db;
    expect(await db.selectFrom('participants').select('id').execute()).toEqual([]);
    expect(await db.selectFrom('import_batches').select('id').execute()).toEqual([]);

    // Run again, to the end: every person saved, the bar moving while they are.
    seen.length = 0;
    const again = t.backend.onEvent((event) => {
      if (event.type === 'job' && event.job.kind === 'import-commit')
        seen.push({ done: event.job.done, total: event.job.total, message: event.job.message });
    });
    const result = await commit(t, previewId).finally(again);
    expect(result.created).toBe(3000);
    expect(seen.some((s) => s.message?.startsWith('Saving new people'))).toBe(true);
    // Once done, the bar says what was saved, not the step it was on.
    expect(seen.at(-1)).toMatchObject({ message: 'Imported: 3,000 new, 0 changed' });

    // The batch page lists the first 500 rows in file order, each named by the person it added.
    const batch = await t.ok('imports.batch', { batchId: result.batchId });
    expect(batch.rowsTotal).toBe(3000);
    expect(batch.rows.map((r) => r.rowNumber)).toEqual(Array.from({ length: 500 }, (_, i) => i + 2));
    const written = await db
      .selectFrom('participants')
      .select(['id', 'reference', 'first_name', 'last_name'])
      .orderBy('id')
      .limit(500)
      .execute();
    expect(batch.rows.map((r) => [r.participantId, r.label])).toEqual(
      written.map((p) => [p.id, `${p.reference} ${p.first_name} ${p.last_name}`]),
    );
  });
});

describe('encodings and date systems', () => {
  for (const [name, bytes] of [
    ['win1252.csv', win1252Csv()],
    ['utf16.csv', utf16Csv()],
  ] as const) {
    it(`reads ${name} with £ and accents intact and leading zeros kept`, async () => {
      const upload = await openFile(t, name, bytes);
      expect(upload.encoding).toBe(name.startsWith('win') ? 'windows-1252' : 'utf-16le');
      const view = await t.ok('imports.sheet', {
        uploadId: upload.uploadId,
        sheet: upload.sheets[0]!.name,
        kind: 'participants',
      });
      expect(view.samples[0]).toEqual([
        'WX 12 34 56 A',
        'Renée',
        'Lefèvre',
        '02/01/1991',
        '07700 900101',
        'SG1 4GH',
        'Voucher £50 café',
      ]);
      expect(view.samples[1]![4]).toBe('01438 123456');
      const { previewId, counts } = await preview(t, upload, {
        ...referralsProfile,
        columns: {
          ni_number: 'NI Number',
          first_name: 'First name',
          last_name: 'Surname',
          date_of_birth: 'Date of birth',
          phone: 'Phone',
          postcode: 'Postcode',
        },
      });
      expect(counts.new).toBe(3);
      await commit(t, previewId);
      const p = await t.backend.store.db
        .selectFrom('participants')
        .selectAll()
        .where('first_name', '=', 'Renée')
        .executeTakeFirstOrThrow();
      expect([p.last_name, p.date_of_birth, p.ni_number]).toEqual(['Lefèvre', '1991-01-02', 'WX123456A']);
    });
  }

  it('reads a 1904-based workbook', async () => {
    const upload = await openFile(t, '1904.xlsx', await workbook1904());
    expect(upload.date1904).toBe(true);
    const { previewId } = await preview(t, upload, {
      ...referralsProfile,
      columns: {
        ni_number: 'NI Number',
        first_name: 'First name',
        last_name: 'Last name',
        date_of_birth: 'Date of birth',
        referral_date: 'Referral date',
      },
    });
    await commit(t, previewId);
    const p = await t.backend.store.db.selectFrom('participants').selectAll().executeTakeFirstOrThrow();
    expect([p.date_of_birth, p.referral_date]).toEqual(['1990-03-05', '2026-03-02']);
  });
});
