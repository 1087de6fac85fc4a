// One row of the preview: what it would change (ours → theirs), its problems with sheet row and
// column, and for a row that needs review the people it may be (with the reasons), to pick one
// or say it is a new person.
import { useState } from 'react';
import { api } from '../../api/client';
import { useChannel } from '../../api/use-channel';
import { formatUkDate } from '../../../shared/domain/dates';
import { statusLabels } from './imports.columns';
import { TableScroll } from '../../components/TableScroll';

export function RowReview({
  previewId,
  rowId,
  onChanged,
}: {
  previewId: string;
  rowId: number | null;
  onChanged(): void;
}) {
  const row = useChannel('imports.previewRow', { previewId, rowId: rowId ?? 1 }, { skip: rowId === null });
  const [choice, setChoice] = useState<string>('');
  const [message, setMessage] = useState('');
  if (rowId === null)
    return (
      <aside className="row-review" aria-label="Row details">
        <p className="muted">Select one row to see its details and resolve it.</p>
      </aside>
    );
  const r = row.data;
  if (!r)
    return (
      <aside className="row-review" aria-label="Row details">
        <p role="status">Loading…</p>
      </aside>
    );

  const resolve = async () => {
    const matchId = choice === 'new' ? null : Number(choice);
    const res = await api.call('imports.resolve', { previewId, rowId, matchId });
    setMessage(res.ok ? (matchId === null ? 'Will be added as a new person.' : 'Matched.') : res.error.message);
    row.reload();
    onChanged();
  };

  return (
    <aside className="row-review" aria-label="Row details">
      <h3>
        Row {r.rowNumber}: {r.name}
      </h3>
      <p>
        <span
          className={`tag tag-${r.status === 'error' ? 'red' : r.status === 'review' ? 'yellow' : r.status === 'new' ? 'blue' : 'grey'}`}
        >
          {statusLabels[r.status]}
        </span>{' '}
        {r.reviewReason}
      </p>
      {r.changes.length > 0 && (
        <TableScroll>
          <table className="data">
            <caption>Changes to our record</caption>
            <thead>
              <tr>
                <th scope="col">Field</th>
                <th scope="col">Ours</th>
                <th scope="col">Theirs</th>
              </tr>
            </thead>
            <tbody>
              {r.changes.map((ch) => (
                <tr key={ch.field}>
                  <th scope="row">{ch.label}</th>
                  <td>{ch.from ?? '(blank)'}</td>
                  <td>{ch.to}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      {r.problems.length > 0 && (
        <>
          <h4>Problems</h4>
          <ul>
            {r.problems.map((p, i) => (
              <li key={i}>
                Row {r.rowNumber}, {p.column}: {p.message}
              </li>
            ))}
          </ul>
        </>
      )}
      {r.warnings.length > 0 && (
        <ul>
          {r.warnings.map((w, i) => (
            <li key={i}>
              {w.column}: {w.message}
            </li>
          ))}
        </ul>
      )}
      {(r.status === 'review' || (r.candidates.length > 1 && r.status !== 'error')) && (
        <fieldset className="field">
          <legend>Who is this?</legend>
          {r.candidates.map((c) => (
            <label key={c.id} className="radio">
              <input
                type="radio"
                name={`match-${rowId}`}
                value={String(c.id)}
                checked={choice === String(c.id)}
                onChange={(e) => setChoice(e.target.value)}
              />
              <span>
                {c.reference} {c.name}
                {c.dateOfBirth ? `, born ${formatUkDate(c.dateOfBirth)}` : ''} — {c.level} ({c.score}): {c.explanation}
              </span>
            </label>
          ))}
          <label className="radio">
            <input
              type="radio"
              name={`match-${rowId}`}
              value="new"
              checked={choice === 'new'}
              onChange={() => setChoice('new')}
            />
            A new person{r.duplicateOfRow ? ` (row ${r.duplicateOfRow} is someone else)` : ''}
          </label>
          <button type="button" disabled={!choice} onClick={() => void resolve()}>
            Use this answer
          </button>
        </fieldset>
      )}
      <p role="status">{message}</p>
    </aside>
  );
}
