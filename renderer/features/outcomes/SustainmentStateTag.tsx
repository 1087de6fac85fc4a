// A tag for where a sustainment check stands: not yet due, due, overdue, window closed.
import { sustainmentStateLabels, type SustainmentState } from '../../../shared/domain/outcome-rules';

const colour: Record<SustainmentState, string> = {
  not_due: 'tag-grey',
  due: 'tag-yellow',
  overdue: 'tag-red',
  window_closed: 'tag-grey',
};

export function SustainmentStateTag({ state }: { state: SustainmentState }) {
  return <span className={`tag ${colour[state]}`}>{sustainmentStateLabels[state]}</span>;
}
