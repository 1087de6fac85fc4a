// Fixed classification lists from ONS Census 2021 and ESF conventions (../shared/DOMAIN.md §3-4).
// Lists the programme may extend (barriers, referral sources, evidence types) are seeded from
// here into the reference_items table and edited there.

export interface Option<C extends string = string> {
  code: C;
  label: string;
  group?: string;
  /** The item is special-category (UK GDPR Art. 9) or criminal-offence (Art. 10) data: a person
   * having it is withheld from viewers. Stored in the reference item's extra_json when seeded. */
  specialCategory?: boolean;
}

export const PREFER_NOT_TO_SAY: Option = { code: 'prefer_not_to_say', label: 'Prefer not to say' };

export const ethnicities: Option[] = [
  { group: 'Asian, Asian British or Asian Welsh', code: 'asian_bangladeshi', label: 'Bangladeshi' },
  { group: 'Asian, Asian British or Asian Welsh', code: 'asian_chinese', label: 'Chinese' },
  { group: 'Asian, Asian British or Asian Welsh', code: 'asian_indian', label: 'Indian' },
  { group: 'Asian, Asian British or Asian Welsh', code: 'asian_pakistani', label: 'Pakistani' },
  { group: 'Asian, Asian British or Asian Welsh', code: 'asian_other', label: 'Any other Asian background' },
  { group: 'Black, Black British, Black Welsh, Caribbean or African', code: 'black_african', label: 'African' },
  { group: 'Black, Black British, Black Welsh, Caribbean or African', code: 'black_caribbean', label: 'Caribbean' },
  {
    group: 'Black, Black British, Black Welsh, Caribbean or African',
    code: 'black_other',
    label: 'Any other Black, Black British or Caribbean background',
  },
  { group: 'Mixed or Multiple ethnic groups', code: 'mixed_white_asian', label: 'White and Asian' },
  { group: 'Mixed or Multiple ethnic groups', code: 'mixed_white_black_african', label: 'White and Black African' },
  { group: 'Mixed or Multiple ethnic groups', code: 'mixed_white_black_caribbean', label: 'White and Black Caribbean' },
  { group: 'Mixed or Multiple ethnic groups', code: 'mixed_other', label: 'Any other Mixed or Multiple background' },
  { group: 'White', code: 'white_british', label: 'English, Welsh, Scottish, Northern Irish or British' },
  { group: 'White', code: 'white_irish', label: 'Irish' },
  { group: 'White', code: 'white_gypsy_traveller', label: 'Gypsy or Irish Traveller' },
  { group: 'White', code: 'white_roma', label: 'Roma' },
  { group: 'White', code: 'white_other', label: 'Any other White background' },
  { group: 'Other ethnic group', code: 'other_arab', label: 'Arab' },
  { group: 'Other ethnic group', code: 'other_any', label: 'Any other ethnic group' },
];

export function ethnicityGroupOf(code: string | null | undefined): string {
  if (!code) return 'Not recorded';
  if (code === PREFER_NOT_TO_SAY.code) return PREFER_NOT_TO_SAY.label;
  return ethnicities.find((e) => e.code === code)?.group ?? 'Not recorded';
}

export const sexes: Option[] = [
  { code: 'female', label: 'Female' },
  { code: 'male', label: 'Male' },
  PREFER_NOT_TO_SAY,
];

export const yesNoPreferNot: Option[] = [{ code: 'yes', label: 'Yes' }, { code: 'no', label: 'No' }, PREFER_NOT_TO_SAY];

/** The Equality Act disability question in its GSS harmonised two-step form: first whether the
 * person has a long-term condition, then (only if so) whether it reduces their ability to carry
 * out day-to-day activities. Disabled under the Equality Act = yes, then yes a lot or a little. */
export const HEALTH_CONDITION_QUESTION =
  'Do you have any physical or mental health conditions or illnesses lasting or expected to last 12 months or more?';
export const CONDITION_IMPACT_QUESTION =
  'Do any of your conditions or illnesses reduce your ability to carry out day-to-day activities?';

export const healthConditionAnswers: Option[] = [
  { code: 'yes', label: 'Yes' },
  { code: 'no', label: 'No' },
  PREFER_NOT_TO_SAY,
];

export const conditionImpactAnswers: Option[] = [
  { code: 'yes_a_lot', label: 'Yes, a lot' },
  { code: 'yes_a_little', label: 'Yes, a little' },
  { code: 'not_at_all', label: 'Not at all' },
  PREFER_NOT_TO_SAY,
];

/** The Census 2021 disability classification derived from the two answers (kept for breakdowns). */
export function disabilityFromAnswers(condition: string | null, impact: string | null): string | null {
  if (condition === 'no') return 'no_condition';
  if (condition === PREFER_NOT_TO_SAY.code) return PREFER_NOT_TO_SAY.code;
  if (condition !== 'yes') return null;
  if (impact === 'yes_a_lot') return 'limited_a_lot';
  if (impact === 'yes_a_little') return 'limited_a_little';
  if (impact === 'not_at_all') return 'condition_not_limited';
  // A condition whose effect was not answered: disabled or not is unknown.
  return null;
}

