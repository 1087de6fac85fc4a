// Planning enrolment and result rows: which course run a row means (the partner's own code for
// it, else our course type and start date, else — when the profile says so — a run to create
// from the row), and for results the enrolment's result and the CSCS facts (L1 Award, HS&E test,
// CSCS card) the row would write, checked by the CSCS rules. Reads only.
import type { Db } from '../../store/schema';
import type { ImportProfile } from '../../../shared/domain/import-profile';
import { codeKey, type FieldValue } from '../../../shared/domain/import-rows';
import {
  cardTypeLabel,
  checkCardAgainstRecords,
  defaultCardExpiry,
  HSE_MAX_SCORE,
  isHsePass,
  isLabourerCard,
} from '../../../shared/domain/cscs';
import { formatUkDate } from '../../../shared/domain/dates';
import type { FieldChange } from './import-state';
import { cscsRecordsOf, findEnrolmentOn } from './import-plan.repository';
import type { Lookups, RowPlan } from './import-plan';

type Target = RowPlan['target'];

/** The key a partner's code is found by: the partner as written in the profile, and the code. */
export const partnerRunKey = (partner: string, code: string) => `${partner.trim().toLowerCase()}|${codeKey(code)}`;

const plan = (
  status: RowPlan['status'],
  changes: FieldChange[] = [],
  target: Target = {},
  problem: string | null = null,
  warning: string | null = null,
): RowPlan => ({ status, changes, target, problem, warning });

interface RunFound {
  /** An existing run, or null for one to create. */
  runId: number | null;
  endDate: string;
  target: Target;
}

/** The course run a row names, or why none; `target` carries what the commit needs. */
export function resolveRun(
  profile: ImportProfile,
  values: Record<string, FieldValue>,
  lookups: Lookups,
): RunFound | { error: string } {
  const str = (k: string) => (values[k] === undefined ? null : String(values[k]));
  const code = str('course');
  const start = str('course_start')!;
  const typeText = str('course_type');
  if (code) {
    const theirs = lookups.partnerRuns.get(partnerRunKey(profile.partner, code)) ?? [];
    const run = theirs.find((r) => r.startDate === start);
    if (run) return { runId: run.id, endDate: run.endDate, target: { courseRunId: run.id } };
  }
  const byType = lookups.courseRuns.get(`${codeKey(typeText ?? code ?? '')}|${start}`);
  if (byType) {
    // Found by our course type and date: the partner's code is kept on the run for next time.
    const target: Target = { courseRunId: byType.id };
    if (code && typeText) Object.assign(target, { attachRefCode: code, attachRefTitle: str('course_title') });
    return { runId: byType.id, endDate: byType.endDate, target };
  }
  const named = `"${code ?? typeText}" starting ${formatUkDate(start)}`;
  if (!profile.createCourseRuns)
    return {
      error: `No course run of ${named} in our records (the profile can create course runs from the file: "createCourseRuns")`,
    };
  const type = lookups.courseTypes.get(codeKey(typeText ?? code ?? ''));
  if (!type)
    return {
      error: typeText
        ? `Course type "${typeText}" is not in our catalogue (add a value mapping to one of its courses)`
        : `No course run of ${named}: map their course to a course type (course_type, or a default) to create it`,
    };
  const end = str('course_end') ?? start;
  if (end < start) return { error: `The course ends (${formatUkDate(end)}) before it starts (${formatUkDate(start)})` };
  return {
    runId: null,
    endDate: end,
    target: {
      courseRunId: null,
      newRunKey: `${code ? codeKey(code) : type.code}|${start}`,
      newRunCode: code,
      newRunTypeCode: type.code,
      newRunTypeName: type.name,
      newRunTitle: str('course_title'),
      newRunStart: start,
      newRunEnd: end,
    },
  };
}

