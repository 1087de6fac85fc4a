// Queries an enrolment or results import writes through: course runs created from a partner's
// file and their partner codes, and the CSCS facts found by their natural keys so that a second
// import of the same file updates them rather than adding more (an L1 Award per run, an HS&E
// test per date, a card by its number, else its type and issue date).
import type { Insertable } from 'kysely';
import { sql } from 'kysely';
import type { Db, Tx } from '../../store/schema';
import type { CourseRunPartnerRefsTable, CourseRunsTable } from '../../store/tables/courses.tables';

export async function findCourseTypeByCode(db: Db, code: string) {
  return db.selectFrom('course_types').select(['id', 'name']).where('code', '=', code).executeTakeFirst();
}

/** The partner's organisation, if we hold one by that name: it becomes the run's provider. */
export async function findOrganisationByName(db: Db, name: string) {
  return db
    .selectFrom('organisations')
    .select('id')
    .where(sql<boolean>`lower(name) = lower(${name.trim()})`)
    .executeTakeFirst();
}

export async function insertCourseRun(tx: Tx, row: Insertable<CourseRunsTable>): Promise<number> {
  return (await tx.insertInto('course_runs').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export async function insertPartnerRef(tx: Tx, row: Insertable<CourseRunPartnerRefsTable>): Promise<number> {
  return (await tx.insertInto('course_run_partner_refs').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export async function partnerRefOf(db: Db, runId: number, partner: string) {
  return db
    .selectFrom('course_run_partner_refs')
    .select(['id', 'partner_code'])
    .where('course_run_id', '=', runId)
    .where('partner', '=', partner)
    .executeTakeFirst();
}

/** The outcome a fact caused (by its source reference, whichever area recorded it). */
export async function outcomeBySourceRef(db: Db, participantId: number, type: string, sourceRef: string) {
  return db
    .selectFrom('outcomes')
    .select(['id', 'outcome_date', 'verification_status'])
    .where('participant_id', '=', participantId)
    .where('outcome_type', '=', type)
    .where('source_ref', '=', sourceRef)
    .executeTakeFirst();
}

/** Saved: its id, what it held before (null: created; undefined: already so, nothing written)
 * and what was written (the changed fields only, so an undo restores exactly those). */
export interface Saved {
  id: number;
  before: Record<string, unknown> | null | undefined;
  after: Record<string, unknown>;
}

function changedFrom(current: Record<string, unknown>, wanted: Record<string, unknown>) {
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(wanted))
    if (current[k] !== v) {
      before[k] = current[k] ?? null;
      after[k] = v;
    }
  return Object.keys(after).length ? { before, after } : { before: undefined, after };
}

export async function saveImportedL1(
  tx: Tx,
  participantId: number,
  runId: number,
  achievedOn: string,
  at: string,
): Promise<Saved> {
  const prior = await tx
    .selectFrom('l1_awards')
    .selectAll()
    .where('participant_id', '=', participantId)
    .where('course_run_id', '=', runId)
    .executeTakeFirst();
  if (prior) {
    const changed = changedFrom(prior, { achieved_on: achievedOn });
    if (changed.before) await tx.updateTable('l1_awards').set(changed.after).where('id', '=', prior.id).execute();
    return { id: prior.id, ...changed };
  }
  const row = await tx
    .insertInto('l1_awards')
    .values({
      participant_id: participantId,
      course_run_id: runId,
      achieved_on: achievedOn,
      certificate_number: null,
      awarding_body: null,
      created_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, before: null, after: { achieved_on: achievedOn } };
}

export async function saveImportedTest(
  tx: Tx,
  participantId: number,
  runId: number,
  takenOn: string,
  score: number,
  at: string,
): Promise<Saved> {
  const prior = await tx
    .selectFrom('hse_tests')
    .selectAll()
    .where('participant_id', '=', participantId)
    .where('taken_on', '=', takenOn)
    .executeTakeFirst();
  if (prior) {
    const changed = changedFrom(prior, { score });
    if (changed.before) await tx.updateTable('hse_tests').set(changed.after).where('id', '=', prior.id).execute();
    return { id: prior.id, ...changed };
  }
  const row = await tx
    .insertInto('hse_tests')
    .values({
      participant_id: participantId,
      course_run_id: runId,
      taken_on: takenOn,
      score,
      test_reference: null,
      created_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, before: null, after: { taken_on: takenOn, score } };
}

export interface ImportedCard {
  card_type: string;
  card_number: string | null;
  issued_on: string;
  expires_on: string;
  is_first_labourer_card: number;
  issued_on_derived: number;
}

/** The card by its number, else by type and issue date: updated in place, never a second one. */
export async function saveImportedCard(
  tx: Tx,
  participantId: number,
  runId: number,
  card: ImportedCard,
  at: string,
): Promise<Saved> {
  const mine = await tx.selectFrom('cscs_cards').selectAll().where('participant_id', '=', participantId).execute();
  const prior =
    (card.card_number ? mine.find((c) => c.card_number === card.card_number) : undefined) ??
    mine.find((c) => c.card_type === card.card_type && c.issued_on === card.issued_on);
  if (prior) {
    // A number we hold is not blanked by a row that lacks one.
    const wanted = { ...card, card_number: card.card_number ?? prior.card_number };
    const changed = changedFrom(prior, wanted);
    if (changed.before) await tx.updateTable('cscs_cards').set(changed.after).where('id', '=', prior.id).execute();
    return { id: prior.id, ...changed };
  }
  const row = await tx
    .insertInto('cscs_cards')
    .values({ ...card, participant_id: participantId, course_run_id: runId, smart_checked_on: null, created_at: at })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, before: null, after: { ...card } };
}
