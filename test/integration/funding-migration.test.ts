// Migrations 0170 and 0171 on a store from before them (0162) with rows in it: each person's
// funding stream becomes a spell from their start to their leaving (none for a merged record or a
// person with no stream); streams are linked to the funder whose code or name they carry; items
// are then attributed to the person's stream on their date; UKSPF and the Towns Fund set get a
// version 2 while the submitted return keeps version 1 and its lines; the starter sets arrive;
// every shipped definition says "inferred"; no participant, enrolment, placement, outcome, return
// or claim line is lost, and version 1 counts as it did (every funder's items) while version 2
// counts only UKSPF's. (A file built by the old migrations: the store is SQLite on either run.)
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Kysely } from 'kysely';
import SqliteDatabase from 'better-sqlite3-multiple-ciphers';
import { WorksbookSqliteDialect as SqliteDialect } from '../../db/store/sqlite/dialect';
import { migrateToLatest } from '../../db/store/migrator';
import { migrations } from '../../db/store/migrations/index';
import type { MigrationDb } from '../../db/store/migrations/migration-db';
import { createTestBackend, tempDir } from '../support/backend';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

const before0170 = Object.fromEntries(Object.entries(migrations).filter(([name]) => name < '0170'));
const AT = '2025-01-01T09:00:00.000Z';
const counted = ['participants', 'enrolments', 'placements', 'outcomes', 'returns', 'return_lines'] as const;

async function countsOf(db: MigrationDb): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of counted) {
    const row = (await db
      .selectFrom(t)
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow()) as { n: number | string };
    out[t] = Number(row.n);
  }
  return out;
}