export async function planEnrolmentRow(
  db: Db,
  profile: ImportProfile,
  values: Record<string, FieldValue>,
  participantId: number,
  lookups: Lookups,
): Promise<RowPlan> {
  const run = resolveRun(profile, values, lookups);
  if ('error' in run) return plan('error', [], {}, run.error);
  const target = { participantId, ...run.target };
  if (run.runId === null) return plan('new', [], target);
  const enrolment = await findEnrolmentOn(db, run.runId, participantId);
  if (!enrolment) return plan('new', [], target);
  const changes: FieldChange[] = [];
  const status = values.enrolment_status;
  if (status !== undefined && enrolment.status !== status)
    changes.push({ field: 'enrolment_status', label: 'Enrolment status', from: enrolment.status, to: String(status) });
  const on = values.enrolled_on;
  if (on !== undefined && enrolment.enrolled_on !== on)
    changes.push({
      field: 'enrolled_on',
      label: 'Enrolled on',
      from: formatUkDate(enrolment.enrolled_on),
      to: formatUkDate(String(on)),
    });
  return plan(changes.length ? 'changed' : 'unchanged', changes, { ...target, enrolmentId: enrolment.id });
}

const change = (field: string, label: string, from: string | null, to: string): FieldChange => ({
  field,
  label,
  from,
  to,
});
const ukOrNull = (iso: string | null | undefined) => (iso ? formatUkDate(iso) : null);

