// Committing enrolment and result rows, in the import's one transaction: the course runs the
// file names that we did not have (with the partner's code and title kept on them), enrolments,
// results, and the CSCS facts (L1 Award, HS&E test, CSCS card) with the outcomes they cause.
// Every record written is listed in the batch (so an undo can take it back) and audited.
import type { Insertable } from 'kysely';
import type { Tx } from '../../store/schema';
import type { ImportBatchRowsTable } from '../../store/tables/imports.tables';
import type { EnrolmentStatus } from '../../store/tables/courses.tables';
import type { RunToCreate } from '../../../shared/contract/imports.contract';
import type { AuditEntry } from '../audit/audit.repository';
import { recordOutcomeOnce } from '../outcomes/outcome-writer';
import {
  findCourseTypeByCode,
  findOrganisationByName,
  insertCourseRun,
  insertPartnerRef,
  outcomeBySourceRef,
  partnerRefOf,
  saveImportedCard,
  saveImportedL1,
  saveImportedTest,
} from './import-courses.repository';
import { findEnrolment, insertEnrolment, updateEnrolment } from './imports.repository';
import { moveOutcomeDate } from '../courses/course-outcomes.repository';
import { L1_TITLE } from '../courses/results.service';
import type { PreviewRowState, PreviewState } from './import-state';
import { runsToCreate } from './preview-view';

type BatchRow = Insertable<ImportBatchRowsTable>;

export interface CourseCommit {
  tx: Tx;
  preview: PreviewState;
  at: string;
  today: string;
  staffId: number | null;
  batchId: number;
  /** "import #12 from North Herts College", for audit summaries. */
  source: string;
  batchRows: BatchRow[];
  audit: AuditEntry[];
  /** newRunKey → the run created for it. */
  runIds: Map<string, number>;
  /** People whose CSCS facts changed: the site-ready rule is applied to them afterwards. */
  touched: Set<number>;
}

const runStatus = (start: string, end: string, today: string) =>
  end < today ? ('completed' as const) : start <= today ? ('running' as const) : ('planned' as const);

/** Creates the runs the accepted rows need, first, so their rows can point at them. */
export async function createCourseRuns(c: CourseCommit): Promise<Array<RunToCreate & { id: number }>> {
  const p = c.preview.profile;
  const wanted = runsToCreate(c.preview);
  if (!wanted.length) return [];
  const provider = await findOrganisationByName(c.tx, p.partner);
  const created: Array<RunToCreate & { id: number }> = [];
  for (const run of wanted) {
    const type = await findCourseTypeByCode(c.tx, run.courseTypeCode);
    if (!type) throw new Error(`Course type ${run.courseTypeCode} vanished while importing`);
    const row = {
      course_type_id: type.id,
      provider_org_id: provider?.id ?? null,
      venue: null,
      start_date: run.startDate,
      end_date: run.endDate,
      capacity: Math.max(run.learners, 1),
      tutor: null,
      funding_stream_id: null,
      status: runStatus(run.startDate, run.endDate, c.today),
      notes: `Created from ${p.partner}'s file "${c.preview.source.fileName}" (import #${c.batchId})`,
      created_at: c.at,
      updated_at: c.at,
    };
    const id = await insertCourseRun(c.tx, row);
    c.runIds.set(run.key, id);
    const ref = run.partnerCode
      ? { partner: p.partner, partner_code: run.partnerCode, partner_title: run.title }
      : null;
    if (ref) await insertPartnerRef(c.tx, { ...ref, course_run_id: id, created_at: c.at });
    c.batchRows.push({
      batch_id: c.batchId,
      row_number: 0,
      action: 'created',
      entity: 'course_run',
      entity_id: id,
      participant_id: null,
      before_json: null,
      after_json: JSON.stringify({ ...row, ...(ref ?? {}) }),
    });
    c.audit.push({
      action: 'create',
      entity: 'course_run',
      entityId: id,
      summary:
        `Course run of ${run.courseType} ${run.startDate} to ${run.endDate}` +
        `${run.partnerCode ? ` (${p.partner}: ${run.partnerCode})` : ''} created by ${c.source}`,
      after: { ...row, ...(ref ?? {}) },
    });
    created.push({ ...run, id });
  }
  return created;
}

