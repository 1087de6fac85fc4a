// Fixed lists of the placements & outcomes area (issue 5, DOMAIN.md §1): sectors, organisation
// kinds, placement kinds and statuses, evidence kinds, verification states and commitment kinds.
import type { Option } from './reference-lists';

export const sectors = [
  { code: 'construction', label: 'Construction' },
  { code: 'life_sciences', label: 'Life sciences' },
  { code: 'advanced_manufacturing', label: 'Advanced manufacturing' },
  { code: 'public_services', label: 'Public services' },
  { code: 'creative', label: 'Creative' },
  { code: 'environment_energy', label: 'Environment and energy' },
  { code: 'retail_hospitality', label: 'Retail and hospitality' },
  { code: 'other', label: 'Other' },
] as const satisfies readonly Option[];
export const sectorCodes = sectors.map((s) => s.code) as [SectorCode, ...SectorCode[]];
export type SectorCode = (typeof sectors)[number]['code'];

export const organisationKinds = [
  { code: 'employer', label: 'Employer' },
  { code: 'contractor', label: 'Contractor' },
  { code: 'training_provider', label: 'Training provider' },
  { code: 'college', label: 'College' },
  { code: 'jcp_office', label: 'Jobcentre Plus office' },
  { code: 'referral_agency', label: 'Referral agency' },
  { code: 'other', label: 'Other' },
] as const satisfies readonly Option[];
export type OrganisationKind = (typeof organisationKinds)[number]['code'];
export const organisationKindCodes = organisationKinds.map((k) => k.code) as [OrganisationKind, ...OrganisationKind[]];

export const placementKinds = [
  { code: 'work_experience', label: 'Work experience' },
  { code: 'work_trial', label: 'Work trial' },
  { code: 'swap', label: 'Sector-based work academy placement' },
  { code: 'apprenticeship', label: 'Apprenticeship' },
  { code: 'paid_job', label: 'Paid job' },
] as const satisfies readonly Option[];
export type PlacementKindCode = (typeof placementKinds)[number]['code'];
export const placementKindCodes = placementKinds.map((k) => k.code) as [PlacementKindCode, ...PlacementKindCode[]];
/** Placements that are work experience rather than employment: these can be "converted to a job". */
export const workPlacementKinds: readonly PlacementKindCode[] = ['work_experience', 'work_trial', 'swap'];

export const placementStatuses = [
  { code: 'planned', label: 'Planned' },
  { code: 'active', label: 'Active' },
  { code: 'completed', label: 'Completed' },
  { code: 'ended_early', label: 'Ended early' },
] as const satisfies readonly Option[];
export type PlacementStatusCode = (typeof placementStatuses)[number]['code'];
export const placementStatusCodes = placementStatuses.map((k) => k.code) as [
  PlacementStatusCode,
  ...PlacementStatusCode[],
];

/** The evidence types shipped; the list itself is kept in Settings → Reference lists (migration 0220). */
export const evidenceKinds = [
  { code: 'payslip', label: 'Payslip' },
  { code: 'employer_letter', label: 'Employer letter or email' },
  { code: 'contract_of_employment', label: 'Contract of employment' },
  { code: 'certificate', label: 'Certificate' },
  { code: 'jcp_confirmation', label: 'Jobcentre Plus confirmation' },
  { code: 'cscs_smart_check', label: 'CSCS Smart Check result' },
  { code: 'apprenticeship_agreement', label: 'Apprenticeship agreement' },
  { code: 'enrolment_confirmation', label: 'Enrolment confirmation' },
  { code: 'self_declaration', label: 'Self-declaration' },
  { code: 'other', label: 'Other' },
] as const satisfies readonly Option[];

export const verificationStatuses = [
  { code: 'unverified', label: 'Unverified' },
  { code: 'verified', label: 'Verified' },
  { code: 'has_issues', label: 'Has issues' },
  { code: 'rejected', label: 'Rejected' },
] as const satisfies readonly Option[];
export type VerificationStatusCode = (typeof verificationStatuses)[number]['code'];
export const verificationStatusCodes = verificationStatuses.map((k) => k.code) as [
  VerificationStatusCode,
  ...VerificationStatusCode[],
];

export const commitmentKinds = [
  { code: 'local_jobs', label: 'Local jobs' },
  { code: 'apprenticeships', label: 'Apprenticeships' },
  { code: 'work_placements', label: 'Work placements' },
  { code: 'person_weeks', label: 'Person-weeks of local employment' },
  { code: 'local_labour_percent', label: 'Percentage of local labour' },
  { code: 'site_visits', label: 'Site visits' },
  { code: 'school_engagements', label: 'School engagements' },
  { code: 'in_lieu_contribution', label: 'In-lieu financial contribution' },
  { code: 'community_investment', label: 'Community investment' },
  { code: 'other', label: 'Other' },
] as const satisfies readonly Option[];
export type CommitmentKind = (typeof commitmentKinds)[number]['code'];
/** The kinds the app counts from the records (contract-progress.ts); any other kind, built-in
 * 'other' or one an administrator added to the reference list 'measure_kind', is counted from the
 * figure officers enter. `commitmentKinds` is the list a store starts from; labels shown come from
 * the store's list. */
const countedCommitmentKinds: ReadonlySet<string> = new Set(
  commitmentKinds.map((k) => k.code).filter((c) => c !== 'other'),
);
/** Measures whose figure officers enter, in addition to (site visits, school engagements) or
 * instead of (everything not counted from the records) what the records count. */
export function takesAchievedFigure(kind: string): boolean {
  return kind === 'site_visits' || kind === 'school_engagements' || !countedCommitmentKinds.has(kind);
}

/** How a commitment's target and achieved figure read: a count, a percentage or money in pence. */
export type CommitmentUnit = 'count' | 'percent' | 'pence';
export function commitmentUnit(kind: string): CommitmentUnit {
  if (kind === 'in_lieu_contribution' || kind === 'community_investment') return 'pence';
  if (kind === 'local_labour_percent') return 'percent';
  return 'count';
}

export const contractKinds = [
  { code: 'contract', label: 'Council contract (social value)' },
  { code: 's106', label: 'Section 106 planning obligation' },
] as const satisfies readonly Option[];
export type ContractKind = (typeof contractKinds)[number]['code'];
export const contractKindCodes = contractKinds.map((k) => k.code) as [ContractKind, ...ContractKind[]];

export const paymentKinds = [
  { code: 'in_lieu', label: 'In-lieu financial contribution' },
  { code: 'community_investment', label: 'Community investment' },
] as const satisfies readonly Option[];
export type PaymentKind = (typeof paymentKinds)[number]['code'];
export const paymentKindCodes = paymentKinds.map((k) => k.code) as [PaymentKind, ...PaymentKind[]];

/** Pence as pounds for people: 123456 → "£1,234.56". */
export function formatPounds(pence: number): string {
  return `£${(pence / 100).toLocaleString('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

/** A commitment's figure in its unit: a count, "12%" or "£1,234.56". */
export function formatCommitmentFigure(kind: string, n: number): string {
  const unit = commitmentUnit(kind);
  return unit === 'pence' ? formatPounds(n) : unit === 'percent' ? `${n}%` : String(n);
}

export function labelFor(list: readonly Option[], code: string | null | undefined): string {
  if (code == null || code === '') return '';
  return list.find((o) => o.code === code)?.label ?? code;
}