/** A results row: the enrolment's result, and the L1 Award, HS&E test and card it carries. */
export async function planResultRow(
  db: Db,
  profile: ImportProfile,
  values: Record<string, FieldValue>,
  participantId: number,
  lookups: Lookups,
): Promise<RowPlan> {
  const str = (k: string) => (values[k] === undefined ? null : String(values[k]));
  const run = resolveRun(profile, values, lookups);
  if ('error' in run) return plan('error', [], {}, run.error);
  const enrolment = run.runId === null ? undefined : await findEnrolmentOn(db, run.runId, participantId);
  if (!enrolment && !profile.createCourseRuns)
    return plan(
      'error',
      [],
      {},
      'This person is not enrolled on that course run in our records (import the enrolments first)',
    );
  const changes: FieldChange[] = [];
  const problems: string[] = [];
  const warnings: string[] = [];
  // The day results are dated when the row gives no date of its own: the result date, else the course's end.
  const resultDay = str('result_date') ?? str('course_end') ?? run.endDate;
  const target: Target = { participantId, ...run.target, enrolmentId: enrolment?.id ?? null };
  if (!enrolment) target.createEnrolment = 1;

  const result = str('result');
  if (result) {
    const status = result === 'passed' ? 'completed' : 'not_completed';
    target.passed = result === 'passed' ? 1 : 0;
    target.completedOn = resultDay;
    if (enrolment && enrolment.status !== status) changes.push(change('result', 'Result', enrolment.status, status));
    if (enrolment && enrolment.completed_on !== resultDay)
      changes.push(change('result_date', 'Result date', ukOrNull(enrolment.completed_on), formatUkDate(resultDay)));
  }

  const records = await cscsRecordsOf(db, participantId);
  const l1Date = str('l1_award_date');
  if (l1Date) {
    const prior = records.l1.find((a) => a.course_run_id === run.runId && run.runId !== null);
    target.l1Date = l1Date;
    if (prior?.achieved_on !== l1Date)
      changes.push(change('l1_award_date', 'Level 1 Award date', ukOrNull(prior?.achieved_on), formatUkDate(l1Date)));
  }

  const score = values.hse_score;
  const hseDate = str('hse_test_date') ?? (score !== undefined ? resultDay : null);
  if (score !== undefined && (!Number.isInteger(score) || Number(score) < 0 || Number(score) > HSE_MAX_SCORE))
    problems.push(`HS&E score ${score} is not a whole number from 0 to ${HSE_MAX_SCORE}`);
  else if (hseDate && score === undefined) problems.push('HS&E score is missing (the row gives a test date)');
  else if (hseDate && score !== undefined) {
    const prior = records.tests.find((t) => t.taken_on === hseDate);
    target.hseDate = hseDate;
    target.hseScore = Number(score);
    if (!str('hse_test_date')) warnings.push(`HS&E test dated ${formatUkDate(hseDate)}, the result date`);
    if (prior?.score !== Number(score))
      changes.push(
        change(
          'hse_score',
          'HS&E score',
          prior ? `${prior.score}/50 on ${formatUkDate(prior.taken_on)}` : null,
          `${score}/50 on ${formatUkDate(hseDate)} (${isHsePass(Number(score)) ? 'pass' : 'fail'})`,
        ),
      );
  }

  const number = str('cscs_card_number');
  const issuedGiven = str('cscs_card_issued');
  const expiryGiven = str('cscs_card_expiry');
  if (number || issuedGiven || expiryGiven || values.cscs_card_type !== undefined) {
    const cardType = str('cscs_card_type') ?? 'green_labourer';
    // When only the expiry (or only the number) is given, the card was issued on the result date: marked as derived.
    const issued = issuedGiven ?? resultDay;
    const prior = records.cards.find(
      (c) => (number && c.card_number === number) || (c.card_type === cardType && c.issued_on === issued),
    );
    const firstLabourer =
      isLabourerCard(cardType) &&
      !records.cards.some((c) => c.id !== prior?.id && isLabourerCard(c.card_type) && c.issued_on < issued);
    const expiry = expiryGiven ?? defaultCardExpiry(cardType, issued, firstLabourer);
    if (expiry <= issued)
      problems.push(
        `The card's expiry (${formatUkDate(expiry)}) is not after its issue date (${formatUkDate(issued)})`,
      );
    // The card is checked against the HS&E record as it would be after this row.
    const tests = records.tests
      .filter((t) => t.taken_on !== target.hseDate)
      .map((t) => ({ takenOn: t.taken_on, score: t.score }));
    if (target.hseDate) tests.push({ takenOn: String(target.hseDate), score: Number(target.hseScore) });
    const awards = records.l1.map((a) => ({ achievedOn: a.achieved_on }));
    if (l1Date) awards.push({ achievedOn: l1Date });
    const check = checkCardAgainstRecords(
      { cardType, issuedOn: issued, isFirstLabourerCard: firstLabourer },
      tests,
      awards,
    );
    if (check.refusal) problems.push(check.refusal);
    warnings.push(...check.warnings);
    if (!issuedGiven) warnings.push(`Card issue date taken from the result date (${formatUkDate(issued)}): derived`);
    Object.assign(target, {
      cardNumber: number,
      cardType,
      cardIssued: issued,
      cardIssuedDerived: issuedGiven ? 0 : 1,
      cardExpiry: expiry,
      cardFirstLabourer: firstLabourer ? 1 : 0,
      cardId: prior?.id ?? null,
    });
    const shown = (c: { card_number: string | null; card_type: string; issued_on: string; expires_on: string }) =>
      `${cardTypeLabel(c.card_type)}${c.card_number ? ` ${c.card_number}` : ''}, ${formatUkDate(c.issued_on)} to ${formatUkDate(c.expires_on)}`;
    const wanted = {
      card_number: number ?? prior?.card_number ?? null,
      card_type: cardType,
      issued_on: issued,
      expires_on: expiry,
    };
    if (
      !prior ||
      prior.card_number !== wanted.card_number ||
      prior.card_type !== cardType ||
      prior.issued_on !== issued ||
      prior.expires_on !== expiry
    )
      changes.push(change('cscs_card', 'CSCS card', prior ? shown(prior) : null, shown(wanted)));
  }

  if (problems.length) return plan('error', [], {}, problems.join('; '));
  const warning = warnings.length ? warnings.join('; ') : null;
  if (!enrolment) return plan('new', changes, target, null, warning);
  return plan(changes.length ? 'changed' : 'unchanged', changes, target, null, warning);
}
