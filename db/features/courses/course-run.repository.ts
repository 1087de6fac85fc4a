// Queries of course runs and their sessions: the runs grid, one run with its counts, and the rows
// a run's plan and its sessions are written to (the rules are course-run.service.ts's).
import { sql, type Insertable, type Updateable } from 'kysely';
import type { GridQuery } from '../../../shared/contract/common';
import type { RunDetail, RunGridRow } from '../../../shared/contract/courses.contract';
import { AppFailure } from '../../../shared/result';
import type { Db, Tx } from '../../store/schema';
import type { CourseRunsTable, CourseSessionsTable } from '../../store/tables/courses.tables';
import { applyGridFilters, applyGridPage, applyGridSort, gridColumns, textMatches } from '../grid/grid-query';

const enrolledCount = sql<number>`(select count(*) from enrolments e where e.course_run_id = r.id and e.status in ('enrolled','completed','not_completed'))`;
const waitingCount = sql<number>`(select count(*) from enrolments e where e.course_run_id = r.id and e.status = 'waiting')`;
const completedCount = sql<number>`(select count(*) from enrolments e where e.course_run_id = r.id and e.status = 'completed')`;

export const runGridColumns = gridColumns<RunGridRow>({
  courseType: { sql: 't.name', filter: 'text' },
  cscsComponent: { sql: 't.cscs_component', filter: 'text' },
  provider: { sql: 'o.name', filter: 'text' },
  venue: { sql: 'r.venue', filter: 'text' },
  startDate: { sql: 'r.start_date', filter: 'date' },
  endDate: { sql: 'r.end_date', filter: 'date' },
  status: { sql: 'r.status', filter: 'text' },
  capacity: { sql: 'r.capacity', filter: 'number' },
  tutor: { sql: 'r.tutor', filter: 'text' },
  enrolled: { sql: enrolledCount, filter: 'number' },
  waiting: { sql: waitingCount, filter: 'number' },
  completed: { sql: completedCount, filter: 'number' },
});

export async function pageRuns(db: Db, query: GridQuery): Promise<{ rows: RunGridRow[]; total: number }> {
  let base = db
    .selectFrom('course_runs as r')
    .innerJoin('course_types as t', 't.id', 'r.course_type_id')
    .leftJoin('organisations as o', 'o.id', 'r.provider_org_id');
  const search = query.search.trim();
  if (search) {
    const matches = ['t.name', 'o.name', 'r.venue', 'r.tutor'].map((c) => textMatches(c, search));
    base = base.where(sql<boolean>`(${sql.join(matches, sql` or `)})`);
  }
  if (query.preset === 'open') base = base.where('r.status', 'in', ['planned', 'running']);
  if (query.preset === 'cscs') base = base.where('t.cscs_component', 'is not', null);
  base = applyGridFilters(base, runGridColumns, query.filters);
  const total = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = base.select([
    'r.id',
    't.name as courseType',
    't.cscs_component as cscsComponent',
    'o.name as provider',
    'r.venue',
    'r.start_date as startDate',
    'r.end_date as endDate',
    'r.status',
    'r.capacity',
    'r.tutor',
    enrolledCount.as('enrolled'),
    waitingCount.as('waiting'),
    completedCount.as('completed'),
  ]);
  const sorted = applyGridSort(rows, runGridColumns, query.sort, (q, bySort) =>
    (bySort ? q : q.orderBy('r.start_date', 'desc')).orderBy('r.id', 'desc'),
  );
  const out = await applyGridPage(sorted, query).execute();
  return {
    rows: out.map((r) => ({
      ...r,
      enrolled: Number(r.enrolled),
      waiting: Number(r.waiting),
      completed: Number(r.completed),
    })),
    total: Number(total.n),
  };
}

