// The course catalogue (reference data administrators edit) and the lookups the course forms
// need: providers (training organisations), funding streams.
import { sql } from 'kysely';
import type { z } from 'zod';
import type { CourseType, courseTypeInputSchema } from '../../../shared/contract/courses.contract';
import { AppFailure } from '../../../shared/result';
import type { Db, Tx } from '../../store/schema';
import { appendAudit, changedFields } from '../audit/audit.repository';

export async function listCourseTypes(db: Db): Promise<CourseType[]> {
  const rows = await db
    .selectFrom('course_types as t')
    .leftJoin('organisations as o', 'o.id', 't.provider_org_id')
    .select([
      't.id',
      't.code',
      't.name',
      't.provider_org_id as providerOrgId',
      'o.name as providerName',
      't.typical_days as typicalDays',
      't.leads_to as leadsTo',
      't.cscs_component as cscsComponent',
      't.description',
      't.sort_order as sortOrder',
      't.is_active as isActive',
      sql<number>`(select count(*) from course_runs r where r.course_type_id = t.id)`.as('runCount'),
    ])
    .orderBy('t.sort_order')
    .orderBy('t.name')
    .execute();
  return rows.map((r) => ({ ...r, isActive: r.isActive === 1, runCount: Number(r.runCount) }));
}

export async function listProviders(db: Db) {
  return db
    .selectFrom('organisations')
    .select(['id', 'name', 'kind'])
    .where('kind', 'in', ['college', 'training_provider'])
    .where('is_active', '=', 1)
    .orderBy('name')
    .execute();
}

export async function listFundingStreams(db: Db) {
  return db.selectFrom('funding_streams').select(['id', 'name']).where('is_active', '=', 1).orderBy('name').execute();
}

export async function assertProvider(db: Db, id: number | null, path: string): Promise<void> {
  if (id === null) return;
  const org = await db.selectFrom('organisations').select('kind').where('id', '=', id).executeTakeFirst();
  if (!org)
    throw new AppFailure('validation', 'Some details need correcting.', [
      { path: [path], message: 'Choose a provider from the list' },
    ]);
}

export async function saveCourseType(
  tx: Tx,
  at: string,
  staffId: number | null,
  input: z.output<typeof courseTypeInputSchema>,
): Promise<number> {
  await assertProvider(tx, input.providerOrgId, 'providerOrgId');
  const clash = await tx.selectFrom('course_types').select('id').where('code', '=', input.code).executeTakeFirst();
  if (clash && clash.id !== input.id)
    throw new AppFailure('validation', 'Some details need correcting.', [
      { path: ['code'], message: 'Another course type already has this code' },
    ]);
  const values = {
    code: input.code,
    name: input.name,
    provider_org_id: input.providerOrgId,
    typical_days: input.typicalDays,
    leads_to: input.leadsTo,
    cscs_component: input.cscsComponent,
    description: input.description,
    sort_order: input.sortOrder,
    is_active: input.isActive ? 1 : 0,
    updated_at: at,
  };
  if (input.id === undefined) {
    const row = await tx.insertInto('course_types').values(values).returning('id').executeTakeFirstOrThrow();
    await appendAudit(tx, at, staffId, {
      action: 'create',
      entity: 'course_type',
      entityId: row.id,
      summary: `Course type "${input.name}" added to the catalogue`,
      after: values,
    });
    return row.id;
  }
  const before = await tx.selectFrom('course_types').selectAll().where('id', '=', input.id).executeTakeFirst();
  if (!before) throw new AppFailure('not-found', 'That course type no longer exists.');
  await tx.updateTable('course_types').set(values).where('id', '=', input.id).execute();
  const diff = changedFields(before as unknown as Record<string, unknown>, values);
  await appendAudit(tx, at, staffId, {
    action: 'update',
    entity: 'course_type',
    entityId: input.id,
    summary: `Course type "${input.name}" changed`,
    ...diff,
  });
  return input.id;
}
