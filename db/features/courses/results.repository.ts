// Queries of course results: the run and enrolments results are recorded against, and the
// result rows (Level 1 Awards, HS&E tests, CSCS cards, PPE issues, site-ready sign-offs).
import type { Insertable, Updateable } from 'kysely';
import type { Db, Tx } from '../../store/schema';
import type {
  CscsCardsTable,
  HseTestsTable,
  L1AwardsTable,
  PpeIssuesTable,
  SiteReadySignoffsTable,
} from '../../store/tables/courses.tables';

export async function findRunWithType(db: Db, runId: number) {
  return db
    .selectFrom('course_runs as r')
    .innerJoin('course_types as t', 't.id', 'r.course_type_id')
    .select(['r.id', 'r.status', 'r.end_date', 't.name'])
    .where('r.id', '=', runId)
    .executeTakeFirst();
}

export async function enrolmentsOfRun(db: Db, runId: number, ids: number[]) {
  return db
    .selectFrom('enrolments')
    .select(['id', 'participant_id', 'status', 'completed_on'])
    .where('course_run_id', '=', runId)
    .where('id', 'in', ids)
    .execute();
}

// ---- one row per result; recording again on the same key corrects it (`values` on the row found,
// `create` when there is none) ----

export async function findL1Award(db: Db, participantId: number, runId: number) {
  return db
    .selectFrom('l1_awards')
    .selectAll()
    .where('participant_id', '=', participantId)
    .where('course_run_id', '=', runId)
    .executeTakeFirst();
}

export async function saveL1Award(
  tx: Tx,
  priorId: number | null,
  values: Updateable<L1AwardsTable>,
  create: Insertable<L1AwardsTable>,
): Promise<number> {
  if (priorId !== null) {
    await tx.updateTable('l1_awards').set(values).where('id', '=', priorId).execute();
    return priorId;
  }
  return (await tx.insertInto('l1_awards').values(create).returning('id').executeTakeFirstOrThrow()).id;
}

export async function findHseTest(db: Db, participantId: number, takenOn: string) {
  return db
    .selectFrom('hse_tests')
    .selectAll()
    .where('participant_id', '=', participantId)
    .where('taken_on', '=', takenOn)
    .executeTakeFirst();
}

export async function saveHseTest(
  tx: Tx,
  priorId: number | null,
  values: Updateable<HseTestsTable>,
  create: Insertable<HseTestsTable>,
): Promise<number> {
  if (priorId !== null) {
    await tx.updateTable('hse_tests').set(values).where('id', '=', priorId).execute();
    return priorId;
  }
  return (await tx.insertInto('hse_tests').values(create).returning('id').executeTakeFirstOrThrow()).id;
}

/** The card being recorded again: the same number, or the same type issued the same day. */
export async function findCscsCard(
  db: Db,
  participantId: number,
  card: { cardNumber: string | null; issuedOn: string; cardType: string },
) {
  let q = db.selectFrom('cscs_cards').selectAll().where('participant_id', '=', participantId);
  q = card.cardNumber
    ? q.where((eb) =>
        eb.or([
          eb('card_number', '=', card.cardNumber),
          eb.and([eb('issued_on', '=', card.issuedOn), eb('card_type', '=', card.cardType)]),
        ]),
      )
    : q.where('issued_on', '=', card.issuedOn).where('card_type', '=', card.cardType);
  return q.executeTakeFirst();
}

export async function saveCscsCard(
  tx: Tx,
  priorId: number | null,
  values: Updateable<CscsCardsTable>,
  create: Insertable<CscsCardsTable>,
): Promise<number> {
  if (priorId !== null) {
    await tx.updateTable('cscs_cards').set(values).where('id', '=', priorId).execute();
    return priorId;
  }
  return (await tx.insertInto('cscs_cards').values(create).returning('id').executeTakeFirstOrThrow()).id;
}

