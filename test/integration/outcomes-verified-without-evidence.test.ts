// Verification without evidence (issue 20): outcome types state the evidence they need; verifying
// one without it takes a reason, is recorded, and returns show the outcome as verified without
// evidence (a warning and a flag on its claim line, frozen when the return is submitted). The
// migration flags outcomes already verified without the evidence their type now needs.
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestBackend, tempDir, type TestBackend } from '../support/backend';
import { participantValues } from '../support/builders';
import { aPerson, setIdOf } from '../support/returns-builders';
import { openStore } from '../../db/store/connection';
import { migrateToLatest } from '../../db/store/migrator';
import { migrations } from '../../db/store/migrations/index';

const H1 = { from: '2025-04-01', to: '2025-09-30' };

let t: TestBackend;
let participantId: number;
let outcomeId: number;

beforeEach(async () => {
  t = await createTestBackend({ role: 'officer' });
  participantId = await aPerson(t.backend.store.db, { start_date: '2025-04-01' });
  outcomeId = (
    await t.ok('outcomes.record', {
      participantId,
      outcomeType: 'job_start',
      outcomeDate: '2025-05-01',
      hoursPerWeek: 20,
    })
  ).id;
});
afterEach(() => t.close());

const flag = async (id: number) =>
  (
    await t.backend.store.db
      .selectFrom('outcomes')
      .select('verified_without_evidence')
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
  ).verified_without_evidence;

describe('verifying an outcome without the evidence its type needs', () => {
  it('needs a reason naming the evidence missing, and is recorded and audited as such', async () => {
    const refused = await t.call('outcomes.verify', { id: outcomeId, status: 'verified' });
    expect(!refused.ok && refused.error.fields?.[0]?.path).toEqual(['reason']);
    expect(!refused.ok && refused.error.fields?.[0]?.message).toMatch(
      /^This outcome has none of the evidence.*Payslip/,
    );
    expect(await flag(outcomeId)).toBe(0);

    await t.ok('outcomes.verify', { id: outcomeId, status: 'verified', reason: 'Employer confirmed by phone' });
    expect(await flag(outcomeId)).toBe(1);
    const detail = await t.ok('outcomes.get', { id: outcomeId });
    expect(detail.history.filter((h) => h.action === 'verify').map((h) => h.summary)).toEqual([
      'Verification Unverified → Verified without evidence: Employer confirmed by phone',
    ]);
  });

  it('needs no reason once the evidence is there, and is then not flagged', async () => {
    await t.ok('evidence.add', { outcomeId, kind: 'payslip', receivedOn: '2025-06-01', seenBy: t.staffId });
    await t.ok('outcomes.verify', { id: outcomeId, status: 'verified' });
    expect(await flag(outcomeId)).toBe(0);
  });

  it('evidence of a kind the type does not need does not count', async () => {
    await t.ok('evidence.add', { outcomeId, kind: 'certificate', receivedOn: '2025-06-01', seenBy: t.staffId });
    expect((await t.call('outcomes.verify', { id: outcomeId, status: 'verified' })).ok).toBe(false);
  });

  it('shows in a return as a warning and on the claim line, and stays on the submitted line', async () => {
    await t.ok('outcomes.verify', { id: outcomeId, status: 'verified', reason: 'Employer confirmed by phone' });
    // UKSPF's set counts what its funding streams pay for (0171): the person is on a UKSPF stream.
    const db = t.backend.store.db;
    const funder = await db.selectFrom('funders').select('id').where('code', '=', 'UKSPF').executeTakeFirstOrThrow();
    const stream = await db
      .insertInto('funding_streams')
      .values({ code: 'UKSPF-T', name: 'UKSPF People & Skills', funder: 'UKSPF', funder_id: funder.id })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .updateTable('participants')
      .set({ funding_stream_id: stream.id })
      .where('id', '=', participantId)
      .execute();
    const setId = await setIdOf(db, 'UKSPF-PS');
    const { lines } = await t.ok('returns.lines', { setId, ...H1, indicatorCode: 'UKSPF-R1' });
    expect(lines.map((l) => [l.itemId, l.verifiedWithoutEvidence])).toEqual([[outcomeId, 1]]);
    const computed = await t.ok('returns.compute', { setId, ...H1 });
    expect(computed.warningCounts?.['verified_without_evidence']).toBeGreaterThan(0);
    expect(computed.warnings.find((w) => w.kind === 'verified_without_evidence')?.message).toMatch(
      /was verified without the evidence its type needs/,
    );

    const submitted = await t.ok('returns.submit', { setId, ...H1, note: null });
    const frozen = await t.backend.store.db
      .selectFrom('return_lines')
      .select(['item_kind', 'verified_without_evidence'])
      .where('return_id', '=', submitted.returnId)
      .where('item_kind', '=', 'outcome')
      .execute();
    expect(frozen.length).toBeGreaterThan(0);
    expect(frozen.every((l) => l.verified_without_evidence === 1)).toBe(true);
  });
});

describe('migration 0162', () => {
  it('seeds the evidence each shipped type needs and flags outcomes already verified without it', async () => {
    const file = path.join(tempDir(), 'old.sqlite');
    const old = await openStore({ file, migrate: false });
    await migrateToLatest(old.db, Object.fromEntries(Object.entries(migrations).filter(([name]) => name < '0162')));
    const p = await old.db
      .insertInto('participants')
      .values(participantValues({ reference: 'SW-000902' }))
      .returning('id')
      .executeTakeFirstOrThrow();
    const outcome = (type: string, date: string) => ({
      participant_id: p.id,
      outcome_type: type,
      outcome_date: date,
      verification_status: 'verified' as const,
      created_at: '2025-06-01T09:00:00Z',
      updated_at: '2025-06-01T09:00:00Z',
    });
    const bare = await old.db
      .insertInto('outcomes')
      .values(outcome('job_start', '2025-05-01'))
      .returning('id')
      .executeTakeFirstOrThrow();
    const proven = await old.db
      .insertInto('outcomes')
      .values(outcome('job_start', '2025-06-01'))
      .returning('id')
      .executeTakeFirstOrThrow();
    await old.db
      .insertInto('evidence_items')
      .values({ participant_id: p.id, outcome_id: proven.id, kind: 'payslip', created_at: '2025-06-01T09:00:00Z' })
      .execute();
    await old.close();

    const store = await openStore({ file });
    const needs = await store.db
      .selectFrom('outcome_type_evidence')
      .selectAll()
      .where('outcome_type', '=', 'job_start')
      .execute();
    expect(needs.map((n) => n.evidence_kind).sort()).toContain('payslip');
    const flags = await store.db
      .selectFrom('outcomes')
      .select(['id', 'verified_without_evidence'])
      .orderBy('id')
      .execute();
    expect(flags).toEqual([
      { id: bare.id, verified_without_evidence: 1 },
      { id: proven.id, verified_without_evidence: 0 },
    ]);
    await store.close();
  });
});
