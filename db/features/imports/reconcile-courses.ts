// Reconciling a partner's enrolments, results or placements against ours, row by row: the record
// the row means (a person on a course run, a placement starting on a date), each field the file
// gives compared with ours, and — for accepting their value — exactly what would change in which
// row. Then our records in the partner's scope and the period that the file lacks. Reads only.
import type { Db } from '../../store/schema';
import type { ImportProfile } from '../../../shared/domain/import-profile';
import { codeKey, type FieldValue } from '../../../shared/domain/import-rows';
import { cardTypeLabel, isHsePass } from '../../../shared/domain/cscs';
import { formatUkDate } from '../../../shared/domain/dates';
import { cscsRecordsOf, findEnrolmentOn, placementsOf } from './import-plan.repository';
import { enrolmentsOnRuns, partnerRunIds, placementsStarting } from './reconcile.repository';
import { resolveRun } from './import-plan-courses';
import type { Lookups } from './import-plan';
import type { ReconcileItem, ReconcilePatch } from './import-state';

type Difference = ReconcileItem['differences'][number];

export interface Compared {
  status: 'agree' | 'differ' | 'theirs_only';
  entityId: number | null;
  detail: string;
  differences: Difference[];
  patches: Record<string, ReconcilePatch>;
}

const uk = (iso: string | null | undefined) => (iso ? formatUkDate(iso) : null);
const labels: Record<string, string> = {
  enrolment_status: 'Enrolment status',
  enrolled_on: 'Enrolled on',
  result: 'Result',
  result_date: 'Result date',
  l1_award_date: 'Level 1 Award date',
  hse_score: 'HS&E score',
  cscs_card_number: 'CSCS card number',
  cscs_card_issued: 'CSCS card issue date',
  cscs_card_expiry: 'CSCS card expiry',
  ends_on: 'Ends on',
  hours_per_week: 'Hours per week',
  placement_status: 'Status',
  placement_kind: 'Placement kind',
  site: 'Site',
  supervisor: 'Supervisor',
};

class Comparison {
  differences: Difference[] = [];
  patches: Record<string, ReconcilePatch> = {};
  /** Records a difference; `patch` is what accepting their value writes (none: import the file instead). */
  add(field: string, ours: string | null, theirs: string, patch?: ReconcilePatch): void {
    this.differences.push({ field, label: labels[field] ?? field, ours, theirs });
    if (patch) this.patches[field] = patch;
  }
  result(entityId: number, what: string): Compared {
    const d = this.differences;
    return {
      status: d.length ? 'differ' : 'agree',
      entityId,
      detail: d.length
        ? d.map((x) => `${x.label}: ours ${x.ours ?? '(blank)'}, theirs ${x.theirs}`).join('; ')
        : `Agrees (${what})`,
      differences: d,
      patches: this.patches,
    };
  }
}

const theirsOnly = (detail: string): Compared => ({
  status: 'theirs_only',
  entityId: null,
  detail,
  differences: [],
  patches: {},
});

/** One row of an enrolments or results file against our enrolment (and CSCS facts). */
export async function compareCourseRow(
  db: Db,
  profile: ImportProfile,
  values: Record<string, FieldValue>,
  participantId: number,
  lookups: Lookups,
  seen: { enrolments: Set<number>; runs: Set<number> },
): Promise<Compared> {
  const str = (k: string) => (values[k] === undefined ? null : String(values[k]));
  const run = resolveRun({ ...profile, createCourseRuns: false }, values, lookups);
  if ('error' in run) return theirsOnly(run.error);
  seen.runs.add(run.runId!);
  const enrolment = await findEnrolmentOn(db, run.runId!, participantId);
  if (!enrolment)
    return theirsOnly(`Not enrolled on ${str('course')} starting ${uk(str('course_start'))} in our records`);
  seen.enrolments.add(enrolment.id);
  const c = new Comparison();
  const on = (table: ReconcilePatch['table'], id: number, set: ReconcilePatch['set']): ReconcilePatch => ({
    table,
    id,
    participantId,
    set,
  });
  if (profile.kind === 'enrolments') {
    const status = str('enrolment_status');
    if (status && status !== enrolment.status)
      c.add('enrolment_status', enrolment.status, status, on('enrolments', enrolment.id, { status }));
    const enrolled = str('enrolled_on');
    if (enrolled && enrolled !== enrolment.enrolled_on)
      c.add(
        'enrolled_on',
        uk(enrolment.enrolled_on),
        uk(enrolled)!,
        on('enrolments', enrolment.id, { enrolled_on: enrolled }),
      );
    return c.result(enrolment.id, enrolment.status);
  }
  const result = str('result');
  if (result) {
    const status = result === 'passed' ? 'completed' : 'not_completed';
    if (status !== enrolment.status)
      c.add('result', enrolment.status, status, on('enrolments', enrolment.id, { status }));
  }
  const resultDate = str('result_date');
  if (resultDate && resultDate !== enrolment.completed_on)
    c.add(
      'result_date',
      uk(enrolment.completed_on),
      uk(resultDate)!,
      on('enrolments', enrolment.id, { completed_on: resultDate }),
    );
  const records = await cscsRecordsOf(db, participantId);
  const l1 = str('l1_award_date');
  if (l1) {
    const ours = records.l1.find((a) => a.course_run_id === run.runId);
    if (ours?.achieved_on !== l1)
      c.add(
        'l1_award_date',
        uk(ours?.achieved_on),
        uk(l1)!,
        ours ? on('l1_awards', ours.id, { achieved_on: l1 }) : undefined,
      );
  }
  const score = values.hse_score;
  const testDate = str('hse_test_date');
  if (score !== undefined && testDate) {
    const ours = records.tests.find((t) => t.taken_on === testDate);
    if (ours?.score !== Number(score))
      c.add(
        'hse_score',
        ours ? `${ours.score}/50 on ${uk(ours.taken_on)}` : null,
        `${score}/50 on ${uk(testDate)} (${isHsePass(Number(score)) ? 'pass' : 'fail'})`,
        ours ? on('hse_tests', ours.id, { score: Number(score) }) : undefined,
      );
  }
  const number = str('cscs_card_number');
  const expiry = str('cscs_card_expiry');
  const issued = str('cscs_card_issued');
  if (number || expiry || issued) {
    const ours =
      (number ? records.cards.find((x) => x.card_number === number) : undefined) ??
      records.cards.filter((x) => x.course_run_id === run.runId).at(-1);
    if (!ours) c.add('cscs_card_number', null, [number, expiry && `expires ${uk(expiry)}`].filter(Boolean).join(', '));
    else {
      const card = (set: ReconcilePatch['set']) => on('cscs_cards', ours.id, set);
      if (number && ours.card_number !== number)
        c.add('cscs_card_number', ours.card_number, number, card({ card_number: number }));
      if (expiry && ours.expires_on !== expiry)
        c.add('cscs_card_expiry', uk(ours.expires_on), uk(expiry)!, card({ expires_on: expiry }));
      if (issued && ours.issued_on !== issued)
        c.add('cscs_card_issued', uk(ours.issued_on), uk(issued)!, card({ issued_on: issued, issued_on_derived: 0 }));
    }
  }
  const card = records.cards.find((x) => x.course_run_id === run.runId);
  return c.result(enrolment.id, `${enrolment.status}${card ? `, ${cardTypeLabel(card.card_type)} card` : ''}`);
}

