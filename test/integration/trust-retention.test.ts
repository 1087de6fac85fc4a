// Retention: the worklist, anonymisation in one transaction that leaves published totals
// unchanged, and erased values gone from the file (secure_delete), the audit log included
// (crypto-shredding: the person's audit key is deleted).
import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestBackend, type TestBackend } from '../support/backend';
import { aParticipant } from '../support/builders';
import { appendAudit } from '../../db/features/audit/audit.repository';
import { verifyAuditChain } from '../../db/features/trust/audit-verify';
import { isPostgresRun } from '../support/test-store';

let t: TestBackend;
beforeEach(async () => {
  t = await createTestBackend(); // plaintext, so a grep of the file can see what remains
});
afterEach(() => t.close());

const NAME = 'Peregrinella';
const NI = 'QQ987654C';

async function setUp() {
  const db = t.backend.store.db;
  const stream = await db
    .insertInto('funding_streams')
    .values({ code: 'ESF-OLD', name: 'ESF 2014-2020', funder: 'DWP', retain_until: '2026-06-30' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const current = await db
    .insertInto('funding_streams')
    .values({ code: 'UKSPF', name: 'UKSPF', funder: 'SBC', retain_until: '2034-12-31' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const due = await aParticipant(db, {
    first_name: NAME,
    last_name: 'Quixotewood',
    ni_number: NI,
    date_of_birth: '1990-05-01',
    start_date: '2019-03-01',
    leave_date: '2020-01-31',
    status: 'left',
    funding_stream_id: stream.id,
    postcode: 'SG1 4AB',
    postcode_district: 'SG1',
    email: 'peregrinella@example.org',
  });
  const stillActive = await aParticipant(db, { funding_stream_id: stream.id });
  const otherStream = await aParticipant(db, {
    funding_stream_id: current.id,
    status: 'left',
    leave_date: '2020-01-01',
  });
  await db
    .insertInto('participant_notes')
    .values({ participant_id: due, body: `${NAME} told us about her housing`, created_at: '2019-04-01' })
    .execute();
  await db
    .insertInto('outcome_types')
    .values({ code: 'T_JOB', label: 'Test job', category: 'job' })
    .onConflict((oc) => oc.doNothing())
    .execute();
  for (const [pid, date] of [
    [due, '2019-09-01'],
    [stillActive, '2019-10-01'],
    [otherStream, '2019-11-01'],
  ] as const) {
    await db
      .insertInto('outcomes')
      .values({
        participant_id: pid,
        outcome_type: 'T_JOB',
        outcome_date: date,
        notes: pid === due ? `${NAME} note` : 'someone else',
        created_at: '2019-12-01',
        updated_at: '2019-12-01',
      })
      .execute();
  }
  await db.transaction().execute((tx) =>
    appendAudit(tx, '2019-04-01T10:00:00.000Z', t.staffId, {
      action: 'update',
      entity: 'participant',
      entityId: due,
      participantId: due,
      summary: `${NAME} Quixotewood address changed`,
      before: { ni_number: NI },
      after: { email: 'peregrinella@example.org' },
    }),
  );
  return { stream: stream.id, due, stillActive, otherStream };
}

/** A headline figure as a return would count it: job outcomes by start year and age band. */
async function headline() {
  const r = await sql<{
    n: number;
    district: string | null;
  }>`select o.id as n, p.postcode_district as district from outcomes o join participants p on p.id = o.participant_id
    where o.outcome_type = 'T_JOB' and o.outcome_date between '2019-01-01' and '2019-12-31' and p.status != 'merged'`.execute(
    t.backend.store.db,
  );
  // Counted here rather than with group_concat, which PostgreSQL does not have.
  const districts = [...new Set(r.rows.map((x) => x.district).filter((d) => d !== null))];
  return { n: r.rows.length, districts: districts.join(',') };
}

describe('retention', () => {
  it('lists only people who have left and whose stream is past its date', async () => {
    const { due, stream } = await setUp();
    const list = await t.ok('retention.worklist', {});
    expect(list.rows.map((r) => r.id)).toEqual([due]);
    const streams = await t.ok('retention.streams', {});
    expect(streams.find((s) => s.id === stream)?.pastRetention).toBe(1);
  });

  it('anonymises in one transaction, keeps totals, and leaves no trace of the erased values in the file', async () => {
    const { due, stillActive } = await setUp();
    const before = await headline();
    const refused = await t.call('retention.anonymise', { ids: [due, stillActive], confirm: true });
    expect(refused.ok ? '' : refused.error.kind).toBe('conflict');
    expect(
      await t.backend.store.db
        .selectFrom('participants')
        .select('status')
        .where('id', '=', due)
        .executeTakeFirstOrThrow(),
    ).toEqual({ status: 'left' });

    const done = await t.ok('retention.anonymise', { ids: [due], confirm: true });
    expect(done.anonymised).toBe(1);
    // A team database's backups are the server's: the app takes none of its own there.
    if (!isPostgresRun) expect(done.backup).toMatch(/pre-anonymise/);
    // The count is unchanged; the district goes with the exact postcode (a group under 5).
    expect((await headline())!.n).toEqual(before!.n);
    const row = await sql<Record<string, unknown>>`select * from participants where id = ${due}`.execute(
      t.backend.store.db,
    );
    expect(row.rows[0]).toMatchObject({
      status: 'anonymised',
      first_name: 'Anonymised',
      ni_number: null,
      date_of_birth: null,
      email: null,
      postcode: null,
      // Alone among anonymised people with their district, age band and equality answers (fewer than 5).
      postcode_district: null,
      age_band_at_start: '25-34',
      reference: expect.stringMatching(/^ANON-/),
    });
    // The person's audit entries remain (the chain verifies) but read as erased.
    expect((await verifyAuditChain(t.backend.store.db)).ok).toBe(true);
    const audit = await t.ok('audit.page', { auditFilter: { entity: 'participant' } });
    expect(audit.rows.find((r) => r.action === 'update')?.summary).toMatch(/erased/);

    // Checked twice: after the checkpoint alone (secure_delete already overwrote the values in
    // place) and again after a VACUUM. A SQLite file's: a team database's storage is its server's.
    for (const phase of isPostgresRun ? [] : ['checkpoint', 'vacuum']) {
      if (phase === 'vacuum') t.backend.store.sqlite.exec('vacuum');
      t.backend.store.sqlite.pragma('wal_checkpoint(TRUNCATE)');
      for (const f of [t.file, `${t.file}-wal`]) {
        if (!fs.existsSync(f)) continue;
        const bytes = fs.readFileSync(f);
        for (const needle of [NAME, NI, 'peregrinella@example.org', 'Quixotewood']) {
          expect(bytes.includes(Buffer.from(needle, 'utf8')), `${needle} in ${f} after ${phase}`).toBe(false);
          expect(bytes.includes(Buffer.from(needle, 'utf16le')), `${needle} (UTF-16) in ${f} after ${phase}`).toBe(
            false,
          );
        }
      }
    }
  });

  it('an administrator sets a stream retention date; the change is audited', async () => {
    const { stream } = await setUp();
    await t.ok('retention.setRetainUntil', { id: stream, retainUntil: '2030-01-01' });
    expect((await t.ok('retention.worklist', {})).total).toBe(0);
    const bad = await t.call('retention.setRetainUntil', { id: stream, retainUntil: '2030-02-30' });
    expect(bad.ok).toBe(false);
    const audit = await t.ok('audit.page', { auditFilter: { entity: 'funding_stream' } });
    expect(audit.rows[0]!.after).toBe('{"retain_until":"2030-01-01"}');
  });
});
