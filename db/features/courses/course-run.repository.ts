// Course runs and their sessions: the runs grid, one run with its counts, plan and change a run,
// and edit its sessions (generated on weekdays, then edited by the officer).
import { sql } from 'kysely';
import type { z } from 'zod';
import type { GridQuery } from '../../../shared/contract/common';
import type {
  RunDetail,
  RunGridRow,
  runCreateSchema,
  runUpdateSchema,
} from '../../../shared/contract/courses.contract';
import { weekdaysBetween } from '../../../shared/domain/course-sessions';
import { AppFailure } from '../../../shared/result';
import type { Db, Tx } from '../../store/schema';
import { appendAudit, changedFields } from '../audit/audit.repository';
import { assertProvider } from './catalogue.repository';
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

type RunFields = z.output<typeof runUpdateSchema>;

async function checkRunRefs(db: Db, input: Omit<RunFields, 'id'>): Promise<void> {
  const type = await db.selectFrom('course_types').select('id').where('id', '=', input.courseTypeId).executeTakeFirst();
  if (!type)
    throw new AppFailure('validation', 'Some details need correcting.', [
      { path: ['courseTypeId'], message: 'Choose a course from the catalogue' },
    ]);
  await assertProvider(db, input.providerOrgId, 'providerOrgId');
  if (input.fundingStreamId !== null) {
    const f = await db
      .selectFrom('funding_streams')
      .select('id')
      .where('id', '=', input.fundingStreamId)
      .executeTakeFirst();
    if (!f)
      throw new AppFailure('validation', 'Some details need correcting.', [
        { path: ['fundingStreamId'], message: 'Choose a funding stream from the list' },
      ]);
  }
}

function runValues(input: Omit<RunFields, 'id'>, at: string) {
  return {
    course_type_id: input.courseTypeId,
    provider_org_id: input.providerOrgId,
    venue: input.venue,
    start_date: input.startDate,
    end_date: input.endDate,
    capacity: input.capacity,
    tutor: input.tutor,
    funding_stream_id: input.fundingStreamId,
    status: input.status,
    notes: input.notes,
    updated_at: at,
  };
}

export async function createRun(
  tx: Tx,
  at: string,
  staffId: number | null,
  input: z.output<typeof runCreateSchema>,
): Promise<number> {
  await checkRunRefs(tx, input);
  const values = { ...runValues(input, at), created_at: at };
  const row = await tx.insertInto('course_runs').values(values).returning('id').executeTakeFirstOrThrow();
  const dates = input.generateSessions ? weekdaysBetween(input.startDate, input.endDate) : [];
  if (dates.length) {
    await tx
      .insertInto('course_sessions')
      .values(
        dates.map((d, i) => ({
          course_run_id: row.id,
          session_date: d,
          starts_at: input.sessionStartsAt,
          ends_at: input.sessionEndsAt,
          label: `Day ${i + 1}`,
        })),
      )
      .execute();
  }
  await appendAudit(tx, at, staffId, {
    action: 'create',
    entity: 'course_run',
    entityId: row.id,
    summary: `Course run planned for ${input.startDate} with ${dates.length} sessions`,
    after: values,
  });
  return row.id;
}

export async function updateRun(tx: Tx, at: string, staffId: number | null, input: RunFields): Promise<void> {
  const before = await tx.selectFrom('course_runs').selectAll().where('id', '=', input.id).executeTakeFirst();
  if (!before) throw new AppFailure('not-found', 'That course run does not exist.');
  await checkRunRefs(tx, input);
  const seats = await countSeats(tx, input.id);
  if (input.capacity < seats) {
    throw new AppFailure('validation', 'Some details need correcting.', [
      {
        path: ['capacity'],
        message: `${seats} people already hold places: withdraw someone before lowering the capacity below ${seats}`,
      },
    ]);
  }
  const values = runValues(input, at);
  await tx.updateTable('course_runs').set(values).where('id', '=', input.id).execute();
  await appendAudit(tx, at, staffId, {
    action: 'update',
    entity: 'course_run',
    entityId: input.id,
    summary: 'Course run changed',
    ...changedFields(before as unknown as Record<string, unknown>, values),
  });
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

export async function saveSessions(
  tx: Tx,
  at: string,
  staffId: number | null,
  runId: number,
  sessions: Array<{
    id?: number | undefined;
    sessionDate: string;
    startsAt: string | null;
    endsAt: string | null;
    label: string | null;
  }>,
): Promise<void> {
  const run = await tx.selectFrom('course_runs').select('id').where('id', '=', runId).executeTakeFirst();
  if (!run) throw new AppFailure('not-found', 'That course run does not exist.');
  const existing = await tx
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
  const keep = new Set(sessions.map((s) => s.id).filter((id): id is number => id !== undefined));
  for (const [i, s] of sessions.entries()) {
    if (s.id !== undefined && !existing.some((e) => e.id === s.id)) {
      throw new AppFailure('validation', 'Some details need correcting.', [
        { path: ['sessions', i, 'sessionDate'], message: 'This session belongs to another run' },
      ]);
    }
  }
  const removed = existing.filter((e) => !keep.has(e.id));
  const marked = removed.find((e) => Number(e.marked) > 0);
  if (marked)
    throw new AppFailure(
      'conflict',
      `The session on ${marked.session_date.split('-').reverse().join('/')} has a register taken; it cannot be removed.`,
    );
  if (removed.length)
    await tx
      .deleteFrom('course_sessions')
      .where(
        'id',
        'in',
        removed.map((e) => e.id),
      )
      .execute();
  for (const s of sessions) {
    const values = { session_date: s.sessionDate, starts_at: s.startsAt, ends_at: s.endsAt, label: s.label };
    if (s.id === undefined)
      await tx
        .insertInto('course_sessions')
        .values({ ...values, course_run_id: runId })
        .execute();
    else await tx.updateTable('course_sessions').set(values).where('id', '=', s.id).execute();
  }
  await appendAudit(tx, at, staffId, {
    action: 'update',
    entity: 'course_run',
    entityId: runId,
    summary: `Sessions changed: ${sessions.length} sessions (${removed.length} removed)`,
    before: existing.map(({ marked: _m, ...e }) => e),
    after: sessions,
  });
}
