// Re-evaluating the people an import wrote: an import of 50,000 new people passes every new id at
// once, more than one SQL statement may bind (SQLite 32,766 values, PostgreSQL 65,535); the
// commit failed with "too many SQL variables" before the ids were read in pieces.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestBackend, type TestBackend } from '../support/backend';
import { aParticipant } from '../support/builders';
import { storedEligibility } from '../../db/features/participants/eligibility.repository';
import {
  eligibilityOf,
  loadEligibilitySettings,
  refreshEveryone,
} from '../../db/features/participants/eligibility.service';
import { setLogSink } from '../../db/backend/log';
import { loadDemo } from '../../db/demo/demo';

setLogSink(() => {});

let t: TestBackend;
beforeEach(async () => {
  t = await createTestBackend({ role: 'officer' });
});
afterEach(() => t.close());

describe('stored eligibility of many people at once', () => {
  it('reads 70,000 ids (more than either store binds in one statement), in id order, each once', async () => {
    const db = t.backend.store.db;
    const a = await aParticipant(db, { last_name: 'Ashdown' });
    const b = await aParticipant(db, { last_name: 'Brierley' });
    const ids = [b, ...Array.from({ length: 70_000 }, (_, i) => 1_000_000 + i), a, b];
    const rows = await storedEligibility(db, ids);
    expect(rows.map((r) => r.id)).toEqual([a, b].sort((x, y) => x - y));
    expect(await storedEligibility(db, [])).toEqual([]);
  });
});

describe('re-evaluating many people together', () => {
  it('stores for each person what evaluating them alone gives, and counts the changes', async () => {
    const db = t.backend.store.db;
    const today = '2026-11-23';
    await db
      .transaction()
      .execute((tx) => loadDemo(tx, { participants: 300, seed: 2017, today, nowIso: '2026-11-23T10:00:00.000Z' }));
    const settings = await loadEligibilitySettings(db);
    const people = await storedEligibility(db);
    const expected = new Map<number, { status: string; isLocal: number }>();
    for (const p of people) {
      const alone = await eligibilityOf(db, p.id, today, settings);
      expected.set(p.id, { status: alone.status, isLocal: alone.isLocal ? 1 : 0 });
    }
    // Demo people with different results, local and not, so a grouped write that mixed them up would show.
    expect(new Set([...expected.values()].map((e) => `${e.status}|${e.isLocal}`)).size).toBeGreaterThan(2);
    // Every stored result made wrong, one in three left alone (written only where it changed).
    const wrong = people.filter((_p, i) => i % 3 !== 0).map((p) => p.id);
    for (const id of wrong) {
      const e = expected.get(id)!;
      await db
        .updateTable('participants')
        .set({ eligibility_status: e.status === 'eligible' ? 'not_eligible' : 'eligible', is_local: 1 - e.isLocal })
        .where('id', '=', id)
        .execute();
    }
    const changed = await db.transaction().execute((tx) => refreshEveryone(tx, today, settings, [...wrong, ...wrong]));
    expect(changed).toBe(wrong.length);
    const stored = await db.selectFrom('participants').select(['id', 'eligibility_status', 'is_local']).execute();
    for (const row of stored.filter((r) => expected.has(r.id)))
      expect({ id: row.id, status: row.eligibility_status, isLocal: row.is_local }).toEqual({
        id: row.id,
        ...expected.get(row.id),
      });
  });
});
