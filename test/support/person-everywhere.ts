// A person with a row in every table the personal-data registry says is about participants, and a
// distinctive value (a canary) in every text column the registry says anonymising erases, replaces
// or generalises, so tests can check that subject access hands each over and anonymising leaves
// none behind. A table added to the registry needs a row here (a test says so).
import { sql } from 'kysely';
import { appendAudit } from '../../db/features/audit/audit.repository';
import { participantTables, type ColumnRule, type TableName } from '../../db/store/tables/personal-data';
import { participantValues } from './builders';
import type { TestBackend } from './backend';

type Row = Record<string, unknown>;

/** Columns keeping the value they have: a code the store checks, a link, a date the rule needs. */
const noCanary = new Set([
  'participants.ni_status',
  'participants.date_of_birth',
  'participants.start_date', // the age band at start is worked out from it
  'participants.privacy_notice_date',
  'evidence_items.file_sha256',
  'evidence_items.file_size',
  'evidence_files.bytes',
]);

export const EVIDENCE_BYTES = Buffer.from('%PDF-1.4 Cnry-evidence-file-bytes\n');

export interface PersonEverywhere {
  id: number;
  other: number;
  /** `table.column` → the canary written there. */
  canaries: Map<string, string>;
}

function withCanaries(table: TableName, row: Row, canaries: Map<string, string>): Row {
  const rules: Record<string, ColumnRule> = Object.fromEntries(
    participantTables()
      .filter((t) => t.table === table)
      .flatMap((t) => Object.entries(t.columns)),
  );
  const out: Row = { ...row };
  for (const [column, rule] of Object.entries(rules)) {
    if (rule.retention === 'keep' || noCanary.has(`${table}.${column}`)) continue;
    const canary = `CNRY-${table}-${column}`.toUpperCase(); // as references are stored
    canaries.set(`${table}.${column}`, canary);
    out[column] = column.endsWith('_json') ? JSON.stringify({ canary }) : canary;
  }
  return out;
}

async function insert(t: TestBackend, table: TableName, row: Row, canaries: Map<string, string>): Promise<number> {
  const values = withCanaries(table, row, canaries);
  const columns = Object.keys(values);
  const hasId = participantTables().find((x) => x.table === table)?.columns.id !== undefined;
  const result = await sql<{ id: number }>`insert into ${sql.table(table)} (${sql.join(columns.map((c) => sql.ref(c)))})
    values (${sql.join(columns.map((c) => values[c]))}) ${hasId ? sql`returning id` : sql``}`.execute(
    t.backend.store.db,
  );
  return Number(result.rows[0]?.id ?? 0);
}