/** The run a row points at: found while planning, or created above. */
function runOf(c: CourseCommit, r: PreviewRowState): number {
  const t = r.target;
  if (typeof t.courseRunId === 'number') return t.courseRunId;
  const id = c.runIds.get(String(t.newRunKey));
  if (id === undefined) throw new Error(`Row ${r.rowNumber}: its course run was not created`);
  return id;
}

/** A run found by our course type and date takes the partner's code, so their next file finds it. */
async function attachPartnerCode(c: CourseCommit, r: PreviewRowState, runId: number): Promise<void> {
  const code = r.target.attachRefCode;
  if (typeof code !== 'string') return;
  const partner = c.preview.profile.partner;
  if (await partnerRefOf(c.tx, runId, partner)) return;
  const title = typeof r.target.attachRefTitle === 'string' ? r.target.attachRefTitle : null;
  const id = await insertPartnerRef(c.tx, {
    course_run_id: runId,
    partner,
    partner_code: code,
    partner_title: title,
    created_at: c.at,
  });
  c.batchRows.push({
    batch_id: c.batchId,
    row_number: r.rowNumber,
    action: 'created',
    entity: 'course_run_partner_ref',
    entity_id: id,
    participant_id: null,
    before_json: null,
    after_json: JSON.stringify({ course_run_id: runId, partner, partner_code: code }),
  });
  c.audit.push({
    action: 'create',
    entity: 'course_run',
    entityId: runId,
    summary: `${partner}'s code "${code}" kept on course run ${runId} by ${c.source}`,
  });
}

function written(
  c: CourseCommit,
  r: PreviewRowState,
  entity: string,
  id: number,
  before: Record<string, unknown> | null,
  after: Record<string, unknown>,
  summary: string,
): void {
  const pid = r.matchId!;
  c.batchRows.push({
    batch_id: c.batchId,
    row_number: r.rowNumber,
    action: before ? 'updated' : 'created',
    entity,
    entity_id: id,
    participant_id: pid,
    before_json: before ? JSON.stringify(before) : null,
    after_json: JSON.stringify(after),
  });
  c.audit.push({
    action: before ? 'update' : 'create',
    entity,
    entityId: id,
    participantId: pid,
    summary: `${summary} by ${c.source}`,
    ...(before ? { before } : {}),
    after,
  });
}

/** Only the fields whose value differs, as before/after (null when nothing changes). */
function diff(current: Record<string, unknown>, wanted: Record<string, unknown>) {
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(wanted)) {
    if (v === undefined || current[k] === v) continue;
    before[k] = current[k] ?? null;
    after[k] = v;
  }
  return Object.keys(after).length ? { before, after } : null;
}

/** An outcome a fact causes, once; a later correction of the fact's date moves it (while unverified). */
async function outcomeOf(
  c: CourseCommit,
  r: PreviewRowState,
  o: { type: string; date: string; sourceRef: string; runId: number; title?: string },
): Promise<void> {
  const pid = r.matchId!;
  const earlier = await outcomeBySourceRef(c.tx, pid, o.type, o.sourceRef);
  if (earlier) {
    if (earlier.outcome_date !== o.date && earlier.verification_status === 'unverified') {
      await moveOutcomeDate(c.tx, earlier.id, o.date, c.at);
      written(
        c,
        r,
        'outcome',
        earlier.id,
        { outcome_date: earlier.outcome_date },
        { outcome_date: o.date },
        'Outcome date moved',
      );
    }
    return;
  }
  const done = await recordOutcomeOnce(c.tx, c.at, c.staffId, {
    participantId: pid,
    outcomeType: o.type,
    outcomeDate: o.date,
    source: 'import',
    sourceRef: o.sourceRef,
    courseRunId: o.runId,
    qualificationTitle: o.title ?? null,
  });
  if (done.created)
    c.batchRows.push({
      batch_id: c.batchId,
      row_number: r.rowNumber,
      action: 'created',
      entity: 'outcome',
      entity_id: done.id,
      participant_id: pid,
      before_json: null,
      after_json: JSON.stringify({ outcome_type: o.type, outcome_date: o.date }),
    });
}

