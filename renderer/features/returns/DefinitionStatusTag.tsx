// What an indicator's definition status means, as a tag: green only when an administrator
// confirmed the definition was agreed with the funder; seeded, inferred ones say so.
import {
  definitionStatusLabels,
  definitionStatusShort,
  type DefinitionStatus,
} from '../../../shared/domain/definition-status';

export function DefinitionStatusTag({ status }: { status: DefinitionStatus }) {
  return (
    <span className={status === 'agreed' ? 'tag tag-green' : 'tag tag-yellow'} title={definitionStatusLabels[status]}>
      {definitionStatusShort[status]}
    </span>
  );
}
