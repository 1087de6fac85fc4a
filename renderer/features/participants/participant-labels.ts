// Labels and tag colours for participant statuses, shared by the grid and the participant page.
import type { EligibilityStatus } from '../../../shared/domain/eligibility';
export { eligibilityLabels } from '../../../shared/domain/eligibility';

export const statusLabels: Record<string, string> = {
  active: 'Active',
  left: 'Left',
  merged: 'Merged',
  anonymised: 'Anonymised',
};
export const eligibilityTag: Record<EligibilityStatus, string> = {
  eligible: 'tag-green',
  pending: 'tag-yellow',
  not_eligible: 'tag-red',
};
export const statusTag: Record<string, string> = {
  active: 'tag-blue',
  left: 'tag-grey',
  merged: 'tag-grey',
  anonymised: 'tag-grey',
};
export const outcomeText: Record<string, string> = { met: 'Met', pending: 'Pending', not_met: 'Not met' };

import {
  conditionImpactAnswers,
  contactMethods,
  defaultBenefits,
  healthConditionAnswers,
  defaultBarriers,
  labourMarketStatuses,
  qualificationLevels,
  referralSources,
  sexes,
  timeOutOfWork,
  ucConditionalityRegimes,
  yesNoPreferNot,
  type Option,
} from '../../../shared/domain/reference-lists';
import { ethnicityOptions } from '../../../shared/domain/participant-record';
import { formatUkDate, isIsoDate } from '../../../shared/domain/dates';
import { formatNi } from '../../../shared/domain/identifiers';
import { labelOfCode, readableValue } from '../../../shared/domain/labels';

const codeLists: Record<string, Option[]> = {
  preferredContact: contactMethods,
  sex: sexes,
  genderSameAsBirth: yesNoPreferNot,
  ethnicity: ethnicityOptions,
  healthCondition: healthConditionAnswers,
  conditionImpact: conditionImpactAnswers,
  isCarer: yesNoPreferNot,
  isLoneParent: yesNoPreferNot,
  labourMarketStatus: labourMarketStatuses,
  benefits: defaultBenefits,
  barriers: defaultBarriers,
  ucConditionality: ucConditionalityRegimes,
  timeOutOfWork,
  qualificationLevel: qualificationLevels,
  referralSource: referralSources,
};

/** A record field's value as a person reads it: labels for codes, UK dates, spaced NI numbers. */
export function displayValue(
  field: string,
  value: unknown,
  names: { staff?: Array<{ id: number; name: string }>; fundingStreams?: Array<{ id: number; name: string }> } = {},
): string {
  if (value === null || value === undefined || value === '' || (Array.isArray(value) && !value.length)) return '—';
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  const list = codeLists[field];
  if (Array.isArray(value)) return value.map((v) => labelOfCode(String(v), list)).join(', ');
  if (field === 'keyWorkerId') return names.staff?.find((s) => s.id === value)?.name ?? `Staff #${String(value)}`;
  if (field === 'fundingStreamId')
    return names.fundingStreams?.find((s) => s.id === value)?.name ?? `Stream #${String(value)}`;
  if (field === 'niNumber') return formatNi(String(value));
  if (field === 'niStatus') return value === 'known' ? 'Known' : 'Not yet known';
  if (list) return labelOfCode(String(value), list);
  if (typeof value === 'string' && isIsoDate(value)) return formatUkDate(value);
  return readableValue(value);
}
