// A large import seals and chains its new people's audit entries in a worker thread while it
// inserts the next people (db/features/imports/bulk-audit.ts, AuditSealer). The chain must be the
// one the backend thread would have written: the same rows in the same order, each text opening to
// the same words, each hash the chain's function of the one before (audit.verify); and when the
// worker cannot be used (it died, or the chain's head moved after it started), the same entries are
// sealed in the backend thread instead, still in order.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Worker } from 'node:worker_threads';
import { createTestBackend, TEST_NOW, type TestBackend } from '../support/backend';
import { aParticipant } from '../support/builders';
import { people, referralsWorkbook } from '../fixtures/imports/generate';
import { commit, openFile, preview, referralsProfile } from './imports-support';
import { isPostgresRun } from '../support/test-store';
import { appendAuditMany, AuditSealer } from '../../db/features/imports/bulk-audit';
import { appendAudit, chainHash, readableAuditRows, type AuditEntry } from '../../db/features/audit/audit.repository';
import { auditKeyOf } from '../../db/store/store-secrets';
import { setLogSink } from '../../db/backend/log';

setLogSink(() => {});

let t: TestBackend;
beforeEach(async () => {
  t = await createTestBackend();
});
afterEach(async () => {
  vi.restoreAllMocks();
  await t.close();
});

type Db = TestBackend['backend']['store']['db'];

async function auditAfter(db: Db, lastId: number) {
  return db
    .selectFrom('audit_log')
    .select([
      'id',
      'at',
      'staff_id',
      'action',
      'entity',
      'entity_id',
      'participant_id',
      'summary',
      'before_json',
      'after_json',
      'prev_hash',
      'hash',
    ])
    .where('id', '>', lastId)
    .orderBy('id')
    .execute();
}

async function lastAuditId(db: Db): Promise<number> {
  const row = await db.selectFrom('audit_log').select('id').orderBy('id', 'desc').limit(1).executeTakeFirst();
  return row?.id ?? 0;
}

/** Each row follows the one before it and (on a data file, whose app computes the hash) carries
 * the chain's hash of its own fields. */
function expectChained(db: Db, rows: Awaited<ReturnType<typeof auditAfter>>) {
  for (let i = 1; i < rows.length; i++) expect(rows[i]!.prev_hash).toBe(rows[i - 1]!.hash);
  if (!isPostgresRun) for (const r of rows) expect(chainHash(auditKeyOf(db), r.prev_hash, r)).toBe(r.hash);
}

