// Durability: a process killed with SIGKILL at random moments keeps every save it acknowledged
// and leaves a store that passes integrity_check; a full disk gives a clear io error, writes no
// partial rows, and the app keeps working.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { openStore } from '../../db/store/connection';
import { foreignKeyCheck, integrityCheck } from '../../db/store/sqlite/pragmas';
import { verifyAuditChain } from '../../db/features/trust/audit-verify';
import { openAuditAnchor } from '../../db/backend/audit-anchor';
import { createTestBackend, tempDir, type TestBackend } from '../support/backend';
import { startTsx } from '../support/child';
import { sqliteOnly } from '../support/test-store';

const KEY = Buffer.alloc(32, 5);
const dirs: string[] = [];
const opened: TestBackend[] = [];
afterEach(async () => {
  for (const t of opened.splice(0)) await t.close();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

sqliteOnly(
  'a kill -9 of the one process writing a SQLite file; on a team database the server owns durability (its WAL)',
)('kill -9', () => {
  it('every acknowledged save survives, five kills in a row, and integrity_check stays ok', async () => {
    const dir = tempDir('worksbook-kill-');
    dirs.push(dir);
    const file = path.join(dir, 'w.sqlite');
    (await openStore({ file, key: { kind: 'raw', bytes: KEY } })).close();
    const acknowledged: string[] = [];
    for (let round = 0; round < 5; round++) {
      const child = startTsx('test/support/trust-writer.ts', [file, KEY.toString('hex'), '100000', `R${round}`]);
      await child.waitFor((l) => l === 'READY');
      await child.waitFor((l) => l.startsWith('ACK'));
      await new Promise((r) => setTimeout(r, 50 + Math.floor(Math.random() * 400)));
      child.proc.kill('SIGKILL');
      await child.exited;
      const acks = child.lines.filter((l) => l.startsWith('ACK ')).map((l) => l.slice(4));
      expect(acks.length).toBeGreaterThan(0);
      // The process killed is the one that wrote (not a wrapper that would leave it running on).
      expect(acks.every((ref) => ref.startsWith(`R${round}-${child.proc.pid}-`))).toBe(true);
      acknowledged.push(...acks);

      const store = await openStore({ file, key: { kind: 'raw', bytes: KEY } });
      try {
        // The FTS5 search index included: it is written in the same transactions as the records.
        expect(integrityCheck(store.sqlite)).toEqual([]);
        expect(foreignKeyCheck(store.sqlite)).toEqual([]);
        // With the audit key from the envelope and the head recorded beside the file: a kill between a
        // commit and the head's write leaves the log ahead of its head, which is not a cut.
        const anchor = await openAuditAnchor(store, () => new Date());
        expect(anchor.disputed).toBeNull();
        expect(await verifyAuditChain(store.db, anchor.view())).toMatchObject({ ok: true });
        const present = new Set(
          (await store.db.selectFrom('participants').select('reference').execute()).map((r) => r.reference),
        );
        const lost = acknowledged.filter((ref) => !present.has(ref));
        expect(lost).toEqual([]);
        // Each save is whole: no participant without its audit entry.
        const orphans = store.sqlite
          .prepare(
            "select count(*) as n from participants p where not exists (select 1 from audit_log a where a.entity = 'participant' and a.entity_id = " +
              'cast(p.id as text))',
          )
          .get() as { n: number };
        expect(orphans.n).toBe(0);
      } finally {
        await store.close();
      }
    }
    expect(acknowledged.length).toBeGreaterThan(20);
  }, 180_000);
});

sqliteOnly(
  "SQLite's max_page_count stands in for a full disk; a team database's disk is the server's (53100 maps to the same io error)",
)('disk full', () => {
  it('a write that does not fit gives a clear io error, saves nothing, and the next one works', async () => {
    const t = await createTestBackend();
    opened.push(t);
    const sqlite = t.backend.store.sqlite;
    sqlite.pragma('wal_checkpoint(TRUNCATE)');
    const pages = Number(sqlite.pragma('page_count', { simple: true }));
    // SQLite's own ceiling on the file's size stands in for a full disk (SQLITE_FULL either way).
    sqlite.pragma(`max_page_count = ${pages + 2}`);
    const before = await t.ok('staff.manageList', {});
    const auditBefore = Number((sqlite.prepare('select count(*) as n from audit_log').get() as { n: number }).n);
    const big = 'x'.repeat(60);
    const results = [];
    for (let i = 0; i < 40; i++)
      results.push(await t.call('staff.create', { displayName: `Person ${i} ${big}`.slice(0, 80), role: 'officer' }));
    const failed = results.find((r) => !r.ok);
    expect(failed && !failed.ok ? failed.error : null).toEqual({
      kind: 'io',
      message: 'The disk is full; nothing was saved. Free some space and try again.',
    });
    const saved = results.filter((r) => r.ok).length;
    const after = await t.ok('staff.manageList', {});
    expect(after.length).toBe(before.length + saved);
    // No half-saves: every staff row that exists has its audit entry and vice versa.
    const audited = Number(
      (
        sqlite.prepare("select count(*) as n from audit_log where action = 'create' and entity = 'staff'").get() as {
          n: number;
        }
      ).n,
    );
    expect(audited).toBe(after.length);
    // Two entries per saved profile: its creation and the one-time set-up code issued with it.
    expect(Number((sqlite.prepare('select count(*) as n from audit_log').get() as { n: number }).n)).toBe(
      auditBefore + 2 * saved,
    );
    // Space is freed: the app carries on.
    sqlite.pragma('max_page_count = 1073741823');
    expect((await t.call('staff.create', { displayName: 'After the disk was cleared', role: 'viewer' })).ok).toBe(true);
    expect(integrityCheck(sqlite)).toEqual([]);
  });
});
