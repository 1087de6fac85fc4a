// Employer engagement entries as a table: date, kind, who with, what happened, and for pledges
// and mentor offers what was promised, what has been delivered and where it stands.
import { formatUkDate } from '../../../shared/domain/dates';
import { labelFor } from '../../../shared/domain/outcome-lists';
import type { EngagementRow } from '../../../shared/contract/vacancies-schemas';
import { engagementKinds, pledgeStateLabels, type PledgeState } from '../../../shared/domain/vacancy-lists';
import { outcomesRoutes } from '../outcomes/outcomes.routes';
import { TableScroll } from '../../components/TableScroll';

const pledgeColour: Record<PledgeState, string> = {
  open: 'tag-grey',
  part_delivered: 'tag-yellow',
  delivered: 'tag-green',
  overdue: 'tag-red',
};

export function EngagementTable({
  rows,
  showOrganisation,
  onChange,
  onRemove,
}: {
  rows: EngagementRow[];
  showOrganisation: boolean;
  onChange?: ((row: EngagementRow) => void) | undefined;
  onRemove?: ((row: EngagementRow) => void) | undefined;
}) {
  const actions = !!(onChange || onRemove);
  return (
    <TableScroll>
      <table className="data engagement">
        <thead>
          <tr>
            <th scope="col">Date</th>
            {showOrganisation && <th scope="col">Organisation</th>}
            <th scope="col">Kind</th>
            <th scope="col">With</th>
            <th scope="col">What happened</th>
            <th scope="col">Promised and delivered</th>
            {actions && (
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {rows.map((g) => {
            const state = g.pledgeState as PledgeState | null;
            return (
              <tr key={g.id}>
                <td>{formatUkDate(g.occurredOn)}</td>
                {showOrganisation && (
                  <td>
                    <a href={outcomesRoutes.organisation.href({ id: g.organisationId })}>{g.organisationName}</a>
                  </td>
                )}
                <td>{labelFor(engagementKinds, g.kind)}</td>
                <td>{g.contactName ?? '—'}</td>
                <td>
                  {g.summary}
                  {g.followUpOn && <span className="block muted">Follow up {formatUkDate(g.followUpOn)}</span>}
                  {g.recordedBy && <span className="block muted">Recorded by {g.recordedBy}</span>}
                </td>
                <td>
                  {state ? (
                    <>
                      <span className={`tag ${pledgeColour[state]}`}>{pledgeStateLabels[state]}</span>
                      {g.promised && <span className="block">Promised: {g.promised}</span>}
                      {g.promisedCount !== null && (
                        <span className="block">
                          {g.deliveredCount ?? 0} of {g.promisedCount} delivered
                        </span>
                      )}
                      {g.delivered && <span className="block">Delivered: {g.delivered}</span>}
                      {g.dueOn && <span className="block muted">Due by {formatUkDate(g.dueOn)}</span>}
                    </>
                  ) : (
                    '—'
                  )}
                </td>
                {actions && (
                  <td>
                    {onChange && (
                      <button
                        type="button"
                        className="link-button"
                        aria-label={`Change the ${labelFor(engagementKinds, g.kind).toLowerCase()} on ${formatUkDate(g.occurredOn)}`}
                        onClick={() => onChange(g)}
                      >
                        Change
                      </button>
                    )}
                    {onRemove && (
                      <button
                        type="button"
                        className="link-button"
                        aria-label={`Remove the ${labelFor(engagementKinds, g.kind).toLowerCase()} on ${formatUkDate(g.occurredOn)}`}
                        onClick={() => onRemove(g)}
                      >
                        Remove
                      </button>
                    )}
                  </td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
    </TableScroll>
  );
}
