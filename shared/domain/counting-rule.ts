// An indicator's counting rule, stated declaratively so staff can read it as a sentence and the
// backend can compile it into one query. Pure: used by the editor (live sentence, field errors)
// and by the engine (db/features/returns/indicator-engine.ts).
import { enrolmentStatusOptions, labelOfCode } from './labels';
import { z } from 'zod';
import { areaFilterSchema, describeArea, type GeographyLevel } from './geography';
import { ageBands, type AgeBand } from './age-band';
import { placementKindCodes, sectors } from './outcome-lists';

export const ruleSubjects = [
  'participants',
  'funding_spells',
  'outcomes',
  'enrolments',
  'course_runs',
  'site_ready',
  'placements',
] as const;
export type RuleSubject = (typeof ruleSubjects)[number];

/** The date fields each subject can be counted by (the period applies to this date, inclusive). */
export const dateFieldsBySubject: Record<RuleSubject, readonly string[]> = {
  participants: ['start_date', 'referral_date'],
  funding_spells: ['starts_on'],
  outcomes: ['outcome_date'],
  enrolments: ['run_start_date', 'enrolled_on', 'completed_on'],
  course_runs: ['start_date', 'end_date'],
  site_ready: ['signed_on'],
  placements: ['starts_on'],
};

export const distinctKeys = ['participant', 'item', 'employer'] as const;
const code = z.string().regex(/^[a-z0-9_]+$/, 'Use lower-case codes such as job_start');

/** An age range at the start on the programme, inclusive; either end may be open. */
export const ageRangeSchema = z
  .object({
    min: z.number().int().min(0).max(120).optional(),
    max: z.number().int().min(0).max(120).optional(),
  })
  .strict()
  .refine((r) => r.min !== undefined || r.max !== undefined, 'Give the youngest age, the oldest age or both')
  .refine((r) => r.min === undefined || r.max === undefined || r.min <= r.max, {
    message: 'The youngest age must not be above the oldest',
    path: ['max'],
  });
export type AgeRange = z.infer<typeof ageRangeSchema>;

const bandSpan: Record<AgeBand, [number, number]> = {
  'under 16': [0, 15],
  '16-24': [16, 24],
  '25-34': [25, 34],
  '35-49': [35, 49],
  '50-54': [50, 54],
  '55-64': [55, 64],
  '65+': [65, 200],
};

/** The age bands kept for an anonymised person (no date of birth) that lie wholly inside a range,
 * so an anonymised person is still counted where their band answers the question (16-24, 50+)
 * and never where it cannot (16-18). */
export function ageBandsWithin(range: AgeRange): AgeBand[] {
  return ageBands.filter((b) => bandSpan[b][0] >= (range.min ?? 0) && bandSpan[b][1] <= (range.max ?? 200));
}

/** Which items a set counts by their funding: only those attributed to one of the set's funder's
 * streams ('funder'), or any ('any'). Absent in rules saved before funding attribution existed,
 * which counted everything: absent keeps that meaning so old versions and their returns do not
 * change; every rule written since says which. */
export const fundingScopes = ['funder', 'any'] as const;