export async function findPpeIssue(db: Db, participantId: number, issuedOn: string) {
  return db
    .selectFrom('ppe_issues')
    .selectAll()
    .where('participant_id', '=', participantId)
    .where('issued_on', '=', issuedOn)
    .executeTakeFirst();
}

export async function savePpeIssue(
  tx: Tx,
  priorId: number | null,
  values: Updateable<PpeIssuesTable>,
  create: Insertable<PpeIssuesTable>,
): Promise<number> {
  if (priorId !== null) {
    await tx.updateTable('ppe_issues').set(values).where('id', '=', priorId).execute();
    return priorId;
  }
  return (await tx.insertInto('ppe_issues').values(create).returning('id').executeTakeFirstOrThrow()).id;
}

export async function findOpenSignoff(db: Db, participantId: number, signedOn: string) {
  return db
    .selectFrom('site_ready_signoffs')
    .selectAll()
    .where('participant_id', '=', participantId)
    .where('signed_on', '=', signedOn)
    .where('revoked_on', 'is', null)
    .executeTakeFirst();
}

export async function saveSignoff(
  tx: Tx,
  priorId: number | null,
  values: Updateable<SiteReadySignoffsTable>,
  create: Insertable<SiteReadySignoffsTable>,
): Promise<number> {
  if (priorId !== null) {
    await tx.updateTable('site_ready_signoffs').set(values).where('id', '=', priorId).execute();
    return priorId;
  }
  return (await tx.insertInto('site_ready_signoffs').values(create).returning('id').executeTakeFirstOrThrow()).id;
}

export async function findSignoff(db: Db, id: number) {
  return db.selectFrom('site_ready_signoffs').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function revokeSignoff(tx: Tx, id: number, on: string): Promise<void> {
  await tx.updateTable('site_ready_signoffs').set({ revoked_on: on }).where('id', '=', id).execute();
}

export type RemovableResultTable = 'l1_awards' | 'hse_tests' | 'cscs_cards' | 'ppe_issues';

export async function findResultRow(db: Db, table: RemovableResultTable, id: number) {
  return db.selectFrom(table).selectAll().where('id', '=', id).executeTakeFirst();
}

export async function deleteResultRow(tx: Tx, table: RemovableResultTable, id: number): Promise<void> {
  await tx.deleteFrom(table).where('id', '=', id).execute();
}

/** The person's card valid on a date (the latest to expire), for a Smart Check. */
export async function findCardValidOn(db: Db, participantId: number, on: string) {
  return db
    .selectFrom('cscs_cards')
    .selectAll()
    .where('participant_id', '=', participantId)
    .where('issued_on', '<=', on)
    .where('expires_on', '>=', on)
    .orderBy('expires_on', 'desc')
    .executeTakeFirst();
}

export async function setSmartCheck(tx: Tx, cardId: number, on: string): Promise<void> {
  await tx.updateTable('cscs_cards').set({ smart_checked_on: on }).where('id', '=', cardId).execute();
}

/** "First Last" by participant id, for messages. */
export async function participantNames(db: Db, ids: number[]): Promise<Map<number, string>> {
  if (!ids.length) return new Map();
  const rows = await db
    .selectFrom('participants')
    .select(['id', 'first_name', 'last_name'])
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((r) => [r.id, `${r.first_name} ${r.last_name}`]));
}

/** Many sign-offs at once (one per person); their ids in the order given. */
export async function insertSignoffs(tx: Tx, rows: Array<Insertable<SiteReadySignoffsTable>>): Promise<number[]> {
  const byPerson = new Map<number, number>();
  for (let i = 0; i < rows.length; i += 500) {
    const inserted = await tx
      .insertInto('site_ready_signoffs')
      .values(rows.slice(i, i + 500))
      .returning(['id', 'participant_id'])
      .execute();
    for (const r of inserted) byPerson.set(r.participant_id, r.id);
  }
  return rows.map((r) => byPerson.get(r.participant_id)!);
}
