// The dispatcher's unit of writing: one transaction, refused without an audit row, the event
// only after the commit, and a checked backup first for bulk writes.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestBackend, TEST_NOW, type TestBackend } from '../support/backend';
import { runWrite, WriteWithoutAudit } from '../../db/backend/write-unit';
import { appendAudit } from '../../db/features/audit/audit.repository';
import type { BackendEvent } from '../../shared/events';
import { isPostgresRun } from '../support/test-store';

let t: TestBackend;
afterEach(async () => t?.close());

async function fundingStreams(t: TestBackend) {
  return (await t.backend.store.db.selectFrom('funding_streams').select('name').execute()).map((r) => r.name);
}

describe('runWrite', () => {
  it('commits a change with its audit row and then says which areas changed', async () => {
    t = await createTestBackend();
    const events: BackendEvent[] = [];
    t.backend.onEvent((e) => events.push(e));
    await runWrite(
      t.backend.services,
      { channel: 'test.write', areas: ['participants'], staffId: t.staffId },
      async (tx) => {
        await tx
          .insertInto('funding_streams')
          .values({ name: 'Kit test stream', code: 'KIT', funder: 'Test' })
          .execute();
        expect(events).toEqual([]); // not before the commit
        await appendAudit(tx, TEST_NOW, t.staffId, { action: 'create', entity: 'funding_stream', summary: 'Kit test' });
      },
    );
    expect(await fundingStreams(t)).toContain('Kit test stream');
    expect(events).toEqual([{ type: 'data-changed', areas: ['participants'] }]);
  });

  it('undoes a change that appended no audit row, and says nothing', async () => {
    t = await createTestBackend();
    const events: BackendEvent[] = [];
    t.backend.onEvent((e) => events.push(e));
    const write = runWrite(
      t.backend.services,
      { channel: 'test.write', areas: ['participants'], staffId: t.staffId },
      (tx) => tx.insertInto('funding_streams').values({ name: 'Unaudited', code: 'UNA', funder: 'Test' }).execute(),
    );
    await expect(write).rejects.toBeInstanceOf(WriteWithoutAudit);
    expect(await fundingStreams(t)).not.toContain('Unaudited');
    expect(events).toEqual([]);
  });

  // SQLite only: backups before bulk writes are a SQLite store's own; a team database's backups are the server's (beforeBulkWrites: false).
  it.skipIf(isPostgresRun)('takes a checked backup before a bulk write', async () => {
    t = await createTestBackend();
    // Backup files, not their .keys companions (checked below).
    const backups = () =>
      fs.existsSync(t.backend.services.backupDir)
        ? fs.readdirSync(t.backend.services.backupDir).filter((n) => !n.endsWith('.keys'))
        : [];
    const before = backups().length;
    await runWrite(
      t.backend.services,
      { channel: 'test.bulk', areas: [], bulk: 'pre-bulk', staffId: t.staffId },
      (tx) => appendAudit(tx, TEST_NOW, t.staffId, { action: 'update', entity: 'settings', summary: 'Bulk kit test' }),
    );
    const names = backups();
    expect(names.length).toBe(before + 1);
    const taken = names.find((n) => n.includes('pre-bulk'));
    expect(taken).toBeDefined();
    // With its companion: the key envelope and audit head, so it opens on another computer.
    expect(fs.existsSync(path.join(t.backend.services.backupDir, `${taken}.keys`))).toBe(true);
  });
});

describe('runWrite with nothing to change', () => {
  it('commits a transaction that changed nothing without asking for an audit row', async () => {
    t = await createTestBackend();
    const value = await runWrite(
      t.backend.services,
      { channel: 'test.noop', areas: [], staffId: t.staffId },
      async (tx) => {
        await tx.selectFrom('staff').selectAll().execute();
        return 'read only';
      },
    );
    expect(value).toBe('read only');
  });
});