describe('an import of over a thousand new people', () => {
  it('seals their entries in the worker, in file order, verifiable, and undoes cleanly', async () => {
    const db = t.backend.store.db;
    const started = vi.spyOn(AuditSealer, 'start');
    const before = await lastAuditId(db);
    const upload = await openFile(t, 'big.xlsx', await referralsWorkbook(people(1_200, 29)));
    const { previewId, counts } = await preview(t, upload, referralsProfile);
    expect(counts.new).toBeGreaterThanOrEqual(1_000);
    const result = await commit(t, previewId);
    expect(result.created).toBe(counts.new);
    expect(started).toHaveBeenCalledTimes(1);

    const rows = await auditAfter(db, before);
    const creates = rows.filter((r) => r.action === 'create' && r.entity === 'participant');
    expect(creates).toHaveLength(result.created);
    // One entry per new person, in the order of the file's rows, each opening to its undo row's text.
    const batchRows = await db
      .selectFrom('import_batch_rows')
      .select(['entity_id', 'after_json', 'row_number'])
      .where('batch_id', '=', result.batchId)
      .where('entity', '=', 'participant')
      .orderBy('row_number')
      .execute();
    expect(creates.map((r) => Number(r.entity_id))).toEqual(batchRows.map((b) => b.entity_id));
    const readable = await readableAuditRows(db, creates);
    expect(readable.map((r) => r.after_json)).toEqual(batchRows.map((b) => b.after_json));
    expect(readable.every((r) => /^Participant SW-\d{6} created by import #\d+ from /.test(r.summary))).toBe(true);
    expect(creates.every((r) => r.summary.startsWith('enc1:') && r.after_json!.startsWith('enc1:'))).toBe(true);
    // The batch's own entry comes last, after every person's.
    expect(rows.at(-1)).toMatchObject({ action: 'import', entity: 'import_batch' });
    expectChained(db, rows);
    expect(await t.ok('audit.verify', {})).toMatchObject({ ok: true, firstBrokenId: null });

    const undo = await t.ok('imports.undo', { batchId: result.batchId });
    expect(undo).toMatchObject({ removed: result.created, kept: [] });
    expect(await t.ok('audit.verify', {})).toMatchObject({ ok: true, firstBrokenId: null });
  });
});

describe('the sealer against sealing in the backend thread', () => {
  async function entriesFor(count: number): Promise<AuditEntry[]> {
    const out: AuditEntry[] = [];
    for (let i = 0; i < count; i++) {
      const id = await aParticipant(t.backend.store.db, { last_name: `Sealed${i}` });
      out.push({
        action: 'create',
        entity: 'participant',
        entityId: id,
        participantId: id,
        summary: `Participant ${i} created`,
        afterJson: JSON.stringify({ last_name: `Sealed${i}` }),
      });
    }
    return out;
  }
  const tail: AuditEntry[] = [{ action: 'import', entity: 'import_batch', entityId: 1, summary: 'Batch of 6' }];

  /** The texts of the entries after `before`, opened, in order. */
  async function opened(before: number) {
    const db = t.backend.store.db;
    const rows = await auditAfter(db, before);
    expectChained(db, rows);
    return (await readableAuditRows(db, rows)).map((r) => [r.action, r.entity_id, r.summary, r.after_json]);
  }

  const expected = (entries: AuditEntry[]) =>
    [...entries, ...tail].map((e) => [e.action, String(e.entityId), e.summary, e.afterJson ?? null]);

  it('writes the same rows in the same order as appendAuditMany alone', async () => {
    const db = t.backend.store.db;
    const entries = await entriesFor(6);
    const first = await lastAuditId(db);
    await db.transaction().execute((tx) => appendAuditMany(tx, TEST_NOW, t.staffId, [...entries, ...tail]));
    const inThread = await opened(first);
    const second = await lastAuditId(db);
    await db.transaction().execute(async (tx) => {
      const sealer = await AuditSealer.start(tx, TEST_NOW, t.staffId);
      try {
        await sealer.add(tx, entries.slice(0, 4));
        await sealer.add(tx, entries.slice(4));
        await appendAuditMany(tx, TEST_NOW, t.staffId, tail, sealer);
      } finally {
        sealer.close();
      }
    });
    const inWorker = await opened(second);
    expect(inThread).toEqual(expected(entries));
    expect(inWorker).toEqual(inThread);
    expect(await t.ok('audit.verify', {})).toMatchObject({ ok: true, firstBrokenId: null });
  });

  it('seals here instead when the worker died, or the chain moved on after it started', async () => {
    const db = t.backend.store.db;
    const entries = await entriesFor(6);
    const first = await lastAuditId(db);
    await db.transaction().execute(async (tx) => {
      const sealer = await AuditSealer.start(tx, TEST_NOW, t.staffId);
      try {
        await sealer.add(tx, entries.slice(0, 3));
        await (sealer as unknown as { worker: Worker }).worker.terminate();
        await sealer.add(tx, entries.slice(3));
        await appendAuditMany(tx, TEST_NOW, t.staffId, tail, sealer);
      } finally {
        sealer.close();
      }
    });
    expect(await opened(first)).toEqual(expected(entries));

    const second = await lastAuditId(db);
    const other: AuditEntry = { action: 'update', entity: 'setting', entityId: 'x', summary: 'Another entry' };
    await db.transaction().execute(async (tx) => {
      const sealer = await AuditSealer.start(tx, TEST_NOW, t.staffId);
      try {
        await sealer.add(tx, entries);
        await appendAudit(tx, TEST_NOW, t.staffId, other);
        await appendAuditMany(tx, TEST_NOW, t.staffId, tail, sealer);
      } finally {
        sealer.close();
      }
    });
    expect(await opened(second)).toEqual([['update', 'x', 'Another entry', null], ...expected(entries)]);
    expect(await t.ok('audit.verify', {})).toMatchObject({ ok: true, firstBrokenId: null });
  });
});
