// Submitted returns: the list, and one return with its frozen totals, what changed since it was
// submitted (lines added and removed per indicator) and its workbook as submitted.
import { useState } from 'react';
import { useChannel } from '../../api/use-channel';
import { useCan } from '../../app/session-context';
import { saveExportJob } from '../../components/export-job';
import { EmptyState } from '../../components/EmptyState';
import { useToasts } from '../../components/Toasts';
import { formatUkDate, formatUkDateTime } from '../../../shared/domain/dates';
import { ClaimLinesTable } from './ClaimLinesTable';
import { peopleWithheld } from './PeopleWithheld';
import { PurposeDialog } from '../../components/PurposeDialog';
import { returnsRoutes } from './returns.routes';
import { TableScroll } from '../../components/TableScroll';

export function SubmittedReturnsView({ returnId }: { returnId: number | null }) {
  return returnId ? <ReturnDetail returnId={returnId} /> : <ReturnList />;
}

function ReturnList() {
  const list = useChannel('returns.list', {}, { areas: ['returns'] });
  if (list.error)
    return (
      <p className="error-message" role="alert">
        {list.error.message}
      </p>
    );
  if (!list.data) return <p>Loading…</p>;
  return (
    <section aria-labelledby="submitted-heading">
      <h2 id="submitted-heading">Submitted returns</h2>
      {list.data.length === 0 ? (
        <EmptyState title="No returns submitted yet">Build a return, check it, then submit and lock it.</EmptyState>
      ) : (
        <TableScroll>
          <table className="data">
            <thead>
              <tr>
                <th scope="col">Indicator set</th>
                <th scope="col">Period</th>
                <th scope="col">Version</th>
                <th scope="col">Submitted</th>
                <th scope="col">Claim lines</th>
              </tr>
            </thead>
            <tbody>
              {list.data.map((r) => (
                <tr key={r.id}>
                  <td>
                    <a href={returnsRoutes.submitted.href({ id: r.id })}>{r.setName}</a>
                  </td>
                  <td>{r.periodLabel}</td>
                  <td>{r.version}</td>
                  <td>
                    {formatUkDateTime(r.submittedAt)}
                    {r.submittedBy ? ` by ${r.submittedBy}` : ''}
                  </td>
                  <td>
                    {Object.values(r.totals)
                      .reduce((a, b) => a + b, 0)
                      .toLocaleString('en-GB')}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </section>
  );
}

function ReturnDetail({ returnId }: { returnId: number }) {
  const detail = useChannel(
    'returns.detail',
    { returnId },
    { areas: ['returns', 'participants', 'courses', 'outcomes'] },
  );
  const [exporting, setExporting] = useState(false);
  const [open, setOpen] = useState<string | null>(null);
  const canExport = useCan('officer');
  const toasts = useToasts();
  if (detail.error)
    return (
      <p className="error-message" role="alert">
        {detail.error.message}
      </p>
    );
  if (!detail.data) return <p>Re-counting the period…</p>;
  const { summary, changes } = detail.data;
  const anyChange = changes.some((c) => c.added.length || c.removed.length);
  return (
    <section aria-labelledby="return-heading">
      <p>
        <a href={returnsRoutes.submitted.href()}>All submitted returns</a>
      </p>
      <h2 id="return-heading">
        {summary.setName}: {summary.periodLabel}
      </h2>
      <p>
        <span className="tag tag-blue">Submitted and locked</span> {formatUkDateTime(summary.submittedAt)}
        {summary.submittedBy ? ` by ${summary.submittedBy}` : ''}, indicator set version {summary.version}.
        {summary.note ? ` Note: ${summary.note}` : ''}
      </p>
      <h3>What changed since it was submitted</h3>
      <p>
        {anyChange
          ? 'Re-counting the same period now (with the same version, leaving out only claims made before this return) gives different lines:'
          : `Re-counting ${formatUkDate(summary.from)} to ${formatUkDate(summary.to)} now gives the same lines as submitted.`}
      </p>
      <TableScroll>
        <table className="data">
          <thead>
            <tr>
              <th scope="col">Code</th>
              <th scope="col">Indicator</th>
              <th scope="col">Submitted</th>
              <th scope="col">Now</th>
              <th scope="col">Added</th>
              <th scope="col">Removed</th>
            </tr>
          </thead>
          <tbody>
            {changes.map((c) => (
              <tr key={c.code}>
                <td className="unbroken">{c.code}</td>
                <td>{c.title}</td>
                <td>{c.submitted}</td>
                <td>{c.now}</td>
                {peopleWithheld(c.criteria, !canExport) ? (
                  <td colSpan={2}>
                    <span className="muted">Not shown to viewers (chosen by a special-category barrier)</span>
                  </td>
                ) : (
                  <>
                    <td>
                      {c.added.length ? (
                        <button
                          type="button"
                          className="link-button diff-added"
                          aria-expanded={open === `+${c.code}`}
                          onClick={() => setOpen(open === `+${c.code}` ? null : `+${c.code}`)}
                        >
                          +{c.added.length}
                        </button>
                      ) : (
                        0
                      )}
                    </td>
                    <td>
                      {c.removed.length ? (
                        <button
                          type="button"
                          className="link-button diff-removed"
                          aria-expanded={open === `-${c.code}`}
                          onClick={() => setOpen(open === `-${c.code}` ? null : `-${c.code}`)}
                        >
                          −{c.removed.length}
                        </button>
                      ) : (
                        0
                      )}
                    </td>
                  </>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      {open &&
        (() => {
          const c = changes.find((x) => x.code === open.slice(1))!;
          const added = open.startsWith('+');
          return (
            <section aria-labelledby="change-lines-heading">
              <h3 id="change-lines-heading">
                {added ? 'Added since submission' : 'Removed since submission'}: {c.code}
              </h3>
              <ClaimLinesTable
                lines={added ? c.added : c.removed}
                caption={`${added ? 'Added' : 'Removed'} lines for ${c.code}`}
              />
            </section>
          );
        })()}
      {canExport && (
        <div className="button-row">
          <button type="button" className="primary" onClick={() => setExporting(true)}>
            Export the submitted workbook…
          </button>
        </div>
      )}
      {exporting && (
        <PurposeDialog
          channel="returns.export"
          title="Export the submitted return"
          label="Why are you exporting this?"
          hint="The workbook holds personal data; your reason is kept in the audit log."
          confirmLabel="Export workbook"
          field="purpose"
          required
          onClose={() => setExporting(false)}
          toInput={(purpose) => ({ returnId, purpose })}
          onDone={(started) => void saveExportJob(started.jobId, toasts, (file) => `Saved ${file.fileName}`)}
        />
      )}
    </section>
  );
}
