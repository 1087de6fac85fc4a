// The outcome's history from the audit log: creation, changes, evidence and every
// verification decision, with who and when.
import { formatUkDateTime } from '../../../shared/domain/dates';
import type { OutcomeDetail } from '../../../shared/contract/outcomes-schemas';

export function HistoryList({ entries }: { entries: OutcomeDetail['history'] }) {
  return (
    <section aria-labelledby="outcome-history">
      <h2 id="outcome-history">History</h2>
      {entries.length === 0 ? (
        <p className="muted">No history recorded.</p>
      ) : (
        <ol className="history">
          {entries.map((h) => (
            <li key={h.id}>
              <span className="muted">
                {formatUkDateTime(h.at)} · {h.staffName ?? 'System'}
              </span>
              <br />
              {h.summary}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