/** One row of a placements file against our placement starting that day. */
export async function comparePlacementRow(
  db: Db,
  values: Record<string, FieldValue>,
  participantId: number,
  seen: Set<number>,
): Promise<Compared> {
  const startsOn = String(values.starts_on);
  const ours = (await placementsOf(db, participantId)).find((p) => p.starts_on === startsOn && !seen.has(p.id));
  if (!ours) return theirsOnly(`No placement starting ${uk(startsOn)} in our records`);
  seen.add(ours.id);
  const c = new Comparison();
  const fields: Array<[string, keyof typeof ours & string, (v: unknown) => string | null]> = [
    ['ends_on', 'ends_on', (v) => uk(v as string | null)],
    ['hours_per_week', 'hours_per_week', (v) => (v === null || v === undefined ? null : String(v))],
    ['placement_status', 'status', (v) => (v as string | null) ?? null],
    ['placement_kind', 'kind', (v) => (v as string | null) ?? null],
    ['site', 'site', (v) => (v as string | null) ?? null],
    ['supervisor', 'supervisor', (v) => (v as string | null) ?? null],
  ];
  for (const [field, column, show] of fields) {
    const theirs = values[field];
    if (theirs === undefined) continue;
    const same = typeof theirs === 'number' ? Number(ours[column]) === theirs : ours[column] === theirs;
    if (!same)
      c.add(field, show(ours[column]), show(theirs) ?? '', {
        table: 'placements',
        id: ours.id,
        participantId,
        set: { [column]: theirs },
      });
  }
  return c.result(ours.id, `placement from ${uk(startsOn)}`);
}

/** Our records in the partner's scope and the period that the file did not list. */
export async function oursNotTheirs(
  db: Db,
  profile: ImportProfile,
  lookups: Lookups,
  period: { from: string | null; to: string | null },
  seen: Set<number>,
  runsInFile: Set<number>,
): Promise<Array<Omit<ReconcileItem, 'id'>>> {
  const item = (
    r: { id: number; participant_id: number; reference: string; first_name: string; last_name: string },
    detail: string,
  ): Omit<ReconcileItem, 'id'> => ({
    status: 'ours_only',
    rowNumber: null,
    participantId: r.participant_id,
    entityId: r.id,
    reference: r.reference,
    name: `${r.first_name} ${r.last_name}`,
    detail,
    differences: [],
    accepted: [],
    patches: {},
  });
  if (profile.kind === 'placements') {
    const employer = profile.scope.employer ? lookups.organisations.get(codeKey(profile.scope.employer)) : undefined;
    return (await placementsStarting(db, { ...period, employerOrgId: employer }))
      .filter((p) => !seen.has(p.id))
      .map((p) => item(p, `Placement from ${uk(p.starts_on)}; not in the partner's file`));
  }
  // The partner's runs: those carrying their code, and those the file named; in the period.
  const runs = new Set([...(await partnerRunIds(db, profile.partner)), ...runsInFile]);
  return (await enrolmentsOnRuns(db, [...runs], period))
    .filter((e) => !seen.has(e.id))
    .map((e) => item(e, `${e.course} starting ${uk(e.start_date)} (${e.status}); not in the partner's file`));
}
