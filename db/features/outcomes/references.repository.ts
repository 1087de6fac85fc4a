// Whether the records a form links to exist (and, for a person, whether they were merged away).
import type { Db } from '../../store/schema';

export async function participantStatus(db: Db, id: number): Promise<string | null> {
  const p = await db.selectFrom('participants').select('status').where('id', '=', id).executeTakeFirst();
  return p?.status ?? null;
}

export async function organisationExists(db: Db, id: number): Promise<boolean> {
  return !!(await db.selectFrom('organisations').select('id').where('id', '=', id).executeTakeFirst());
}

export async function contractExists(db: Db, id: number): Promise<boolean> {
  return !!(await db.selectFrom('social_value_contracts').select('id').where('id', '=', id).executeTakeFirst());
}

export async function courseRunExists(db: Db, id: number): Promise<boolean> {
  return !!(await db.selectFrom('course_runs').select('id').where('id', '=', id).executeTakeFirst());
}

export async function placementExists(db: Db, id: number): Promise<boolean> {
  return !!(await db.selectFrom('placements').select('id').where('id', '=', id).executeTakeFirst());
}

export async function staffExists(db: Db, id: number): Promise<boolean> {
  return !!(await db.selectFrom('staff').select('id').where('id', '=', id).executeTakeFirst());
}
