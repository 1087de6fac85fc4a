// Migrations 0200 (events and activities) and 0201 (kinds of contract measure as reference data)
// on a store from before them, with rows in it: the
// participants, organisations and contracts already there are untouched; the kinds of event are
// seeded as the reference list 'event_kind' beside the lists already stored; and the new tables
// take an event with a partner, headcounts and a named attendee; the kinds of measure are seeded
// as the list 'measure_kind' and a contract's existing commitments keep their codes.
import { expect, it } from 'vitest';
import { migrateToLatest } from '../../db/store/migrator';
import { sqliteOnly } from '../support/test-store';
import { sqliteStoreBefore } from '../support/migration-store';

sqliteOnly('builds the store from before 0200 in a SQLite file of its own')('migration 0200 with rows', () => {
  it('keeps what was there, seeds the kinds of event and takes events', async () => {
    const db = await sqliteStoreBefore('0200');
    const at = '2026-01-10T09:00:00.000Z';
    await db
      .insertInto('participants')
      .values({
        reference: 'SW-000001',
        first_name: 'A',
        last_name: 'B',
        date_of_birth: '1990-01-01',
        created_at: at,
        updated_at: at,
      })
      .execute();
    await db
      .insertInto('organisations')
      .values({ name: 'Wates', kind: 'contractor', created_at: at, updated_at: at })
      .execute();
    await db
      .insertInto('social_value_contracts')
      .values({ name: 'Queensway', reference: 'S106-QW', kind: 's106', created_at: at, updated_at: at })
      .execute();
    await db.insertInto('contract_commitments').values({ contract_id: 1, kind: 'site_visits', target: 4 }).execute();
    await db
      .insertInto('reference_items')
      .values({ list: 'barrier', code: 'esol', label: 'English is not my first language', sort_order: 0 })
      .execute();

    const { applied } = await migrateToLatest(db);
    expect(applied).toEqual(expect.arrayContaining(['0200-events', '0201-measure-kinds']));
    expect(await db.selectFrom('contract_commitments').select(['kind', 'target']).execute()).toEqual([
      { kind: 'site_visits', target: 4 },
    ]);
    expect(await db.selectFrom('participants').select(['reference', 'first_name']).execute()).toEqual([
      { reference: 'SW-000001', first_name: 'A' },
    ]);
    expect(await db.selectFrom('social_value_contracts').select(['name', 'kind']).execute()).toEqual([
      { name: 'Queensway', kind: 's106' },
    ]);
    const kinds = await db
      .selectFrom('reference_items')
      .select(['list', 'code', 'label'])
      .where('list', 'in', ['barrier', 'event_kind'])
      .orderBy('list')
      .orderBy('sort_order')
      .execute();
    expect(kinds.map((k) => `${k.list}:${k.code}`)).toEqual([
      'barrier:esol',
      'event_kind:careers_fair',
      'event_kind:school_stem_session',
      'event_kind:site_visit',
      'event_kind:employer_workshop',
      'event_kind:other',
    ]);

    const measures = await db
      .selectFrom('reference_items')
      .select(['code', 'label'])
      .where('list', '=', 'measure_kind')
      .orderBy('sort_order')
      .execute();
    expect(measures.length).toBe(10);
    expect(measures[5]).toEqual({ code: 'site_visits', label: 'Site visits' });

    await db
      .insertInto('events')
      .values({
        kind: 'site_visit',
        title: 'Queensway site visit',
        held_on: '2026-02-03',
        organiser_org_id: 1,
        contract_id: 1,
        created_at: at,
        updated_at: at,
      })
      .execute();
    await db.insertInto('event_partners').values({ event_id: 1, organisation_id: 1 }).execute();
    await db
      .insertInto('event_headcounts')
      .values([
        { event_id: 1, age_group: 'age_11_15', school: 'Barclay Academy', headcount: 24 },
        { event_id: 1, age_group: 'age_19_24', school: '', headcount: 6 },
      ])
      .execute();
    await db.insertInto('event_attendees').values({ event_id: 1, participant_id: 1, created_at: at }).execute();
    expect(
      await db.selectFrom('event_headcounts').select(['age_group', 'school', 'headcount']).orderBy('id').execute(),
    ).toEqual([
      { age_group: 'age_11_15', school: 'Barclay Academy', headcount: 24 },
      { age_group: 'age_19_24', school: '', headcount: 6 },
    ]);
    // An age group outside the list, or a negative count, is refused by the store itself.
    await expect(
      db.insertInto('event_headcounts').values({ event_id: 1, age_group: 'adults', headcount: 1 }).execute(),
    ).rejects.toThrow();
    await expect(
      db.insertInto('event_headcounts').values({ event_id: 1, age_group: 'age_16_18', headcount: -1 }).execute(),
    ).rejects.toThrow();
    await db.destroy();
  });
});