export const countingRuleSchema = z
  .object({
    subject: z.enum(ruleSubjects),
    dateField: z.string(),
    countDistinct: z.enum(distinctKeys),
    outcomeTypes: z.array(code).max(30).optional(),
    verifiedOnly: z.boolean().optional(),
    /** Outcomes whose sector, or whose employer's sector, is one of these (case-insensitive). */
    sectors: z.array(z.string().min(1).max(60)).max(20).optional(),
    enrolmentStatuses: z
      .array(z.enum(['enrolled', 'waiting', 'withdrawn', 'completed', 'not_completed']))
      .max(5)
      .optional(),
    cscsOnly: z.boolean().optional(),
    eligibleOnly: z.boolean().optional(),
    /** "Engaging with keyworker support": people with at least one recorded keyworker contact. */
    keyworkerContact: z.boolean().optional(),
    /** "Attended an event (of kind …) in the period": people named as attending an event held in
     * the period counted; `kinds` (codes of the event_kind reference list) narrows it, empty any. */
    attendedEvent: z
      .object({ kinds: z.array(code).max(20).default([]) })
      .strict()
      .optional(),
    labourMarketStatuses: z.array(code).max(10).optional(),
    postcodeDistricts: z
      .array(z.string().regex(/^[A-Z]{1,2}[0-9][0-9A-Z]?$/, 'Use postcode districts such as SG1'))
      .max(40)
      .optional(),
    /** Codes of funding streams the item is attributed to. */
    fundingStreams: z.array(z.string().min(1).max(40)).max(10).optional(),
    /** Codes of funding projects the item is attributed to. */
    fundingProjects: z.array(z.string().min(1).max(40)).max(20).optional(),
    funding: z.enum(fundingScopes).optional(),
    barriers: z.array(code).max(20).optional(),
    ageAtStart: z.array(ageRangeSchema).max(6).optional(),
    sexes: z.array(code).max(5).optional(),
    /** The person's highest qualification at entry. */
    qualificationLevels: z.array(code).max(10).optional(),
    /** Outcomes and placements of these apprenticeship levels (2 intermediate … 7 degree). */
    apprenticeshipLevels: z.array(z.number().int().min(2).max(7)).max(6).optional(),
    /** Outcomes and placements of at least this many hours a week (16 for the usual job measure). */
    minHoursPerWeek: z.number().min(1).max(60).optional(),
    placementKinds: z.array(z.enum(placementKindCodes)).max(5).optional(),
    /** Where people live: the local area (the setting), local authorities, wards, LSOAs, IMD deciles
     * or postcode districts (shared/domain/geography.ts; the participant columns are the geography
     * area's, db/features/geography/resolution.ts). */
    area: areaFilterSchema.optional(),
    /** Participants only: a person referred again (a later referral, participant_referrals) is
     * counted again by that referral's date. Off by default: ESF counts a person who leaves and
     * comes back once, with start data from the first participation. */
    countReEntries: z.boolean().optional(),
    excludeClaimedInSubmittedReturns: z.boolean(),
    /** Codes of other indicators in the same set: what they count is not counted again here. */
    notCountedUnder: z.array(z.string().min(1).max(20)).max(10).optional(),
  })
  .strict()
  .superRefine((rule, ctx) => {
    if (!dateFieldsBySubject[rule.subject].includes(rule.dateField)) {
      ctx.addIssue({
        code: 'custom',
        path: ['dateField'],
        message: `For ${rule.subject} the date must be one of: ${dateFieldsBySubject[rule.subject].join(', ')}`,
      });
    }
    if (rule.subject === 'course_runs' && rule.countDistinct !== 'item') {
      ctx.addIssue({ code: 'custom', path: ['countDistinct'], message: 'Course runs are counted as items' });
    }
    if (rule.countDistinct === 'employer' && rule.subject !== 'placements' && rule.subject !== 'outcomes') {
      ctx.addIssue({
        code: 'custom',
        path: ['countDistinct'],
        message: 'Only placements and outcomes can be counted by employer',
      });
    }
    if (rule.outcomeTypes && rule.subject !== 'outcomes')
      ctx.addIssue({ code: 'custom', path: ['outcomeTypes'], message: 'Outcome types apply to outcomes only' });
    if (rule.verifiedOnly && rule.subject !== 'outcomes')
      ctx.addIssue({ code: 'custom', path: ['verifiedOnly'], message: 'Verification applies to outcomes only' });
    if (rule.enrolmentStatuses && rule.subject !== 'enrolments')
      ctx.addIssue({
        code: 'custom',
        path: ['enrolmentStatuses'],
        message: 'Enrolment statuses apply to enrolments only',
      });
    if (rule.cscsOnly && rule.subject !== 'enrolments' && rule.subject !== 'course_runs')
      ctx.addIssue({
        code: 'custom',
        path: ['cscsOnly'],
        message: 'CSCS courses apply to course runs and enrolments only',
      });
    if (rule.keyworkerContact && rule.subject === 'course_runs')
      ctx.addIssue({
        code: 'custom',
        path: ['keyworkerContact'],
        message: 'Keyworker support does not apply to course runs',
      });
    if (rule.attendedEvent && rule.subject === 'course_runs')
      ctx.addIssue({
        code: 'custom',
        path: ['attendedEvent'],
        message: 'Attending an event does not apply to course runs',
      });
    if (rule.area && rule.subject === 'course_runs')
      ctx.addIssue({ code: 'custom', path: ['area'], message: 'Where people live does not apply to course runs' });
    if (rule.countReEntries && rule.subject !== 'participants')
      ctx.addIssue({ code: 'custom', path: ['countReEntries'], message: 'Re-entries apply to participants only' });
    if (rule.sectors && rule.subject !== 'outcomes')
      ctx.addIssue({ code: 'custom', path: ['sectors'], message: 'Sectors apply to outcomes only' });
    const jobLike = rule.subject === 'outcomes' || rule.subject === 'placements';
    if (rule.apprenticeshipLevels && !jobLike)
      ctx.addIssue({
        code: 'custom',
        path: ['apprenticeshipLevels'],
        message: 'Apprenticeship levels apply to outcomes and placements only',
      });
    if (rule.minHoursPerWeek !== undefined && !jobLike)
      ctx.addIssue({
        code: 'custom',
        path: ['minHoursPerWeek'],
        message: 'Hours a week apply to outcomes and placements only',
      });
    if (rule.placementKinds && rule.subject !== 'placements')
      ctx.addIssue({ code: 'custom', path: ['placementKinds'], message: 'Placement kinds apply to placements only' });
    if (rule.subject === 'course_runs') {
      for (const field of ['ageAtStart', 'sexes', 'qualificationLevels', 'fundingProjects'] as const)
        if (rule[field] !== undefined)
          ctx.addIssue({ code: 'custom', path: [field], message: 'Course runs are not about one person or project' });
    }
  });

