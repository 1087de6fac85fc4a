// The fit check shown before a person is put forward for a vacancy: site ready under the
// programme's rule, the CSCS card the vacancy asks for, eligibility, and whether they are
// already in work. A failed requirement does not stop an officer (employers sometimes take
// people who are nearly ready) but asks them to say why; being in work or pending eligibility
// only asks them to look; being put forward twice for one vacancy is refused.
import { cardTypeLabel } from './cscs';
import { addDaysIso, formatUkDate } from './dates';

export type FitState = 'pass' | 'warn' | 'fail' | 'blocked';
export type FitCode = 'candidate' | 'site_ready' | 'card' | 'eligible' | 'in_work';

export interface FitCheck {
  code: FitCode;
  state: FitState;
  label: string;
  detail: string;
}

/** good: nothing to look at; check: look first; needs-reason: say why; blocked: refused. */
export type FitOverall = 'good' | 'check' | 'needs-reason' | 'blocked';

export interface FitResult {
  overall: FitOverall;
  checks: FitCheck[];
}

export interface FitVacancy {
  requiresSiteReady: boolean;
  cardTypeRequired: string | null;
}

export interface FitPerson {
  status: string;
  eligibilityStatus: string;
  siteReady: { ready: boolean; missing: string[] };
  /** Card types the person holds that are valid today. */
  validCardTypes: string[];
  labourMarketStatus: string | null;
  /** Job, apprenticeship and self-employment starts (not rejected), with the day a linked
   * placement ended, if it did. */
  jobStarts: Array<{ date: string; label: string; endedOn: string | null }>;
  alreadyCandidate: boolean;
}

/** A start older than this is not taken as "in work" without a later record saying so. */
export const IN_WORK_DAYS = 365;

export function checkFit(vacancy: FitVacancy, person: FitPerson, today: string): FitResult {
  const checks: FitCheck[] = [];
  if (person.alreadyCandidate)
    checks.push({
      code: 'candidate',
      state: 'blocked',
      label: 'Already put forward',
      detail: 'Already a candidate for this vacancy',
    });
  if (person.status === 'merged' || person.status === 'anonymised')
    checks.push({
      code: 'candidate',
      state: 'blocked',
      label: 'Record closed',
      detail: person.status === 'merged' ? 'Merged into another record' : 'Anonymised',
    });

  const missing = person.siteReady.missing.join('; ');
  checks.push(
    person.siteReady.ready
      ? { code: 'site_ready', state: 'pass', label: 'Site ready', detail: 'Site ready under the programme’s rule' }
      : {
          code: 'site_ready',
          state: vacancy.requiresSiteReady ? 'fail' : 'warn',
          label: 'Not site ready',
          detail: missing ? `Missing: ${missing}` : 'Not site ready under the programme’s rule',
        },
  );

  const held = person.validCardTypes.map(cardTypeLabel).join(', ');
  if (vacancy.cardTypeRequired) {
    const has = person.validCardTypes.includes(vacancy.cardTypeRequired);
    checks.push({
      code: 'card',
      state: has ? 'pass' : 'fail',
      label: has ? 'Card held' : 'Card missing',
      detail: has
        ? `Holds a valid ${cardTypeLabel(vacancy.cardTypeRequired)} card`
        : `Needs a valid ${cardTypeLabel(vacancy.cardTypeRequired)} card${held ? `; holds ${held}` : '; holds no valid card'}`,
    });
  } else
    checks.push({
      code: 'card',
      state: 'pass',
      label: held ? 'Card held' : 'No card asked for',
      detail: held ? `Holds ${held}` : 'The vacancy asks for no CSCS card',
    });

  checks.push(
    person.eligibilityStatus === 'eligible'
      ? { code: 'eligible', state: 'pass', label: 'Eligible', detail: 'Eligibility checks met' }
      : person.eligibilityStatus === 'not_eligible'
        ? { code: 'eligible', state: 'fail', label: 'Not eligible', detail: 'An eligibility check was not met' }
        : { code: 'eligible', state: 'warn', label: 'Eligibility pending', detail: 'Eligibility evidence is pending' },
  );

  checks.push(inWorkCheck(person, today));

  const states = new Set(checks.map((c) => c.state));
  const overall: FitOverall = states.has('blocked')
    ? 'blocked'
    : states.has('fail')
      ? 'needs-reason'
      : states.has('warn')
        ? 'check'
        : 'good';
  return { overall, checks };
}

function inWorkCheck(person: FitPerson, today: string): FitCheck {
  const since = addDaysIso(today, -IN_WORK_DAYS);
  const current = person.jobStarts
    .filter((j) => j.date >= since && (j.endedOn === null || j.endedOn >= today))
    .sort((a, b) => b.date.localeCompare(a.date))[0];
  if (current)
    return {
      code: 'in_work',
      state: 'warn',
      label: current.date > today ? 'Due to start work' : 'In work',
      detail: `${current.label} on ${formatUkDate(current.date)}`,
    };
  if (person.labourMarketStatus === 'employed')
    return { code: 'in_work', state: 'warn', label: 'In work', detail: 'Employed when they joined the programme' };
  return { code: 'in_work', state: 'pass', label: 'Not in work', detail: 'No current job recorded' };
}

/** One line of what the check found, kept with the candidate (what was known when put forward). */
export function fitNotes(result: FitResult): string {
  return result.checks.map((c) => `${c.label}${c.state === 'pass' ? '' : ` (${c.detail})`}`).join('; ');
}
