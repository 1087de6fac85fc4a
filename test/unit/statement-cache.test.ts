// SQLite's prepared statements are kept by their SQL text (db/store/sqlite/tolerant-rollback.ts):
// the same text gets the same statement, a statement still being iterated is never handed out
// again (its text gets a fresh one), and the oldest go past the cache's size.
import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { withTolerantRollback } from '../../db/store/sqlite/tolerant-rollback';

const sqlite = new Database(':memory:');
sqlite.exec('create table t (n integer); insert into t values (1), (2), (3)');
const db = withTolerantRollback(sqlite);

describe('the statement cache', () => {
  it('gives the same text the same statement', () => {
    const a = db.prepare('select n from t order by n');
    expect(db.prepare('select n from t order by n')).toBe(a);
    expect(a.all([])).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
  });

  it('gives a statement being iterated (a stream) no second caller: the text gets a fresh one', () => {
    const text = 'select n from t where n >= ? order by n';
    const streaming = db.prepare(text);
    const rows = streaming.iterate([1]);
    expect(rows.next().value).toEqual({ n: 1 });
    const meanwhile = db.prepare(text);
    expect(meanwhile).not.toBe(streaming);
    expect(meanwhile.all([2])).toEqual([{ n: 2 }, { n: 3 }]);
    expect([...rows]).toEqual([{ n: 2 }, { n: 3 }]);
    // The stream over, the kept statement is handed out again.
    expect(db.prepare(text)).toBe(streaming);
  });

  it('keeps the most recently used 200', () => {
    const first = db.prepare('select 0 as k');
    for (let i = 1; i <= 200; i++) db.prepare(`select ${i} as k`);
    expect(db.prepare('select 0 as k')).not.toBe(first);
    const recent = db.prepare('select 200 as k');
    expect(db.prepare('select 200 as k')).toBe(recent);
  });

  it('still lets a rollback with no transaction open do nothing', () => {
    expect(db.prepare('rollback').run([])).toEqual({ changes: 0, lastInsertRowid: 0 });
  });
});
