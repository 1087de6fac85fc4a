// Queries on events: the grid (search, column filters, sort, presets) with each event's total
// headcount and named attendance, one event with its partners, headcounts and people, and the
// rows themselves. Reads take the store or a transaction (`Db`); writes take the transaction (`Tx`).
import { sql, type Insertable, type Updateable } from 'kysely';
import type { GridQuery } from '../../../shared/contract/common';
import type { EventGridRow } from '../../../shared/contract/events.contract';
import type { Db, Tx } from '../../store/schema';
import type { EventAgeGroup, EventsTable } from '../../store/tables/events.tables';
import { applyGridFilters, applyGridPage, applyGridSort, gridColumns, textMatches } from '../grid/grid-query';

const headcountSum = sql<number>`(select coalesce(sum(h.headcount), 0) from event_headcounts h where h.event_id = e.id)`;
const attendeeCount = sql<number>`(select count(*) from event_attendees a where a.event_id = e.id)`;

export const eventGridColumns = gridColumns<EventGridRow>({
  title: { sql: 'e.title', filter: 'text' },
  kindLabel: { sql: 'k.label', filter: 'text' },
  heldOn: { sql: 'e.held_on', filter: 'date' },
  organiserName: { sql: 'o.name', filter: 'text' },
  venue: { sql: 'e.venue', filter: 'text' },
  school: { sql: 'e.school', filter: 'text' },
  contractName: { sql: 'c.name', filter: 'text' },
  headcount: { sql: headcountSum, filter: 'number' },
  attendees: { sql: attendeeCount, filter: 'number' },
});

/** The presets' periods, worked out from today by the caller. */
export interface EventPresetDays {
  today: string;
  monthStart: string;
  monthEnd: string;
}

function eventBase(db: Db, query: GridQuery, days: EventPresetDays) {
  let q = db
    .selectFrom('events as e')
    .leftJoin('reference_items as k', (j) => j.onRef('k.code', '=', 'e.kind').on('k.list', '=', 'event_kind'))
    .leftJoin('organisations as o', 'o.id', 'e.organiser_org_id')
    .leftJoin('social_value_contracts as c', 'c.id', 'e.contract_id');
  const s = query.search.trim();
  if (s)
    q = q.where(
      sql<boolean>`(${textMatches('e.title', s)} or ${textMatches('o.name', s)} or ${textMatches('e.venue', s)} or ${textMatches('e.school', s)})`,
    );
  switch (query.preset) {
    case 'this-month':
      q = q.where('e.held_on', '>=', days.monthStart).where('e.held_on', '<=', days.monthEnd);
      break;
    case 'upcoming':
      q = q.where('e.held_on', '>=', days.today);
      break;
    case 'past':
      q = q.where('e.held_on', '<', days.today);
      break;
    case 'linked-to-contract':
      q = q.where('e.contract_id', 'is not', null);
      break;
  }
  return applyGridFilters(q, eventGridColumns, query.filters);
}

function selectRow<Q extends ReturnType<typeof eventBase>>(q: Q) {
  return q.select([
    'e.id',
    'e.title',
    'e.kind',
    'k.label as kind_label',
    'e.held_on',
    'o.name as organiser_name',
    'e.venue',
    'e.school',
    'c.name as contract_name',
    headcountSum.as('n_headcount'),
    attendeeCount.as('n_attendees'),
  ]);
}

type Selected = Awaited<ReturnType<ReturnType<typeof selectRow>['execute']>>[number];

function toGridRow(r: Selected): EventGridRow {
  return {
    id: r.id,
    title: r.title,
    kind: r.kind,
    // A kind missing from the list (never expected: kinds are retired, not deleted) shows its code.
    kindLabel: r.kind_label ?? r.kind,
    heldOn: r.held_on,
    organiserName: r.organiser_name,
    venue: r.venue,
    school: r.school,
    contractName: r.contract_name,
    headcount: Number(r.n_headcount),
    attendees: Number(r.n_attendees),
  };
}

export async function pageEvents(
  db: Db,
  query: GridQuery,
  days: EventPresetDays,
): Promise<{ rows: EventGridRow[]; total: number }> {
  const base = eventBase(db, query, days);
  const total = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await applyGridPage(
    applyGridSort(selectRow(base), eventGridColumns, query.sort, (r) =>
      r.orderBy('e.held_on', 'desc').orderBy('e.id', 'desc'),
    ),
    query,
  ).execute();
  return { rows: rows.map(toGridRow), total: Number(total.n) };
}