export const disabilities: Option[] = [
  { code: 'limited_a_lot', label: 'Disabled: day-to-day activities limited a lot' },
  { code: 'limited_a_little', label: 'Disabled: day-to-day activities limited a little' },
  { code: 'condition_not_limited', label: 'Long-term condition, not limited' },
  { code: 'no_condition', label: 'No long-term condition' },
  PREFER_NOT_TO_SAY,
];

/** ESF labour-market status at entry: exactly one of five (ESF Action Note 053/20). */
export const labourMarketStatuses: Option[] = [
  { code: 'unemployed', label: 'Unemployed (short term)' },
  { code: 'long_term_unemployed', label: 'Long-term unemployed' },
  { code: 'inactive_in_education', label: 'Inactive (in education or training)' },
  { code: 'inactive_not_in_education', label: 'Inactive (not in education or training)' },
  { code: 'employed', label: 'Employed, including self-employed' },
];

export const qualificationLevels: Option[] = [
  { code: 'none', label: 'No qualifications' },
  { code: 'entry', label: 'Entry level' },
  { code: 'level1', label: 'Level 1 (e.g. GCSE grades 3-1)' },
  { code: 'level2', label: 'Level 2 (e.g. GCSE grades 9-4)' },
  { code: 'level3', label: 'Level 3 (e.g. A level)' },
  { code: 'level4plus', label: 'Level 4 or above' },
  PREFER_NOT_TO_SAY,
];

export const timeOutOfWork: Option[] = [
  { code: 'in_work', label: 'In work' },
  { code: 'under_6_months', label: 'Under 6 months' },
  { code: '6_to_12_months', label: '6 to 12 months' },
  { code: '12_to_24_months', label: '12 to 24 months' },
  { code: 'over_24_months', label: 'Over 24 months' },
  { code: 'never_worked', label: 'Never worked' },
];

export const referralSources: Option[] = [
  { code: 'jcp', label: 'Jobcentre Plus work coach' },
  { code: 'college', label: 'College' },
  { code: 'employer', label: 'Employer' },
  { code: 'self', label: 'Self-referral' },
  { code: 'agency', label: 'Other agency' },
];

export const contactMethods: Option[] = [
  { code: 'phone', label: 'Phone' },
  { code: 'text', label: 'Text message' },
  { code: 'email', label: 'Email' },
  { code: 'post', label: 'Post' },
];

/** Seed for the barriers reference list (administrators can add more). */
export const defaultBarriers: Option[] = [
  { code: 'disability_health', label: 'Disability or long-term health condition', specialCategory: true },
  { code: 'care_leaver', label: 'Care leaver' },
  { code: 'ex_offender', label: 'Ex-offender', specialCategory: true },
  { code: 'esol', label: 'English as a second language (ESOL)' },
  { code: 'homeless', label: 'Homeless or in temporary accommodation' },
  { code: 'aged_50_plus', label: 'Aged 50 or over' },
  { code: 'neet_16_24', label: 'Not in education, employment or training (16-24)' },
  { code: 'no_basic_skills', label: 'No basic skills' },
  { code: 'other', label: 'Other' },
];

/** Benefits received at entry: several at once (Universal Credit and PIP, say). PIP and ESA are paid
 * because of a health condition or disability, so a person receiving them is special category. */
export const defaultBenefits: Option[] = [
  { code: 'universal_credit', label: 'Universal Credit' },
  { code: 'jsa', label: "Jobseeker's Allowance" },
  { code: 'esa', label: 'Employment and Support Allowance', specialCategory: true },
  { code: 'pip', label: 'Personal Independence Payment', specialCategory: true },
  { code: 'carers_allowance', label: "Carer's Allowance" },
  { code: 'income_support', label: 'Income Support' },
  { code: 'none', label: 'None' },
  PREFER_NOT_TO_SAY,
];
/** Answers that exclude every other benefit. */
export const exclusiveBenefitCodes: readonly string[] = ['none', PREFER_NOT_TO_SAY.code];

/** Universal Credit conditionality regimes (the work-related requirements a claimant has). */
export const ucConditionalityRegimes: Option[] = [
  { code: 'intensive_work_search', label: 'Intensive work search' },
  { code: 'light_touch', label: 'Light touch' },
  { code: 'work_preparation', label: 'Work preparation' },
  { code: 'work_focused_interview', label: 'Work-focused interview only' },
  { code: 'no_work_requirements', label: 'No work requirements' },
  { code: 'not_known', label: 'Not known' },
];

/** Reference lists whose items may be special category (each item says whether it is), with the
 * items they are seeded with. */
export const referenceSeeds = { barrier: defaultBarriers, benefit: defaultBenefits } as const satisfies Record<
  string,
  Option[]
>;
export type ReferenceListName = keyof typeof referenceSeeds;
export const referenceListsWithSpecialItems = Object.keys(referenceSeeds) as ReferenceListName[];

/** A seeded reference item's extra_json: what it says about itself. */
export function referenceItemExtra(o: Option): string | null {
  return o.specialCategory ? JSON.stringify({ specialCategory: true }) : null;
}

export function labelOf(options: Option[], code: string | null | undefined): string {
  if (code == null || code === '') return '';
  return options.find((o) => o.code === code)?.label ?? code;
}