async function oldStore() {
  const dir = tempDir();
  dirs.push(dir);
  const file = path.join(dir, 'worksbook.sqlite');
  const sqlite = new SqliteDatabase(file);
  const db: MigrationDb = new Kysely({ dialect: new SqliteDialect({ database: sqlite }) });
  await migrateToLatest(db, before0170);

  const stream = async (code: string, name: string, funder: string) =>
    (
      (await db
        .insertInto('funding_streams')
        .values({ code, name, funder, is_active: 1 })
        .returning('id')
        .executeTakeFirstOrThrow()) as { id: number }
    ).id;
  const ukspf = await stream('UKSPF', 'UKSPF People and Skills', 'UKSPF');
  const towns = await stream('TF-HUB', 'Town Deal skills hub', 'Towns Fund');
  const council = await stream('SBC-CORE', 'Council core', 'Stevenage Borough Council');
  const lottery = await stream('LOTTERY', 'Lottery grant', 'National Lottery');

  const person = async (n: number, values: Record<string, unknown>) =>
    (
      (await db
        .insertInto('participants')
        .values({
          reference: `SW-00000${n}`,
          first_name: 'Person',
          last_name: `Number ${n}`,
          date_of_birth: '1990-05-01',
          eligibility_status: 'eligible',
          labour_market_status: 'unemployed',
          created_at: AT,
          updated_at: AT,
          ...values,
        })
        .returning('id')
        .executeTakeFirstOrThrow()) as { id: number }
    ).id;
  const p1 = await person(1, { funding_stream_id: ukspf, start_date: '2025-05-01', leave_date: '2025-12-31' });
  const p2 = await person(2, { funding_stream_id: towns, start_date: '2025-06-01' });
  const p3 = await person(3, { start_date: '2025-07-01' });
  const p4 = await person(4, { funding_stream_id: ukspf, start_date: '2025-05-01', status: 'merged' });
  const p5 = await person(5, { funding_stream_id: council, start_date: '2025-08-01', leave_date: '2025-02-01' });
  const p6 = await person(6, { funding_stream_id: lottery, referral_date: '2024-03-03' });

  const type = (await db.selectFrom('course_types').select('id').executeTakeFirstOrThrow()) as { id: number };
  const run = (await db
    .insertInto('course_runs')
    .values({
      course_type_id: type.id,
      start_date: '2025-06-10',
      end_date: '2025-06-12',
      capacity: 10,
      funding_stream_id: ukspf,
      status: 'completed',
      created_at: AT,
      updated_at: AT,
    })
    .returning('id')
    .executeTakeFirstOrThrow()) as { id: number };
  for (const p of [p1, p2])
    await db
      .insertInto('enrolments')
      .values({
        course_run_id: run.id,
        participant_id: p,
        status: 'completed',
        enrolled_on: '2025-06-01',
        created_at: AT,
      })
      .execute();
  const employer = (await db
    .insertInto('organisations')
    .values({ name: 'Builders Ltd', kind: 'employer', is_active: 1, created_at: AT, updated_at: AT })
    .returning('id')
    .executeTakeFirstOrThrow()) as { id: number };
  await db
    .insertInto('placements')
    .values({
      participant_id: p2,
      kind: 'work_experience',
      employer_org_id: employer.id,
      starts_on: '2025-07-01',
      status: 'completed',
      created_at: AT,
      updated_at: AT,
    })
    .execute();
  const outcome = async (participant: number, date: string) =>
    (
      (await db
        .insertInto('outcomes')
        .values({
          participant_id: participant,
          outcome_type: 'job_start',
          outcome_date: date,
          employer_org_id: employer.id,
          verification_status: 'verified',
          verified_at: AT,
          created_at: AT,
          updated_at: AT,
        })
        .returning('id')
        .executeTakeFirstOrThrow()) as { id: number }
    ).id;
  for (const [p, d] of [
    [p1, '2025-09-01'],
    [p2, '2025-10-01'],
    [p3, '2025-11-01'],
    [p5, '2025-09-15'],
  ] as const)
    await outcome(p, d);
  const earlier = await outcome(p6, '2024-06-01');

  // A return submitted under UKSPF version 1, with its claim line.
  const set = (await db
    .selectFrom('indicator_sets as s')
    .innerJoin('indicator_set_versions as v', 'v.set_id', 's.id')
    .select(['s.id as setId', 'v.id as versionId'])
    .where('s.code', '=', 'UKSPF-PS')
    .executeTakeFirstOrThrow()) as { setId: number; versionId: number };
  const ret = (await db
    .insertInto('returns')
    .values({
      set_id: set.setId,
      set_version_id: set.versionId,
      period_from: '2024-04-01',
      period_to: '2025-03-31',
      period_label: 'Financial year 2024-25',
      status: 'submitted',
      totals_json: JSON.stringify({ 'UKSPF-R1': 1 }),
      submitted_at: AT,
    })
    .returning('id')
    .executeTakeFirstOrThrow()) as { id: number };
  await db
    .insertInto('return_lines')
    .values({
      return_id: ret.id,
      set_id: set.setId,
      indicator_code: 'UKSPF-R1',
      person_id: null,
      participant_id: p6,
      item_kind: 'outcome',
      item_id: earlier,
      item_date: '2024-06-01',
      verification_status: 'verified',
    })
    .execute();
  return { file, db, sqlite, ids: { ukspf, towns, council, lottery, p1, p2, p3, p4, p5, p6 }, set, returnId: ret.id };
}

