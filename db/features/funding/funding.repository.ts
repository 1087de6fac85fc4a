// Queries of funding attribution: funders' agreements, streams and projects; a person's spells;
// the items of a person with the stream each is attributed to; officers' changes of attribution.
import { sql } from 'kysely';
import type { ProjectView, SpellView, StreamView } from '../../../shared/contract/funding.contract';
import type { AgreementView } from '../../../shared/contract/returns.contract';
import type { Db, Tx } from '../../store/schema';
import { enrolmentStatusOptions, labelOfCode } from '../../../shared/domain/labels';
import { placementKinds } from '../../../shared/domain/outcome-lists';
import type { AttributedItemKind } from '../../store/tables/returns.tables';
import {
  attributedProject,
  attributedStream,
  attributionChanged,
  attributionDate,
  type AttributionSubject,
} from './attribution-sql';

// ── Funders, agreements, streams, projects ──────────────────────────────────────────────────────

export async function listAgreements(db: Db): Promise<AgreementView[]> {
  return db
    .selectFrom('funding_agreements')
    .select([
      'id',
      'funder_id as funderId',
      'name',
      'starts_on as startsOn',
      'ends_on as endsOn',
      'closure_on as closureOn',
      'notes',
    ])
    .orderBy('starts_on')
    .orderBy('id')
    .execute();
}

