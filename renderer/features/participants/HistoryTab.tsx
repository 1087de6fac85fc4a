// History: every audit entry about the person (and records merged into them): who, when, what,
// and each field's value before and after.
import { useChannel } from '../../api/use-channel';
import { formatUkDateTime } from '../../../shared/domain/dates';
import { fieldLabels } from '../../../shared/domain/participant-record';
import { readableValue, wordsOf } from '../../../shared/domain/labels';

import { displayValue } from './participant-labels';
import { TableScroll } from '../../components/TableScroll';

const show = (field: string, v: unknown) =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? readableValue(v) : displayValue(field, v);

export function HistoryTab({ id }: { id: number }) {
  const h = useChannel('participants.history', { id }, { areas: ['participants'] });
  if (h.error) return <p role="alert">{h.error.message}</p>;
  if (!h.data) return <p aria-busy="true">Loading…</p>;
  return (
    <div>
      {h.data.specialCategoryHidden && (
        <p className="notice">Changes to special-category fields are not shown for your role.</p>
      )}
      <TableScroll>
        <table className="data">
          <caption className="visually-hidden">Change history, newest first</caption>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Who</th>
              <th scope="col">What</th>
              <th scope="col">Changes</th>
            </tr>
          </thead>
          <tbody>
            {h.data.entries.map((e) => (
              <tr key={e.id}>
                <td>{formatUkDateTime(e.at)}</td>
                <td>{e.staff ?? '—'}</td>
                <td>{e.summary}</td>
                <td>
                  {e.changes.length > 0 && e.action !== 'create' ? (
                    <ul className="small">
                      {e.changes.map((c) => (
                        <li key={c.field}>
                          {fieldLabels[c.field] ?? wordsOf(c.field)}: {show(c.field, c.before)} →{' '}
                          {show(c.field, c.after)}
                        </li>
                      ))}
                    </ul>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </div>
  );
}
