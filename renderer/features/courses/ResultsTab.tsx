// Results of a run: per person, whether they are site ready (with what is missing), then
// completion, attendance, L1 Award, HS&E tests, CSCS card, PPE and sign-off; and the entry panel
// that records one kind of result for many people at once.
import { useState } from 'react';
import type { ResultRow, RunDetail } from '../../../shared/contract/courses.contract';
import { cardTypeLabel } from '../../../shared/domain/cscs';
import { formatUkDate } from '../../../shared/domain/dates';
import { api } from '../../api/client';
import { useChannel } from '../../api/use-channel';
import { useToasts } from '../../components/Toasts';
import { useCan } from '../../app/session-context';
import { EmptyState } from '../../components/EmptyState';
import { ResultsEntry } from './ResultsEntry';
import { RemoveResultDialog, type RemoveTarget } from './RemoveResultDialog';
import { enrolmentLabels, pct } from './format';
import { coursesRoutes } from './courses.routes';
import { TableScroll } from '../../components/TableScroll';

export function ResultsTab({ run }: { run: RunDetail }) {
  const results = useChannel('courses.results.get', { runId: run.id }, { areas: ['courses'] });
  const canEdit = useCan('officer');
  const [entering, setEntering] = useState(false);
  const [removing, setRemoving] = useState<RemoveTarget | null>(null);
  if (results.error)
    return (
      <p role="alert" className="error-message">
        {results.error.message}
      </p>
    );
  if (!results.data) return <p aria-busy="true">Loading results…</p>;
  const rows = results.data.rows;
  if (!rows.length)
    return (
      <EmptyState title="No results yet">
        Results are recorded for the people who hold a place on the run. Enrol people first.
      </EmptyState>
    );
  const ready = rows.filter((r) => r.siteReady.ready).length;
  return (
    <>
      <div className="toolbar">
        <h2 className="flush">
          Results: {ready} of {rows.length} site ready
        </h2>
        {canEdit && !entering && run.status !== 'cancelled' && (
          <button type="button" className="primary" onClick={() => setEntering(true)}>
            Record results
          </button>
        )}
      </div>
      <details className="muted">
        <summary>The site-ready rule</summary>
        <ul>
          {results.data.rule.map((r) => (
            <li key={r}>{r}</li>
          ))}
        </ul>
        <p>
          Administrators can change it on the <a href={coursesRoutes.siteReady.href()}>Site-ready candidates</a> page.
        </p>
      </details>
      {results.data.allResultsIn && (run.status === 'planned' || run.status === 'running') && canEdit && (
        <CompleteRunPrompt runId={run.id} />
      )}
      {entering && (
        <ResultsEntry run={run} rows={rows} defaultDate={results.data.defaultDate} onClose={() => setEntering(false)} />
      )}
      <TableScroll>
        <table className="data">
          <caption className="visually-hidden">Results per person</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Site ready</th>
              <th scope="col">Course</th>
              <th scope="col" className="num">
                Attendance
              </th>
              <th scope="col">L1 Award</th>
              <th scope="col">HS&amp;E test</th>
              <th scope="col">CSCS card</th>
              <th scope="col">PPE</th>
              <th scope="col">Sign-off</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <ResultLine key={r.enrolmentId} r={r} onRemove={canEdit ? setRemoving : undefined} />
            ))}
          </tbody>
        </table>
      </TableScroll>
      {removing && <RemoveResultDialog target={removing} onClose={() => setRemoving(null)} />}
    </>
  );
}

function ResultLine({ r, onRemove }: { r: ResultRow; onRemove?: ((t: RemoveTarget) => void) | undefined }) {
  const fix = (kind: RemoveTarget['kind'], id: number, what: string, label = 'Remove') =>
    onRemove && (
      <button
        type="button"
        className="link-button"
        onClick={() => onRemove({ kind, id, what: `${what} of ${r.name}` })}
        aria-label={`${label} ${what} of ${r.name}`}
      >
        {label}
      </button>
    );
  return (
    <tr>
      <th scope="row">
        {r.name}
        <div className="muted unbroken">{r.reference}</div>
      </th>
      {/* Second, beside the name: what the table is for, seen without scrolling in a narrow window. */}
      <td className="site-ready-cell">
        {r.siteReady.ready ? (
          <span className="tag tag-green">Ready since {formatUkDate(r.siteReady.readySince)}</span>
        ) : (
          <>
            <span className="tag tag-grey">Not yet</span>
            {/* As the results entry says it: one line of what is still missing, not a list a word wide. */}
            <div className="muted">Still missing: {r.siteReady.missing.join('; ')}</div>
          </>
        )}
      </td>
      <td>
        {enrolmentLabels[r.status] ?? r.status}
        {r.completedOn ? <div className="muted">{formatUkDate(r.completedOn)}</div> : null}
      </td>
      <td className="num">{pct(r.attendanceRate)}</td>
      <td>
        {r.l1 ? (
          <>
            {formatUkDate(r.l1.achievedOn)}
            {r.l1.certificateNumber && <div className="muted">{r.l1.certificateNumber}</div>}
            {fix('l1', r.l1.id, 'the L1 Award')}
          </>
        ) : (
          '–'
        )}
      </td>
      <td>
        {r.hse.length
          ? r.hse.map((t) => (
              <div key={t.id}>
                {t.score}/50{' '}
                <span className={`tag ${t.passed ? 'tag-green' : 'tag-red'}`}>{t.passed ? 'Pass' : 'Fail'}</span>{' '}
                <span className="muted">{formatUkDate(t.takenOn)}</span>{' '}
                {fix('hse', t.id, `the HS&E result of ${formatUkDate(t.takenOn)}`)}
              </div>
            ))
          : '–'}
      </td>
      <td>
        {r.card ? (
          <>
            {cardTypeLabel(r.card.cardType)}
            <div className="muted">
              {r.card.cardNumber ?? 'no number'} · expires {formatUkDate(r.card.expiresOn)}
            </div>
            {fix('card', r.card.id, 'the CSCS card')}
          </>
        ) : (
          '–'
        )}
      </td>
      <td>
        {r.ppe ? (
          <>
            {formatUkDate(r.ppe.issuedOn)} {fix('ppe', r.ppe.id, 'the PPE issue')}
          </>
        ) : (
          '–'
        )}
      </td>
      <td>
        {r.signoff ? (
          <>
            {formatUkDate(r.signoff.signedOn)}
            {r.signoff.signedBy && <div className="muted">{r.signoff.signedBy}</div>}
            {fix('signoff', r.signoff.id, 'the sign-off', 'Revoke')}
          </>
        ) : (
          '–'
        )}
      </td>
    </tr>
  );
}

/** Every result is in while the run still says planned or running: offer to complete it. */
function CompleteRunPrompt({ runId }: { runId: number }) {
  const toasts = useToasts();
  const [saving, setSaving] = useState(false);
  const complete = async () => {
    setSaving(true);
    const result = await api.call('courses.runs.complete', { id: runId });
    setSaving(false);
    toasts.show(
      result.ok
        ? { kind: 'success', message: 'Course run marked as completed' }
        : { kind: 'error', message: result.error.message },
    );
  };
  return (
    <div className="notice" role="status">
      <p>
        <strong>Every result is in.</strong> Everyone on this run has a course result, but the run still shows as
        running.
      </p>
      <button type="button" className="primary" disabled={saving} onClick={() => void complete()}>
        Mark the run as completed
      </button>
    </div>
  );
}
