// How far a candidate got, read from the dates of the stages they reached (moving back clears
// the later dates; declining keeps them): reaching a stage counts the stages after it too, so
// someone offered a job without an interview still counts as having got past the interview.
// One definition for the vacancy grid's counts and the dashboard's funnel.
import { sql, type RawBuilder, type SqlBool } from 'kysely';

const datesFrom = {
  interviewed: ['interviewed_on', 'offered_on', 'accepted_on', 'started_on'],
  offered: ['offered_on', 'accepted_on', 'started_on'],
  started: ['started_on'],
} as const;

export type ReachedStage = keyof typeof datesFrom;

/** True for a row of vacancy_candidates (as `alias`) that reached `stage`. */
export function reached(stage: ReachedStage, alias = 'k'): RawBuilder<SqlBool> {
  const parts = datesFrom[stage].map((c) => sql<SqlBool>`${sql.ref(`${alias}.${c}`)} is not null`);
  return sql<SqlBool>`(${sql.join(parts, sql` or `)})`;
}