export type CountingRule = z.infer<typeof countingRuleSchema>;

const listOf = (items: string[], word = 'or'): string =>
  items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} ${word} ${items.at(-1)}`;

const runDateWords: Record<string, string> = { start_date: 'starting', run_start_date: 'starting', end_date: 'ending' };

const dateWords: Record<string, string> = {
  start_date: 'who started',
  referral_date: 'referred',
  outcome_date: 'dated',
  run_start_date: 'on a course run starting',
  enrolled_on: 'enrolled',
  completed_on: 'completing',
  end_date: 'ending',
  signed_on: 'signed off',
  starts_on: 'starting',
};

/** How codes in a rule are shown: reference-data labels where the caller has them. */
export interface RuleLabels {
  outcomeType?(code: string): string;
  labourMarket?(code: string): string;
  sex?(code: string): string;
  qualification?(code: string): string;
  barrier?(code: string): string;
  placementKind?(code: string): string;
  /** Kinds of event (the event_kind reference list). */
  eventKind?(code: string): string;
  stream?(code: string): string;
  project?(code: string): string;
  /** Names of areas (local authorities, wards, neighbourhoods) from the names files. */
  area?(level: GeographyLevel, code: string): string;
  /** The set's funder, for "attributed to a funding stream of …". */
  funderName?: string;
}

/** "aged 16 to 24", "aged 50 or over", "aged 18 or under". */
export function describeAgeRange(r: AgeRange): string {
  if (r.min !== undefined && r.max !== undefined)
    return r.min === r.max ? `aged ${r.min}` : `aged ${r.min} to ${r.max}`;
  if (r.min !== undefined) return `aged ${r.min} or over`;
  return `aged ${r.max} or under`;
}

/** The rule as a sentence staff can read: "Participants with a verified outcome of type Job start …". */
export function describeRule(rule: CountingRule, labels: RuleLabels = {}): string {
  // Codes the caller has no label for go through the one label lookup, never shown raw.
  const label = (f: ((c: string) => string) | undefined, c: string) => f?.(c) ?? labelOfCode(c);
  const ot = (c: string) => labels.outcomeType?.(c) ?? labelOfCode(c);
  const lm = (c: string) => labels.labourMarket?.(c) ?? labelOfCode(c);
  const parts: string[] = [];
  const when = `${dateWords[rule.dateField] ?? rule.dateField} in the period`;
  switch (rule.subject) {
    case 'participants':
      parts.push(
        rule.countReEntries
          ? `Participants ${when}, counting each participation (a person referred again counts again)`
          : `Participants ${when}`,
      );
      break;
    case 'funding_spells':
      parts.push(
        rule.countDistinct === 'item'
          ? `Spells of funded support starting in the period`
          : `Participants whose funded support started in the period`,
      );
      break;
    case 'outcomes': {
      const types = rule.outcomeTypes?.length ? ` of type ${listOf(rule.outcomeTypes.map(ot))}` : '';
      const sector = rule.sectors?.length
        ? ` in ${listOf(rule.sectors.map((c) => labelOfCode(c, sectors).toLowerCase()))}`
        : '';
      const who =
        rule.countDistinct === 'item'
          ? 'Outcomes'
          : rule.countDistinct === 'employer'
            ? 'Employers with'
            : 'Participants with';
      const article = rule.countDistinct === 'item' ? '' : rule.verifiedOnly ? ' a' : ' an';
      // The whole sentence is tidied ("Outcomes outcomes of type …" reads "Outcomes of type …").
      const sentence =
        `${who}${article} ${rule.verifiedOnly ? 'verified ' : ''}outcome${rule.countDistinct === 'item' ? 's' : ''}${types}` +
        `${sector} ${when} (rejected outcomes never count)`;
      parts.push(
        sentence.replace('Outcomes outcomes', 'Outcomes').replace('Outcomes verified outcomes', 'Verified outcomes'),
      );
      break;
    }
    case 'enrolments': {
      const status = rule.enrolmentStatuses?.length
        ? ` with status ${listOf(rule.enrolmentStatuses.map((s) => labelOfCode(s, enrolmentStatusOptions).toLowerCase()))}`
        : '';
      parts.push(
        `${rule.countDistinct === 'item' ? 'Enrolments' : 'Participants with an enrolment'} on ${rule.cscsOnly ? 'a CSCS course' : 'any course'}` +
          `${status}, ${when}`,
      );
      break;
    }
    case 'course_runs': {
      // A run starts or ends; it is not a person who started.
      const runWhen = runDateWords[rule.dateField] ?? dateWords[rule.dateField] ?? 'dated';
      parts.push(`${rule.cscsOnly ? 'CSCS course runs' : 'Course runs'} (not cancelled) ${runWhen} in the period`);
      break;
    }
    case 'site_ready':
      parts.push(`Participants with a site-ready sign-off (not revoked) ${when}`);
      break;
    case 'placements': {
      const kinds = rule.placementKinds?.length
        ? ` ${listOf(rule.placementKinds.map((k) => label(labels.placementKind, k).toLowerCase()))} placement`
        : ' work placement';
      parts.push(
        `${rule.countDistinct === 'employer' ? 'Employers offering' : rule.countDistinct === 'item' ? 'Placements,' : 'Participants with'}` +
          ` a${/^ [aeiou]/i.test(kinds) ? 'n' : ''}${kinds} ${when}`,
      );
      break;
    }
  }
  const details: string[] = [];
  if (rule.minHoursPerWeek !== undefined) details.push(`of ${rule.minHoursPerWeek} or more hours a week`);
  if (rule.apprenticeshipLevels?.length)
    details.push(`at apprenticeship level ${listOf(rule.apprenticeshipLevels.map(String))}`);
  if (details.length) parts[0] = `${parts[0]}, ${details.join(', ')}`;
  const who: string[] = [];
  if (rule.eligibleOnly) who.push('whose eligibility is confirmed');
  if (rule.keyworkerContact) who.push('engaging with keyworker support (at least one recorded contact)');
  if (rule.attendedEvent)
    who.push(
      rule.attendedEvent.kinds.length
        ? `who attended ${listOf(
            rule.attendedEvent.kinds.map((c) => label(labels.eventKind, c)),
            'or',
          )} in the period`
        : 'who attended an event in the period',
    );
  if (rule.ageAtStart?.length) who.push(`${listOf(rule.ageAtStart.map(describeAgeRange))} at their start`);
  if (rule.sexes?.length) who.push(`whose sex is ${listOf(rule.sexes.map((c) => label(labels.sex, c)))}`);
  if (rule.labourMarketStatuses?.length) who.push(`who were ${listOf(rule.labourMarketStatuses.map(lm))} at entry`);
  if (rule.qualificationLevels?.length)
    who.push(
      `whose highest qualification at entry was ${listOf(rule.qualificationLevels.map((c) => label(labels.qualification, c)))}`,
    );
  if (rule.postcodeDistricts?.length) who.push(`living in ${listOf(rule.postcodeDistricts)}`);
  if (rule.area) who.push(describeArea(rule.area, labels.area));
  if (rule.barriers?.length) who.push(`facing ${listOf(rule.barriers.map((b) => label(labels.barrier, b)))}`);
  if (who.length) parts.push(`— people ${who.join(', ')}`);
  const funding: string[] = [];
  if (rule.funding === 'funder')
    funding.push(`attributed to a funding stream of ${labels.funderName ?? "the set's funder"}`);
  if (rule.fundingStreams?.length)
    funding.push(`attributed to funding stream ${listOf(rule.fundingStreams.map((c) => label(labels.stream, c)))}`);
  if (rule.fundingProjects?.length)
    funding.push(`under project ${listOf(rule.fundingProjects.map((c) => label(labels.project, c)))}`);
  if (funding.length) parts.push(`— counting only items ${funding.join(', ')}`);
  else if (rule.funding === 'any') parts.push('— whatever funding stream the items are attributed to');
  const tail: string[] = [];
  if (rule.countDistinct === 'participant') tail.push('each person once');
  if (rule.countDistinct === 'employer') tail.push('each employer once');
  if (rule.countDistinct === 'item') tail.push('each item once');
  if (rule.notCountedUnder?.length) tail.push(`not if already counted under ${listOf(rule.notCountedUnder)}`);
  if (rule.excludeClaimedInSubmittedReturns) tail.push('not already claimed in an earlier submitted return');
  return `${parts.join(' ')}, ${tail.join(', ')}.`;
}

/** Parses rule JSON typed by an administrator; errors name the field inside the rule. */
export function parseRuleJson(
  text: string,
): { ok: true; rule: CountingRule } | { ok: false; errors: Array<{ path: string; message: string }> } {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return {
      ok: false,
      errors: [{ path: '', message: `The rule is not valid JSON: ${e instanceof Error ? e.message : String(e)}` }],
    };
  }
  const parsed = countingRuleSchema.safeParse(raw);
  if (parsed.success) return { ok: true, rule: parsed.data };
  return { ok: false, errors: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) };
}

/** The barrier codes a rule chooses people by, with those of the indicators whose people it leaves
 * out (`notCountedUnder`, followed through): being counted, or left out, under such a rule says
 * each person faces (or does not face) those barriers. */
export function barrierCriteria(
  rule: CountingRule,
  siblings: ReadonlyMap<string, CountingRule>,
  seen: ReadonlySet<CountingRule> = new Set(),
): string[] {
  if (seen.has(rule)) return [];
  const visited = new Set(seen).add(rule);
  const codes = new Set(rule.barriers ?? []);
  for (const other of rule.notCountedUnder ?? []) {
    const otherRule = siblings.get(other);
    if (otherRule) for (const c of barrierCriteria(otherRule, siblings, visited)) codes.add(c);
  }
  return [...codes].sort();
}