/** One accepted enrolment or results row. */
export async function writeCourseRow(c: CourseCommit, r: PreviewRowState): Promise<void> {
  const pid = r.matchId!;
  const v = r.values;
  const t = r.target;
  const s = (k: string) => (v[k] === undefined ? null : String(v[k]));
  const kind = c.preview.profile.kind;
  const runId = runOf(c, r);
  await attachPartnerCode(c, r, runId);

  let enrolmentId = typeof t.enrolmentId === 'number' ? t.enrolmentId : null;
  if (enrolmentId === null) {
    const status: EnrolmentStatus =
      kind === 'results'
        ? t.passed === 1
          ? 'completed'
          : t.passed === 0
            ? 'not_completed'
            : 'enrolled'
        : ((s('enrolment_status') ?? 'enrolled') as EnrolmentStatus);
    const row = {
      course_run_id: runId,
      participant_id: pid,
      status,
      waiting_position: null,
      enrolled_on: s('enrolled_on') ?? s('course_start')!,
      eligibility_override_reason: null,
      withdrawn_on: status === 'withdrawn' ? (s('course_end') ?? s('course_start')) : null,
      withdrawn_reason: status === 'withdrawn' ? `Withdrawn (${c.preview.profile.partner}'s file)` : null,
      completed_on: kind === 'results' && t.passed === 1 ? String(t.completedOn) : null,
      created_at: c.at,
      created_by: c.staffId,
    };
    enrolmentId = (await insertEnrolment(c.tx, row)).id;
    written(c, r, 'enrolment', enrolmentId, null, row, 'Enrolment created');
  } else {
    const current = await findEnrolment(c.tx, enrolmentId);
    const wanted =
      kind === 'results'
        ? t.passed === undefined || t.passed === null
          ? {}
          : { status: t.passed === 1 ? 'completed' : 'not_completed', completed_on: t.completedOn }
        : { status: s('enrolment_status') ?? undefined, enrolled_on: s('enrolled_on') ?? undefined };
    const changed = diff(current, wanted);
    if (changed) {
      await updateEnrolment(c.tx, enrolmentId, changed.after, { at: c.at, staffId: c.staffId });
      written(c, r, 'enrolment', enrolmentId, changed.before, changed.after, 'Enrolment updated');
    }
  }
  if (kind !== 'results') return;

  if (t.passed === 1)
    await outcomeOf(c, r, {
      type: 'course_completed',
      date: String(t.completedOn),
      sourceRef: `enrolment:${enrolmentId}`,
      runId,
    });
  if (typeof t.l1Date === 'string') {
    const saved = await saveImportedL1(c.tx, pid, runId, t.l1Date, c.at);
    if (saved.before !== undefined)
      written(c, r, 'l1_award', saved.id, saved.before, saved.after, `Level 1 Award ${t.l1Date}`);
    await outcomeOf(c, r, {
      type: 'qualification',
      date: t.l1Date,
      sourceRef: `l1_award:${saved.id}`,
      runId,
      title: L1_TITLE,
    });
    c.touched.add(pid);
  }
  if (typeof t.hseDate === 'string') {
    const saved = await saveImportedTest(c.tx, pid, runId, t.hseDate, Number(t.hseScore), c.at);
    if (saved.before !== undefined)
      written(c, r, 'hse_test', saved.id, saved.before, saved.after, `HS&E test ${t.hseDate}: ${t.hseScore}/50`);
    c.touched.add(pid);
  }
  if (typeof t.cardIssued === 'string') {
    const card = {
      card_type: String(t.cardType),
      card_number: typeof t.cardNumber === 'string' ? t.cardNumber : null,
      issued_on: t.cardIssued,
      expires_on: String(t.cardExpiry),
      is_first_labourer_card: Number(t.cardFirstLabourer),
      issued_on_derived: Number(t.cardIssuedDerived),
    };
    const saved = await saveImportedCard(c.tx, pid, runId, card, c.at);
    if (saved.before !== undefined)
      written(
        c,
        r,
        'cscs_card',
        saved.id,
        saved.before,
        saved.after,
        `CSCS card issued ${card.issued_on}, expires ${card.expires_on}`,
      );
    await outcomeOf(c, r, { type: 'cscs_card', date: card.issued_on, sourceRef: `cscs_card:${saved.id}`, runId });
    c.touched.add(pid);
  }
}
