// The sustainment worklist: for every job or apprenticeship start (not rejected) the 13- and
// 26-week checks not yet recorded, with where each stands today. SQL narrows by date range on
// the (outcome_type, outcome_date) index; the pure schedule in shared/domain decides the state.
// Also the checks themselves. Reads take the store or a transaction (`Db`); writes take the
// transaction (`Tx`).
import { sql, type Insertable } from 'kysely';
import type { WorklistFilter, WorklistRow } from '../../../shared/contract/outcomes-schemas';
import { addDaysIso } from '../../../shared/domain/dates';
import {
  SUSTAINABLE_OUTCOME_TYPES,
  sustainmentSchedule,
  sustainmentState,
  type SustainmentState,
  type SustainmentWeeks,
} from '../../../shared/domain/outcome-rules';
import type { Db, Tx } from '../../store/schema';
import type { SustainmentChecksTable } from '../../store/tables/outcomes.tables';
import { textMatches } from '../grid/grid-query';

const WEEKS: SustainmentWeeks[] = [13, 26];
const WINDOW_DAYS: Record<SustainmentWeeks, number> = { 13: 26 * 7, 26: 52 * 7 };
const UPCOMING_DAYS = 28;

/** Start dates whose check is in `state` on `today` (inverse of the schedule: a range of start dates). */
function startDateRange(
  weeks: SustainmentWeeks,
  state: SustainmentState | 'upcoming' | 'open',
  today: string,
): { from: string | null; to: string | null } {
  const due = weeks * 7;
  switch (state) {
    case 'due':
      return { from: addDaysIso(today, -(due + 28) + 1), to: addDaysIso(today, -due) };
    case 'overdue':
      return { from: addDaysIso(today, -WINDOW_DAYS[weeks] + 1), to: addDaysIso(today, -(due + 28)) };
    case 'open':
      return { from: addDaysIso(today, -WINDOW_DAYS[weeks] + 1), to: addDaysIso(today, -due) };
    case 'upcoming':
      return { from: addDaysIso(today, -due + 1), to: addDaysIso(today, -due + UPCOMING_DAYS) };
    case 'window_closed':
      return { from: null, to: addDaysIso(today, -WINDOW_DAYS[weeks]) };
    case 'not_due':
      return { from: addDaysIso(today, -due + 1), to: null };
  }
}

function candidates(
  db: Db,
  weeks: SustainmentWeeks,
  range: { from: string | null; to: string | null },
  search: string,
) {
  let q = db
    .selectFrom('outcomes as o')
    .innerJoin('participants as p', 'p.id', 'o.participant_id')
    .where('o.outcome_type', 'in', [...SUSTAINABLE_OUTCOME_TYPES])
    .where('o.verification_status', '!=', 'rejected')
    .where('p.status', '!=', 'merged')
    .where(
      sql<boolean>`not exists (select 1 from sustainment_checks k where k.start_outcome_id = o.id and k.weeks = ${weeks})`,
    );
  if (range.from) q = q.where('o.outcome_date', '>=', range.from);
  if (range.to) q = q.where('o.outcome_date', '<=', range.to);
  const s = search.trim();
  if (s) {
    q = q.where(
      sql<boolean>`(${textMatches('p.reference', s)} or ${textMatches(sql`p.first_name || ' ' || p.last_name`, s)})`,
    );
  }
  return q;
}

async function countIn(db: Db, state: SustainmentState | 'upcoming', today: string, search: string): Promise<number> {
  let total = 0;
  for (const weeks of WEEKS) {
    const r = await candidates(db, weeks, startDateRange(weeks, state, today), search)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    total += Number(r.n);
  }
  return total;
}

export async function sustainmentWorklist(
  db: Db,
  filter: WorklistFilter,
  search: string,
  today: string,
  limit: number,
) {
  const rows: WorklistRow[] = [];
  for (const weeks of WEEKS) {
    const found = await candidates(db, weeks, startDateRange(weeks, filter, today), search)
      .leftJoin('organisations as e', 'e.id', 'o.employer_org_id')
      .select([
        'o.id',
        'o.participant_id',
        'p.reference',
        'p.first_name',
        'p.last_name',
        'p.phone',
        'p.email',
        'p.preferred_contact',
        'o.outcome_type',
        'o.outcome_date',
        'e.name as employer_name',
        'e.phone as employer_phone',
        // The employer's first contact: name and phone apart, so the phone is shown unbroken.
        sql<
          string | null
        >`(select c.name from organisation_contacts c where c.organisation_id = e.id order by c.id limit 1)`.as(
          'employer_contact_name',
        ),
        sql<
          string | null
        >`(select c.phone from organisation_contacts c where c.organisation_id = e.id order by c.id limit 1)`.as(
          'employer_contact_phone',
        ),
      ])
      .orderBy('o.outcome_date')
      .orderBy('o.id')
      .limit(limit)
      .execute();
    for (const r of found) {
      const schedule = sustainmentSchedule(r.outcome_date, weeks);
      const state = sustainmentState(schedule, today);
      rows.push({
        id: `${r.id}-${weeks}`,
        startOutcomeId: r.id,
        participantId: r.participant_id,
        participantRef: r.reference,
        participantName: `${r.first_name} ${r.last_name}`,
        phone: r.phone,
        email: r.email,
        preferredContact: r.preferred_contact,
        outcomeType: r.outcome_type,
        startDate: r.outcome_date,
        employerName: r.employer_name,
        employerPhone: r.employer_phone,
        employerContact:
          r.employer_contact_name === null ? null : { name: r.employer_contact_name, phone: r.employer_contact_phone },
        ...schedule,
        state,
      });
    }
  }
  rows.sort((a, b) => (a.dueOn < b.dueOn ? -1 : a.dueOn > b.dueOn ? 1 : a.startOutcomeId - b.startOutcomeId));
  const counts = {
    due: await countIn(db, 'due', today, search),
    overdue: await countIn(db, 'overdue', today, search),
    upcoming: await countIn(db, 'upcoming', today, search),
    windowClosed: await countIn(db, 'window_closed', today, search),
  };
  const total =
    filter === 'open' ? counts.due + counts.overdue : filter === 'window_closed' ? counts.windowClosed : counts[filter];
  return { rows: rows.slice(0, limit), total, counts, today };
}

/** The 13- or 26-week check already recorded for a start, if any. */
export async function recordedCheck(db: Db, startOutcomeId: number, weeks: SustainmentWeeks) {
  return db
    .selectFrom('sustainment_checks')
    .select(['id', 'checked_on'])
    .where('start_outcome_id', '=', startOutcomeId)
    .where('weeks', '=', weeks)
    .executeTakeFirst();
}

export async function insertSustainmentCheck(tx: Tx, row: Insertable<SustainmentChecksTable>): Promise<number> {
  const inserted = await tx.insertInto('sustainment_checks').values(row).returning('id').executeTakeFirstOrThrow();
  return inserted.id;
}