export async function findAgreementRow(db: Db, id: number) {
  return db.selectFrom('funding_agreements').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertAgreement(
  tx: Tx,
  v: {
    funder_id: number;
    name: string;
    starts_on: string;
    ends_on: string | null;
    closure_on: string | null;
    notes: string | null;
    at: string;
  },
): Promise<number> {
  const { at, ...values } = v;
  const row = await tx
    .insertInto('funding_agreements')
    .values({ ...values, created_at: at, updated_at: at })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateAgreement(
  tx: Tx,
  id: number,
  v: {
    name: string;
    starts_on: string;
    ends_on: string | null;
    closure_on: string | null;
    notes: string | null;
    at: string;
  },
): Promise<void> {
  const { at, ...values } = v;
  await tx
    .updateTable('funding_agreements')
    .set({ ...values, updated_at: at })
    .where('id', '=', id)
    .execute();
}

export async function insertFunder(tx: Tx, v: { code: string; name: string; notes: string | null; at: string }) {
  const row = await tx
    .insertInto('funders')
    .values({
      code: v.code,
      name: v.name,
      notes: v.notes,
      // A new funder's evidence pack carries the reference only until an administrator asks for more.
      personal_columns_json: JSON.stringify(['reference']),
      created_at: v.at,
      updated_at: v.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function funderCodeTaken(db: Db, code: string): Promise<boolean> {
  return !!(await db
    .selectFrom('funders')
    .select('id')
    .where(sql`lower(code)`, '=', code.toLowerCase())
    .executeTakeFirst());
}

export async function listStreams(db: Db): Promise<StreamView[]> {
  const rows = await db
    .selectFrom('funding_streams as s')
    .leftJoin('funders as f', 'f.id', 's.funder_id')
    .select([
      's.id',
      's.code',
      's.name',
      's.funder_id as funderId',
      'f.name as funderName',
      's.starts_on as startsOn',
      's.ends_on as endsOn',
      's.is_active',
    ])
    .orderBy('s.name')
    .execute();
  return rows.map(({ is_active, ...r }) => ({ ...r, isActive: is_active === 1 }));
}

export async function findStream(db: Db, id: number) {
  return db.selectFrom('funding_streams').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function streamCodeTaken(db: Db, code: string, exceptId: number | null): Promise<boolean> {
  let q = db
    .selectFrom('funding_streams')
    .select('id')
    .where(sql`lower(code)`, '=', code.toLowerCase());
  if (exceptId !== null) q = q.where('id', '!=', exceptId);
  return !!(await q.executeTakeFirst());
}

export async function insertStream(
  tx: Tx,
  v: {
    code: string;
    name: string;
    funder: string;
    funder_id: number;
    starts_on: string | null;
    ends_on: string | null;
    is_active: number;
  },
): Promise<number> {
  const row = await tx
    .insertInto('funding_streams')
    .values({ ...v, retain_until: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateStream(
  tx: Tx,
  id: number,
  v: {
    code: string;
    name: string;
    funder: string;
    funder_id: number;
    starts_on: string | null;
    ends_on: string | null;
    is_active: number;
  },
): Promise<void> {
  await tx.updateTable('funding_streams').set(v).where('id', '=', id).execute();
}

export async function listProjects(db: Db): Promise<ProjectView[]> {
  const rows = await db
    .selectFrom('funding_projects')
    .select([
      'id',
      'code',
      'name',
      'funding_stream_id as streamId',
      'intervention_code as interventionCode',
      'is_active',
    ])
    .orderBy('name')
    .execute();
  return rows.map(({ is_active, ...r }) => ({ ...r, isActive: is_active === 1 }));
}

export async function findProject(db: Db, id: number) {
  return db.selectFrom('funding_projects').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function projectCodeTaken(db: Db, code: string, exceptId: number | null): Promise<boolean> {
  let q = db
    .selectFrom('funding_projects')
    .select('id')
    .where(sql`lower(code)`, '=', code.toLowerCase());
  if (exceptId !== null) q = q.where('id', '!=', exceptId);
  return !!(await q.executeTakeFirst());
}

export async function insertProject(
  tx: Tx,
  v: { code: string; name: string; funding_stream_id: number; intervention_code: string | null; is_active: number },
): Promise<number> {
  const row = await tx.insertInto('funding_projects').values(v).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function updateProject(
  tx: Tx,
  id: number,
  v: { code: string; name: string; funding_stream_id: number; intervention_code: string | null; is_active: number },
): Promise<void> {
  await tx.updateTable('funding_projects').set(v).where('id', '=', id).execute();
}

// ── A person's spells ───────────────────────────────────────────────────────────────────────────

export async function listSpells(db: Db, participantId: number): Promise<SpellView[]> {
  return db
    .selectFrom('funding_spells as sp')
    .innerJoin('funding_streams as s', 's.id', 'sp.funding_stream_id')
    .leftJoin('funders as f', 'f.id', 's.funder_id')
    .leftJoin('funding_projects as pr', 'pr.id', 'sp.project_id')
    .select([
      'sp.id',
      'sp.funding_stream_id as streamId',
      's.name as stream',
      'f.name as funder',
      'sp.project_id as projectId',
      'pr.name as project',
      'sp.starts_on as startsOn',
      'sp.ends_on as endsOn',
      'sp.note',
    ])
    .where('sp.participant_id', '=', participantId)
    .orderBy('sp.starts_on')
    .orderBy('sp.id')
    .execute();
}

export async function findSpell(db: Db, id: number) {
  return db.selectFrom('funding_spells').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertSpell(
  tx: Tx,
  v: {
    participant_id: number;
    funding_stream_id: number;
    project_id: number | null;
    starts_on: string;
    ends_on: string | null;
    note: string | null;
    created_by: number | null;
    at: string;
  },
): Promise<number> {
  const { at, ...values } = v;
  const row = await tx
    .insertInto('funding_spells')
    .values({ ...values, created_at: at, updated_at: at })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateSpell(
  tx: Tx,
  id: number,
  v: {
    funding_stream_id: number;
    project_id: number | null;
    starts_on: string;
    ends_on: string | null;
    note: string | null;
    at: string;
  },
): Promise<void> {
  const { at, ...values } = v;
  await tx
    .updateTable('funding_spells')
    .set({ ...values, updated_at: at })
    .where('id', '=', id)
    .execute();
}

export async function deleteSpell(tx: Tx, id: number): Promise<void> {
  await tx.deleteFrom('funding_spells').where('id', '=', id).execute();
}

// ── A person's items and their attribution ──────────────────────────────────────────────────────

const subject = (kind: AttributedItemKind): AttributionSubject => ({
  kind,
  itemId: sql`i.id`,
  participantId: sql`i.participant_id`,
  date: attributionDate[kind],
});

function attributionColumns(kind: AttributedItemKind) {
  const s = subject(kind);
  return [
    attributedStream(s).as('streamId'),
    attributedProject(s).as('projectId'),
    attributionChanged(s).as('changed'),
  ] as const;
}

export async function personItems(db: Db, participantId: number) {
  const outcomes = await db
    .selectFrom('outcomes as i')
    .leftJoin('outcome_types as ot', 'ot.code', 'i.outcome_type')
    .select([
      sql.lit('outcome').as('kind'),
      'i.id',
      'i.outcome_date as date',
      sql<string>`coalesce(ot.label, i.outcome_type)`.as('label'),
      ...attributionColumns('outcome'),
    ])
    .where('i.participant_id', '=', participantId)
    .execute();
  const placements = await db
    .selectFrom('placements as i')
    .leftJoin('organisations as o', 'o.id', 'i.employer_org_id')
    .select([
      sql.lit('placement').as('kind'),
      'i.id',
      'i.starts_on as date',
      'i.kind as code',
      'o.name as detail',
      ...attributionColumns('placement'),
    ])
    .where('i.participant_id', '=', participantId)
    .execute();
  const enrolments = await db
    .selectFrom('enrolments as i')
    .innerJoin('course_runs as r', 'r.id', 'i.course_run_id')
    .innerJoin('course_types as ct', 'ct.id', 'r.course_type_id')
    .select([
      sql.lit('enrolment').as('kind'),
      'i.id',
      'r.start_date as date',
      'ct.name as detail',
      'i.status as code',
      ...attributionColumns('enrolment'),
    ])
    .where('i.participant_id', '=', participantId)
    .execute();
  // Placement kinds and enrolment statuses are codes: worded here, through the one label lookup.
  const worded = [
    ...outcomes,
    ...placements.map((r) => ({
      ...r,
      label: `${labelOfCode(r.code, placementKinds)}${r.detail ? ` at ${r.detail}` : ''}`,
    })),
    ...enrolments.map((r) => ({
      ...r,
      label: `${r.detail} (${labelOfCode(r.code, enrolmentStatusOptions).toLowerCase()})`,
    })),
  ];
  return worded.map((r) => ({
    kind: r.kind as AttributedItemKind,
    id: r.id,
    date: r.date,
    label: r.label,
    streamId: (r.streamId as number | null) ?? null,
    projectId: (r.projectId as number | null) ?? null,
    changed: Number(r.changed) === 1,
  }));
}

export async function personAttributions(db: Db, participantId: number) {
  return db
    .selectFrom('funding_attributions as a')
    .leftJoin('staff as s', 's.id', 'a.set_by')
    .select(['a.item_kind', 'a.item_id', 'a.reason', 's.display_name as setBy', 'a.set_at'])
    .where('a.participant_id', '=', participantId)
    .execute();
}

/** The person an item belongs to, or undefined when there is no such item. */
export async function itemOwner(db: Db, kind: AttributedItemKind, id: number): Promise<number | undefined> {
  const table = kind === 'outcome' ? 'outcomes' : kind === 'placement' ? 'placements' : 'enrolments';
  const row = await db.selectFrom(table).select('participant_id').where('id', '=', id).executeTakeFirst();
  return row?.participant_id;
}

export async function findAttribution(db: Db, kind: AttributedItemKind, itemId: number) {
  return db
    .selectFrom('funding_attributions')
    .selectAll()
    .where('item_kind', '=', kind)
    .where('item_id', '=', itemId)
    .executeTakeFirst();
}

export async function upsertAttribution(
  tx: Tx,
  v: {
    participant_id: number;
    item_kind: AttributedItemKind;
    item_id: number;
    funding_stream_id: number;
    project_id: number | null;
    reason: string;
    set_by: number | null;
    set_at: string;
  },
): Promise<void> {
  const { participant_id, funding_stream_id, project_id, reason, set_by, set_at } = v;
  await tx
    .insertInto('funding_attributions')
    .values(v)
    .onConflict((oc) =>
      oc
        .columns(['item_kind', 'item_id'])
        .doUpdateSet({ participant_id, funding_stream_id, project_id, reason, set_by, set_at }),
    )
    .execute();
}

export async function deleteAttribution(tx: Tx, kind: AttributedItemKind, itemId: number): Promise<void> {
  await tx.deleteFrom('funding_attributions').where('item_kind', '=', kind).where('item_id', '=', itemId).execute();
}

export async function personStatus(db: Db, id: number) {
  return db
    .selectFrom('participants as p')
    .leftJoin('funding_streams as s', 's.id', 'p.funding_stream_id')
    .select(['p.status', 'p.reference', 's.name as recordStream'])
    .where('p.id', '=', id)
    .executeTakeFirst();
}