export async function eventGridRow(db: Db, id: number): Promise<EventGridRow | undefined> {
  const days = { today: '', monthStart: '', monthEnd: '' };
  const base = eventBase(db, { offset: 0, limit: 1, search: '', sort: [], filters: {} }, days);
  const row = await selectRow(base).where('e.id', '=', id).executeTakeFirst();
  return row ? toGridRow(row) : undefined;
}

export async function eventRecord(db: Db, id: number) {
  return db.selectFrom('events').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function partnersOf(db: Db, eventId: number) {
  return db
    .selectFrom('event_partners as ep')
    .innerJoin('organisations as o', 'o.id', 'ep.organisation_id')
    .select(['o.id', 'o.name'])
    .where('ep.event_id', '=', eventId)
    .orderBy('o.name')
    .execute();
}

export async function headcountsOf(db: Db, eventId: number) {
  return db
    .selectFrom('event_headcounts')
    .select(['age_group', 'school', 'headcount'])
    .where('event_id', '=', eventId)
    .orderBy('school')
    .orderBy('id')
    .execute();
}

export async function attendeesOf(db: Db, eventId: number) {
  return db
    .selectFrom('event_attendees as a')
    .innerJoin('participants as p', 'p.id', 'a.participant_id')
    .select(['p.id', 'p.reference', 'p.first_name', 'p.last_name'])
    .where('a.event_id', '=', eventId)
    .orderBy('p.last_name')
    .orderBy('p.first_name')
    .execute();
}

export async function eventKinds(db: Db) {
  return db
    .selectFrom('reference_items')
    .select(['code', 'label', 'is_active'])
    .where('list', '=', 'event_kind')
    .orderBy('sort_order')
    .orderBy('id')
    .execute();
}

export async function insertEvent(tx: Tx, row: Insertable<EventsTable>): Promise<number> {
  const inserted = await tx.insertInto('events').values(row).returning('id').executeTakeFirstOrThrow();
  return inserted.id;
}

export async function updateEvent(tx: Tx, id: number, values: Updateable<EventsTable>): Promise<void> {
  await tx.updateTable('events').set(values).where('id', '=', id).execute();
}

export async function replacePartners(tx: Tx, eventId: number, organisationIds: readonly number[]): Promise<void> {
  await tx.deleteFrom('event_partners').where('event_id', '=', eventId).execute();
  if (organisationIds.length)
    await tx
      .insertInto('event_partners')
      .values(organisationIds.map((organisation_id) => ({ event_id: eventId, organisation_id })))
      .execute();
}

export async function replaceHeadcounts(
  tx: Tx,
  eventId: number,
  rows: ReadonlyArray<{ ageGroup: EventAgeGroup; school: string; headcount: number }>,
): Promise<void> {
  await tx.deleteFrom('event_headcounts').where('event_id', '=', eventId).execute();
  if (rows.length)
    await tx
      .insertInto('event_headcounts')
      .values(rows.map((r) => ({ event_id: eventId, age_group: r.ageGroup, school: r.school, headcount: r.headcount })))
      .execute();
}

export async function isAttending(db: Db, eventId: number, participantId: number): Promise<boolean> {
  const row = await db
    .selectFrom('event_attendees')
    .select('id')
    .where('event_id', '=', eventId)
    .where('participant_id', '=', participantId)
    .executeTakeFirst();
  return !!row;
}

export async function insertAttendee(
  tx: Tx,
  row: { eventId: number; participantId: number; at: string; by: number | null },
): Promise<void> {
  await tx
    .insertInto('event_attendees')
    .values({ event_id: row.eventId, participant_id: row.participantId, created_at: row.at, created_by: row.by })
    .execute();
}

export async function deleteAttendee(tx: Tx, eventId: number, participantId: number): Promise<number> {
  const r = await tx
    .deleteFrom('event_attendees')
    .where('event_id', '=', eventId)
    .where('participant_id', '=', participantId)
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}

/** Events held in a period with their total headcount, for the dashboard. */
export async function eventsInPeriod(db: Db, from: string, to: string) {
  return db
    .selectFrom('events as e')
    .leftJoin('reference_items as k', (j) => j.onRef('k.code', '=', 'e.kind').on('k.list', '=', 'event_kind'))
    .select([
      'e.id',
      'e.kind',
      'k.label as kind_label',
      headcountSum.as('n_headcount'),
      attendeeCount.as('n_attendees'),
    ])
    .where('e.held_on', '>=', from)
    .where('e.held_on', '<=', to)
    .execute();
}
