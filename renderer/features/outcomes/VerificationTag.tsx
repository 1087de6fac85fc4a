// A coloured tag for an outcome's verification state.
import { labelFor, verificationStatuses } from '../../../shared/domain/outcome-lists';

const colour: Record<string, string> = {
  verified: 'tag-green',
  unverified: 'tag-grey',
  has_issues: 'tag-yellow',
  rejected: 'tag-red',
};

export function VerificationTag({ status }: { status: string }) {
  return <span className={`tag ${colour[status] ?? 'tag-grey'}`}>{labelFor(verificationStatuses, status)}</span>;
}