describe('migrations 0170 and 0171 from a 0162 store with rows', () => {
  it('infers spells and stream funders, versions the sets, keeps every row', async () => {
    const { db, sqlite, ids, set, returnId } = await oldStore();
    const before = await countsOf(db);
    const headlineBefore = (
      (await db
        .selectFrom('indicator_sets as s')
        .innerJoin('indicator_set_versions as v', 'v.set_id', 's.id')
        .select('v.version')
        .where('s.code', '=', 'SW-HEADLINE')
        .orderBy('v.version')
        .execute()) as Array<{ version: number }>
    ).map((v) => v.version);
    await migrateToLatest(db);
    expect(await countsOf(db)).toEqual(before);

    const funders = new Map(
      ((await db.selectFrom('funders').select(['id', 'code']).execute()) as Array<{ id: number; code: string }>).map(
        (f) => [f.id, f.code],
      ),
    );
    const streams = (await db
      .selectFrom('funding_streams')
      .select(['code', 'funder_id'])
      .orderBy('id')
      .execute()) as Array<{ code: string; funder_id: number | null }>;
    expect(streams.map((s) => [s.code, s.funder_id === null ? null : funders.get(s.funder_id)])).toEqual([
      ['UKSPF', 'UKSPF'],
      ['TF-HUB', 'TOWNS-FUND'],
      ['SBC-CORE', 'SBC'],
      ['LOTTERY', null],
    ]);

    const spells = await db
      .selectFrom('funding_spells')
      .select(['participant_id', 'funding_stream_id', 'starts_on', 'ends_on'])
      .orderBy('participant_id')
      .execute();
    expect(spells).toEqual([
      { participant_id: ids.p1, funding_stream_id: ids.ukspf, starts_on: '2025-05-01', ends_on: '2025-12-31' },
      { participant_id: ids.p2, funding_stream_id: ids.towns, starts_on: '2025-06-01', ends_on: null },
      // A leaving date before the start is not an end.
      { participant_id: ids.p5, funding_stream_id: ids.council, starts_on: '2025-08-01', ends_on: null },
      // No start: from the referral.
      { participant_id: ids.p6, funding_stream_id: ids.lottery, starts_on: '2024-03-03', ends_on: null },
    ]);

    const versions = (await db
      .selectFrom('indicator_sets as s')
      .leftJoin('indicator_set_versions as v', 'v.set_id', 's.id')
      .select(['s.code', 'v.version', 's.agreement_id'])
      .orderBy('s.code')
      .orderBy('v.version')
      .execute()) as Array<{ code: string; version: number; agreement_id: number | null }>;
    const byCode = (code: string) => versions.filter((v) => v.code === code).map((v) => v.version);
    expect(byCode('UKSPF-PS')).toEqual([1, 2]);
    expect(byCode('TOWNS-FUND-LEARNERS')).toEqual([1, 2]);
    // The programme's own headline set gets no new version (it counts every funder's items).
    expect(byCode('SW-HEADLINE')).toEqual(headlineBefore);
    expect(byCode('SBC-LOCAL-LABOUR')).toEqual([1]);
    expect(byCode('CTW-SUPPORTED')).toEqual([1]);
    expect(versions.every((v) => v.agreement_id !== null)).toBe(true);
    const statuses = (await db.selectFrom('indicators').select('definition_status').distinct().execute()) as Array<{
      definition_status: string;
    }>;
    expect(statuses).toEqual([{ definition_status: 'inferred' }]);

    // The submitted return keeps version 1 and its line, which has no stream recorded.
    expect(
      await db.selectFrom('returns').select(['set_version_id']).where('id', '=', returnId).executeTakeFirstOrThrow(),
    ).toEqual({ set_version_id: set.versionId });
    expect(await db.selectFrom('return_lines').select(['funding_stream_id', 'funding_project_id']).execute()).toEqual([
      { funding_stream_id: null, funding_project_id: null },
    ]);
    await db.destroy();
    sqlite.close();
  });

  it('attributes items by the inferred spells; version 1 counts as before, version 2 only UKSPF', async () => {
    const { file, db, sqlite, ids, set, returnId } = await oldStore();
    await db.destroy();
    sqlite.close();
    const t = await createTestBackend({ file });
    try {
      const p1 = await t.ok('funding.person', { participantId: ids.p1 });
      expect(p1.spells.map((s) => [s.stream, s.funder])).toEqual([
        ['UKSPF People and Skills', 'UK Shared Prosperity Fund'],
      ]);
      expect(p1.items.map((i) => [i.kind, i.stream, i.changed])).toEqual(
        expect.arrayContaining([
          ['outcome', 'UKSPF People and Skills', false],
          ['enrolment', 'UKSPF People and Skills', false],
        ]),
      );
      const p3 = await t.ok('funding.person', { participantId: ids.p3 });
      expect(p3.items.map((i) => i.stream)).toEqual([null]);

      const year = { setId: set.setId, from: '2025-04-01', to: '2026-03-31', warnings: false };
      const v1 = await t.ok('returns.compute', { ...year, versionId: set.versionId });
      // Version 1 has no funding scope: every eligible person's verified job start counts.
      expect(v1.indicators.find((i) => i.code === 'UKSPF-R1')!.count).toBe(4);
      const v2 = await t.ok('returns.compute', year);
      expect(v2.version).toBe(2);
      // Version 2 counts only items attributed to a UKSPF stream.
      expect(v2.indicators.find((i) => i.code === 'UKSPF-R1')!.count).toBe(1);

      const detail = await t.ok('returns.detail', { returnId });
      expect(detail.summary.version).toBe(1);
      expect(detail.changes.find((c) => c.code === 'UKSPF-R1')).toMatchObject({ submitted: 1, now: 1 });
    } finally {
      await t.close();
    }
  });
});
