// Labels and tag colours for participant statuses, shared by the grid and the participant page.
import type { EligibilityStatus } from '../../../shared/domain/eligibility';
export { eligibilityLabels } from '../../../shared/domain/eligibility';

export const statusLabels: Record<string, string> = { active: 'Active', left: 'Left', merged: 'Merged', anonymised: 'Anonymised' };
export const eligibilityTag: Record<EligibilityStatus, string> = { eligible: 'tag-green', pending: 'tag-yellow', not_eligible: 'tag-red' };
export const statusTag: Record<string, string> = { active: 'tag-blue', left: 'tag-grey', merged: 'tag-grey', anonymised: 'tag-grey' };
export const outcomeText: Record<string, string> = { met: 'Met', pending: 'Pending', not_met: 'Not met' };
