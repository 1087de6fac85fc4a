// Re-evaluating the people an import wrote: an import of 50,000 new people passes every new id at
// once, more than one SQL statement may bind (SQLite 32,766 values, PostgreSQL 65,535); the
// commit failed with "too many SQL variables" before the ids were read in pieces.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestBackend, type TestBackend } from '../support/backend';
import { aParticipant } from '../support/builders';
import { storedEligibility } from '../../db/features/participants/eligibility.repository';
import { setLogSink } from '../../db/backend/log';

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