export async function aPersonEverywhere(t: TestBackend): Promise<PersonEverywhere> {
  const db = t.backend.store.db;
  const canaries = new Map<string, string>();
  const now = '2026-06-01T00:00:00.000Z';
  const stream = await db
    .insertInto('funding_streams')
    .values({ code: 'OLD', name: 'Old stream', funder: 'DWP', retain_until: '2026-06-30' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const id = await insert(
    t,
    'participants',
    {
      ...participantValues({
        status: 'left',
        leave_date: '2020-01-31',
        start_date: '2019-03-01',
        date_of_birth: '1990-05-01',
        funding_stream_id: stream.id,
        privacy_notice_date: '2019-03-14',
      }),
    },
    canaries,
  );
  const other = (
    await db
      .insertInto('participants')
      .values(participantValues({ first_name: 'Other' }))
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  const org = (
    await db
      .insertInto('organisations')
      .values({ name: 'NHC', kind: 'college', created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  const type = (
    await db
      .insertInto('course_types')
      .values({ code: 'CNRY', name: 'Level 1 Award', provider_org_id: org })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  const run = (
    await db
      .insertInto('course_runs')
      .values({
        course_type_id: type,
        start_date: '2026-01-10',
        end_date: '2026-01-10',
        capacity: 12,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  const session = (
    await db
      .insertInto('course_sessions')
      .values({ course_run_id: run, session_date: '2026-01-10' })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  await db
    .insertInto('outcome_types')
    .values({ code: 'T_JOB', label: 'Test job', category: 'job' })
    .onConflict((oc) => oc.doNothing())
    .execute();

  const pid = { participant_id: id };
  await insert(t, 'participant_barriers', { ...pid, barrier_code: 'esol' }, canaries);
  await insert(t, 'participant_benefits', { ...pid, benefit_code: 'universal_credit' }, canaries);
  await insert(
    t,
    'eligibility_checks',
    { ...pid, check_code: 'right_to_work', outcome: 'met', evidence_type: 'passport', recorded_at: now },
    canaries,
  );
  await insert(t, 'participant_notes', { ...pid, body: '', created_at: now }, canaries);
  await insert(
    t,
    'keyworker_plan_items',
    { ...pid, kind: 'goal', text: '', created_at: now, updated_at: now },
    canaries,
  );
  await insert(
    t,
    'keyworker_contacts',
    { ...pid, contact_on: '2021-05-01', method: 'phone', created_at: now },
    canaries,
  );
  await insert(
    t,
    'participant_referrals',
    { ...pid, referral_date: '2021-04-01', start_date: '2021-04-12', source: 'form', created_at: now },
    canaries,
  );
  await insert(t, 'not_duplicate_pairs', { participant_a: id, participant_b: other, decided_at: now }, canaries);
  await insert(
    t,
    'participant_merges',
    { survivor_id: id, merged_id: other, snapshot_json: '{}', survivor_version_after: 2, merged_at: now },
    canaries,
  );
  const enrolment = await insert(
    t,
    'enrolments',
    { ...pid, course_run_id: run, status: 'withdrawn', enrolled_on: '2026-01-05', created_at: now },
    canaries,
  );
  await insert(
    t,
    'attendance',
    { course_session_id: session, enrolment_id: enrolment, mark: 'absent', recorded_at: now },
    canaries,
  );
  await insert(t, 'l1_awards', { ...pid, achieved_on: '2026-02-01', created_at: now }, canaries);
  await insert(t, 'hse_tests', { ...pid, taken_on: '2026-02-02', score: 46, created_at: now }, canaries);
  await insert(
    t,
    'cscs_cards',
    { ...pid, card_type: 'green', issued_on: '2026-02-10', expires_on: '2028-02-10', created_at: now },
    canaries,
  );
  await insert(t, 'ppe_issues', { ...pid, issued_on: '2026-02-11', items: 'boots', created_at: now }, canaries);
  await insert(t, 'site_ready_signoffs', { ...pid, signed_on: '2026-02-12', created_at: now }, canaries);
  await insert(
    t,
    'placements',
    { ...pid, kind: 'work_trial', starts_on: '2026-03-01', status: 'ended_early', created_at: now, updated_at: now },
    canaries,
  );
  const outcome = await insert(
    t,
    'outcomes',
    { ...pid, outcome_type: 'T_JOB', outcome_date: '2019-09-01', created_at: now, updated_at: now },
    canaries,
  );
  await insert(
    t,
    'funding_spells',
    {
      ...pid,
      funding_stream_id: stream.id,
      starts_on: '2019-03-01',
      ends_on: '2020-01-31',
      created_at: now,
      updated_at: now,
    },
    canaries,
  );
  await insert(
    t,
    'funding_attributions',
    { ...pid, item_kind: 'outcome', item_id: outcome, funding_stream_id: stream.id, set_at: now },
    canaries,
  );
  await insert(
    t,
    'evidence_files',
    {
      sha256: 'cnry-sha',
      bytes: EVIDENCE_BYTES,
      mime: 'application/pdf',
      size: EVIDENCE_BYTES.length,
      created_at: now,
    },
    canaries,
  );
  await insert(
    t,
    'evidence_items',
    {
      ...pid,
      outcome_id: outcome,
      kind: 'payslip',
      file_sha256: 'cnry-sha',
      file_size: EVIDENCE_BYTES.length,
      created_at: now,
    },
    canaries,
  );
  const employer = await db
    .insertInto('organisations')
    .values({ name: 'Everywhere Build', kind: 'employer', created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  const vacancy = await db
    .insertInto('vacancies')
    .values({
      employer_org_id: employer.id,
      job_title: 'Labourer',
      kind: 'job',
      places: 1,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await insert(
    t,
    'vacancy_candidates',
    {
      ...pid,
      vacancy_id: vacancy.id,
      stage: 'started',
      submitted_on: '2026-02-20',
      started_on: '2026-03-01',
      outcome_id: outcome,
      created_at: now,
      updated_at: now,
    },
    canaries,
  );
  const event = await db
    .insertInto('events')
    .values({ kind: 'careers_fair', title: 'Canary fair', held_on: '2026-02-01', created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  await insert(t, 'event_attendees', { ...pid, event_id: event.id, created_at: now }, canaries);
  await insert(
    t,
    'sustainment_checks',
    { ...pid, start_outcome_id: outcome, weeks: 13, sustained: 1, checked_on: '2026-06-10', created_at: now },
    canaries,
  );
  const batch = (
    await db
      .insertInto('import_batches')
      .values({
        kind: 'participants',
        partner: 'NHC',
        file_name: 'p.xlsx',
        file_sha256: 'ff',
        sheet: 'Sheet1',
        profile_json: '{}',
        rows_in_file: 1,
        created_count: 0,
        updated_count: 1,
        unchanged_count: 0,
        rejected_count: 0,
        error_count: 0,
        at: now,
        undone_at: now,
        undo_kept_json: JSON.stringify([
          { entity: 'participant', id, label: 'SW-CNRY Cnry-undo-kept-label', reason: 'phone edited since the import' },
        ]),
      })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  canaries.set('import_batches.undo_kept_json', 'Cnry-undo-kept-label');
  await insert(
    t,
    'import_batch_rows',
    { batch_id: batch, row_number: 2, action: 'updated', entity: 'participant', entity_id: id, ...pid },
    canaries,
  );
  const set = await db
    .selectFrom('indicator_set_versions')
    .select(['set_id', 'id'])
    .orderBy('id')
    .executeTakeFirstOrThrow();
  const ret = (
    await db
      .insertInto('returns')
      .values({
        set_id: set.set_id,
        set_version_id: set.id,
        period_from: '2019-01-01',
        period_to: '2019-12-31',
        period_label: '2019',
        status: 'submitted',
        totals_json: '{}',
        submitted_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  await insert(
    t,
    'return_lines',
    {
      return_id: ret,
      set_id: set.set_id,
      indicator_code: 'X1',
      person_id: id,
      ...pid,
      item_kind: 'outcome',
      item_id: 1,
    },
    canaries,
  );
  // The audit log and the person's audit key: an entry about them, sealed with that key.
  await db.transaction().execute((tx) =>
    appendAudit(tx, now, t.staffId, {
      action: 'update',
      entity: 'participant',
      entityId: id,
      participantId: id,
      summary: 'Cnry-audit-summary changed',
      after: { email: 'Cnry-audit-value' },
    }),
  );
  canaries.set('audit_log.summary', 'Cnry-audit-summary');
  canaries.set('audit_log.after_json', 'Cnry-audit-value');
  return { id, other, canaries };
}
