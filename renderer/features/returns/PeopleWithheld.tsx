// Said to a viewer where the people behind a figure are withheld: the indicator's rule chooses
// people by a special-category barrier, so who is counted is itself special-category data.
import type { Criteria } from '../../../shared/contract/returns.contract';

/** Whether a viewer's answer left out the people chosen by these criteria. */
export function peopleWithheld(criteria: Criteria, isViewer: boolean): boolean {
  return isViewer && criteria.some((c) => c.specialCategory);
}

export function PeopleWithheld({ criteria }: { criteria: Criteria }) {
  const special = criteria.filter((c) => c.specialCategory).map((c) => c.label);
  return (
    <p className="notice" role="note">
      The people behind this figure are not shown to viewers. Its counting rule chooses people facing{' '}
      {special.join(' or ')}, which is special-category data: being counted says it of each person. An officer or
      administrator can see them.
    </p>
  );
}