export async function getRun(db: Db, id: number): Promise<RunDetail> {
  const r = await db
    .selectFrom('course_runs as r')
    .innerJoin('course_types as t', 't.id', 'r.course_type_id')
    .leftJoin('organisations as o', 'o.id', 'r.provider_org_id')
    .leftJoin('funding_streams as f', 'f.id', 'r.funding_stream_id')
    .select([
      'r.id',
      'r.course_type_id as courseTypeId',
      't.name as courseType',
      't.cscs_component as cscsComponent',
      'r.provider_org_id as providerOrgId',
      'o.name as provider',
      'r.venue',
      'r.start_date as startDate',
      'r.end_date as endDate',
      'r.capacity',
      'r.tutor',
      'r.funding_stream_id as fundingStreamId',
      'f.name as fundingStream',
      'r.status',
      'r.notes',
    ])
    .where('r.id', '=', id)
    .executeTakeFirst();
  if (!r) throw new AppFailure('not-found', 'That course run does not exist.');
  const sessions = await db
    .selectFrom('course_sessions as s')
    .select([
      's.id',
      's.session_date as sessionDate',
      's.starts_at as startsAt',
      's.ends_at as endsAt',
      's.label',
      sql<number>`(select count(*) from attendance a where a.course_session_id = s.id)`.as('marked'),
    ])
    .where('s.course_run_id', '=', id)
    .orderBy('s.session_date')
    .orderBy('s.starts_at')
    .execute();
  const counts = await db
    .selectFrom('enrolments')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('course_run_id', '=', id)
    .groupBy('status')
    .execute();
  const n = (s: string) => Number(counts.find((c) => c.status === s)?.n ?? 0);
  return {
    ...r,
    sessions: sessions.map((s) => ({ ...s, marked: Number(s.marked) })),
    counts: {
      enrolled: n('enrolled'),
      waiting: n('waiting'),
      withdrawn: n('withdrawn'),
      completed: n('completed'),
      notCompleted: n('not_completed'),
    },
  };
}

/** Places taken: enrolled, completed and not completed all hold a seat; waiting and withdrawn do not. */
export async function countSeats(db: Db, runId: number): Promise<number> {
  const row = await db
    .selectFrom('enrolments')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('course_run_id', '=', runId)
    .where('status', 'in', ['enrolled', 'completed', 'not_completed'])
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** A run's row as stored (for the audit of a change). */
export async function findRunRow(db: Db, id: number) {
  return db.selectFrom('course_runs').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function courseTypeExists(db: Db, id: number): Promise<boolean> {
  return !!(await db.selectFrom('course_types').select('id').where('id', '=', id).executeTakeFirst());
}

export async function fundingStreamExists(db: Db, id: number): Promise<boolean> {
  return !!(await db.selectFrom('funding_streams').select('id').where('id', '=', id).executeTakeFirst());
}

export async function insertRun(tx: Tx, values: Insertable<CourseRunsTable>): Promise<number> {
  return (await tx.insertInto('course_runs').values(values).returning('id').executeTakeFirstOrThrow()).id;
}

export async function updateRunRow(tx: Tx, id: number, values: Updateable<CourseRunsTable>): Promise<void> {
  await tx.updateTable('course_runs').set(values).where('id', '=', id).execute();
}

/** A run's sessions as stored, each with how many attendance marks it holds. */
export async function sessionsWithMarks(db: Db, runId: number) {
  const rows = await db
    .selectFrom('course_sessions as s')
    .select([
      's.id',
      's.session_date',
      's.starts_at',
      's.ends_at',
      's.label',
      sql<number>`(select count(*) from attendance a where a.course_session_id = s.id)`.as('marked'),
    ])
    .where('s.course_run_id', '=', runId)
    .execute();
  return rows.map((r) => ({ ...r, marked: Number(r.marked) }));
}

export async function insertSessions(tx: Tx, rows: Insertable<CourseSessionsTable>[]): Promise<void> {
  if (rows.length) await tx.insertInto('course_sessions').values(rows).execute();
}

export async function updateSession(tx: Tx, id: number, values: Updateable<CourseSessionsTable>): Promise<void> {
  await tx.updateTable('course_sessions').set(values).where('id', '=', id).execute();
}

export async function deleteSessions(tx: Tx, ids: number[]): Promise<void> {
  if (ids.length) await tx.deleteFrom('course_sessions').where('id', 'in', ids).execute();
}

/** People holding a place on a run with no course result yet (still "enrolled"). */
export async function countWithoutResult(db: Db, runId: number): Promise<number> {
  const row = await db
    .selectFrom('enrolments')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('course_run_id', '=', runId)
    .where('status', '=', 'enrolled')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
