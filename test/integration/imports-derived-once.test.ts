// An import's new people are written once, with where they live and their eligibility worked out
// before the insert (import-commit.ts: geographyOfNew, eligibilityOfNew), not inserted "pending"
// and then updated for their area codes and again for their status. What is stored must be what
// the set-based path (writeParticipantGeography, refreshEveryone) and the one-person path
// (eligibilityOf) give for the same people, over a varied file: local and other authorities,
// terminated, unknown, missing and malformed postcodes, the young, the old and the undated, and
// one person already held whose postcode the file changes.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestBackend, type TestBackend } from '../support/backend';
import { loadSyntheticGeography } from '../support/geography';
import { commit, openFile, preview } from './imports-support';
import { isPostgresRun } from '../support/test-store';
import {
  eligibilityOf,
  loadEligibilitySettings,
  refreshEveryone,
} from '../../db/features/participants/eligibility.service';
import { resolveParticipants } from '../../db/features/geography/resolution';
import { setLogSink } from '../../db/backend/log';

setLogSink(() => {});

let t: TestBackend;
beforeEach(async () => {
  t = await createTestBackend();
});
afterEach(() => t.close());

const derivedColumns = [
  'id',
  'eligibility_status',
  'is_local',
  'geo_status',
  'geo_la_code',
  'geo_ward_code',
  'geo_lsoa_code',
  'geo_imd_decile',
  'geo_terminated',
  'geo_version_id',
  'geo_deprivation_version_id',
] as const;

/** Postcodes of every kind the directory gives (test/fixtures/geography): the local authority
 * (E07000243) and four others, terminated ones, unknown ones, lower case and unspaced (normalised
 * on import), missing and not a postcode at all. */
const postcodes = [
  'SG1 1CC',
  'SG1 5KK',
  'sg25kc',
  'SG1 9MM',
  'SG2 9MK',
  'SG3 5CM',
  'LU2 4MM',
  'AL1 9CM',
  'SG1 1KM',
  'SG2 8MK',
  'SG4 4MC',
  'SG1 9VV',
  'SG2 9VV',
  '',
  'NOT KNOWN',
];
/** Ages either side of the rules' limits, and no date of birth. */
const births = ['14/02/1998', '01/09/2011', '03/03/1950', '', '30/06/1962', '11/11/2008'];
const referrals = ['10/01/2026', '', '01/04/2025', '20/11/2026'];

function csv(): string {
  const lines = ['NI Number,First name,Surname,Date of birth,Postcode,Referral date'];
  let n = 0;
  for (const postcode of postcodes)
    for (const birth of births) {
      const referral = referrals[n % referrals.length]!;
      lines.push(`,Person${n},Varied${String.fromCharCode(65 + (n % 26))}${n},${birth},${postcode},${referral}`);
      n++;
    }
  // The person already held (matched by NI number), moving to a local postcode.
  lines.push('AB123456C,Held,Person,05/05/1985,SG1 1CC,10/01/2026');
  return lines.join('\r\n') + '\r\n';
}

async function stored(ids: number[]) {
  return t.backend.store.db
    .selectFrom('participants')
    .select(derivedColumns)
    .where('id', 'in', ids)
    .orderBy('id')
    .execute();
}

describe("an import's new people, written once with their area and eligibility", () => {
  it('stores what the set-based and one-person paths give, for a varied file, and updates no new person', async () => {
    const db = t.backend.store.db;
    await loadSyntheticGeography(t);
    const held = await t.ok('participants.create', {
      record: {
        firstName: 'Held',
        lastName: 'Person',
        dateOfBirth: '05/05/1985',
        niStatus: 'known',
        niNumber: 'AB123456C',
        postcode: 'LU2 4MM',
        startDate: '10/01/2026',
      },
    });

    // Every update of a participant's row during the import, by id (SQLite: a trigger of this
    // connection only). The old commit updated each new person twice after inserting them.
    if (!isPostgresRun) {
      await sql`create temp table participant_updates (id integer)`.execute(db);
      await sql`create temp trigger count_participant_updates after update on participants
        begin insert into participant_updates (id) values (new.id); end`.execute(db);
    }

    const upload = await openFile(t, 'varied.csv', new TextEncoder().encode(csv()));
    const { previewId, counts } = await preview(t, upload, {
      name: 'Varied',
      partner: 'JCP',
      kind: 'participants',
      columns: {
        ni_number: 'NI Number',
        first_name: 'First name',
        last_name: 'Surname',
        date_of_birth: 'Date of birth',
        postcode: 'Postcode',
        referral_date: 'Referral date',
      },
      dateConvention: 'dmy',
    });
    // Some rows are flagged for review (a name and birth date like another row's): the rest are new.
    expect(counts.new).toBeGreaterThan(70);
    const result = await commit(t, previewId);
    expect(result).toMatchObject({ created: counts.new, updated: 1 });

    const created = (
      await db
        .selectFrom('import_batch_rows')
        .select('entity_id')
        .where('batch_id', '=', result.batchId)
        .where('entity', '=', 'participant')
        .where('action', '=', 'created')
        .execute()
    ).map((r) => r.entity_id);
    expect(created).toHaveLength(counts.new);
    const ids = [...created, held.id];
    const asImported = await stored(ids);

    if (!isPostgresRun) {
      const updates = await sql<{ id: number }>`select id from participant_updates`.execute(db);
      await sql`drop trigger temp.count_participant_updates`.execute(db);
      const createdSet = new Set(created);
      expect(updates.rows.filter((u) => createdSet.has(u.id))).toEqual([]);
      // The person already held is still updated (their fields, then their area).
      expect(updates.rows.some((u) => u.id === held.id)).toBe(true);
    }

    // Varied enough that a constant or shifted result would show.
    const kinds = new Set(asImported.map((r) => `${r.eligibility_status}|${r.is_local}|${r.geo_status}`));
    expect(kinds.size).toBeGreaterThanOrEqual(6);
    expect(new Set(asImported.map((r) => r.geo_status))).toEqual(
      new Set(['resolved', 'terminated', 'not_found', 'no_postcode']),
    );
    expect(asImported.some((r) => r.geo_imd_decile !== null)).toBe(true);
    expect(asImported.find((r) => r.id === held.id)).toMatchObject({ geo_la_code: 'E07000243', is_local: 1 });

    // The set-based path over the same people changes nothing.
    const batch = await db
      .selectFrom('import_batches')
      .select('at')
      .where('id', '=', result.batchId)
      .executeTakeFirstOrThrow();
    const today = batch.at.slice(0, 10);
    const settings = await loadEligibilitySettings(db);
    const changed = await db.transaction().execute(async (tx) => {
      await resolveParticipants(tx, ids, settings.geo);
      return refreshEveryone(tx, today, settings, ids);
    });
    expect(changed).toBe(0);
    expect(await stored(ids)).toEqual(asImported);

    // And each person alone gives the same status and "local".
    for (const row of asImported) {
      const alone = await eligibilityOf(db, row.id, today, settings);
      expect({ id: row.id, status: alone.status, isLocal: alone.isLocal ? 1 : 0 }).toEqual({
        id: row.id,
        status: row.eligibility_status,
        isLocal: row.is_local,
      });
    }
  });
});
