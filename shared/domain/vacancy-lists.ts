// Fixed lists of the vacancies area (issue 17): kinds of vacancy, their statuses, how a wage is
// quoted, the candidate stages and the kinds of employer engagement. Labels come from here so
// screens and exports never show raw codes.
import type { Option } from './reference-lists';

export const vacancyKinds = [
  { code: 'job', label: 'Job' },
  { code: 'apprenticeship', label: 'Apprenticeship' },
  { code: 'work_trial', label: 'Work trial' },
  { code: 'guaranteed_interview', label: 'Guaranteed interview scheme' },
] as const satisfies readonly Option[];
export type VacancyKindCode = (typeof vacancyKinds)[number]['code'];
export const vacancyKindCodes = vacancyKinds.map((k) => k.code) as [VacancyKindCode, ...VacancyKindCode[]];

export const vacancyStatuses = [
  { code: 'open', label: 'Open' },
  { code: 'filled', label: 'Filled' },
  { code: 'closed', label: 'Closed' },
] as const satisfies readonly Option[];
export type VacancyStatusCode = (typeof vacancyStatuses)[number]['code'];
export const vacancyStatusCodes = vacancyStatuses.map((k) => k.code) as [VacancyStatusCode, ...VacancyStatusCode[]];

export const wagePeriods = [
  { code: 'hour', label: 'an hour' },
  { code: 'week', label: 'a week' },
  { code: 'year', label: 'a year' },
] as const satisfies readonly Option[];
export type WagePeriodCode = (typeof wagePeriods)[number]['code'];
export const wagePeriodCodes = wagePeriods.map((k) => k.code) as [WagePeriodCode, ...WagePeriodCode[]];

/** "£11.44 an hour", "£24,000.00 a year"; '' when no wage is recorded. */
export function formatWage(pence: number | null | undefined, per: string | null | undefined): string {
  if (pence == null) return '';
  const pounds = (pence / 100).toLocaleString('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const period = wagePeriods.find((w) => w.code === per)?.label;
  return period ? `£${pounds} ${period}` : `£${pounds}`;
}

export const engagementKinds = [
  { code: 'meeting', label: 'Meeting' },
  { code: 'call_or_email', label: 'Call or email' },
  { code: 'site_visit', label: 'Site visit' },
  { code: 'pledge', label: 'Pledge' },
  { code: 'mentor_offer', label: 'Mentor offer' },
  { code: 'careers_talk', label: 'Careers talk or workshop' },
  { code: 'other', label: 'Other' },
] as const satisfies readonly Option[];
export type EngagementKindCode = (typeof engagementKinds)[number]['code'];
export const engagementKindCodes = engagementKinds.map((k) => k.code) as [EngagementKindCode, ...EngagementKindCode[]];
/** Kinds that promise something (places, mentors, visits) whose delivery is then tracked. */
export const promisingKinds: readonly EngagementKindCode[] = ['pledge', 'mentor_offer'];

export type PledgeState = 'open' | 'part_delivered' | 'delivered' | 'overdue';
export const pledgeStateLabels: Record<PledgeState, string> = {
  open: 'Open',
  part_delivered: 'Part delivered',
  delivered: 'Delivered',
  overdue: 'Overdue',
};

/**
 * Where a pledge stands: delivered when what was delivered reaches what was promised (by count
 * when a number was promised, else when a delivery is written down), overdue when its due date
 * has passed without that, part delivered when something has been delivered.
 */
export function pledgeState(
  p: { promisedCount: number | null; deliveredCount: number | null; delivered: string | null; dueOn: string | null },
  today: string,
): PledgeState {
  const counted = p.promisedCount !== null && p.promisedCount > 0;
  const done = counted ? (p.deliveredCount ?? 0) >= p.promisedCount! : !!p.delivered;
  if (done) return 'delivered';
  if (p.dueOn && p.dueOn < today) return 'overdue';
  const some = (p.deliveredCount ?? 0) > 0 || (p.deliveredCount === null && !!p.delivered);
  return some ? 'part_delivered' : 'open';
}
