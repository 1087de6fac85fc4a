// One import batch: the file (name and SHA-256), who imported it and when, what each row created
// or changed (old → new), and Undo — which removes and restores in one transaction but keeps
// and lists whatever was edited since.
import { useState } from 'react';
import type { UndoKept } from '../../../shared/contract/imports.contract';
import { formatUkDateTime } from '../../../shared/domain/dates';
import { readableValue, wordsOf } from '../../../shared/domain/labels';
import { columnLabel } from '../../../shared/domain/participant-record';
import { api } from '../../api/client';
import { useChannel } from '../../api/use-channel';
import { PageHeader } from '../../components/PageHeader';
import { useToasts } from '../../components/Toasts';
import { useCan } from '../../app/session-context';
import { importsRoutes } from './imports.routes';
import { participantsRoutes } from '../participants/participants.routes';
import { TableScroll } from '../../components/TableScroll';

function KeptList({ kept }: { kept: UndoKept[] }) {
  if (!kept.length) return null;
  return (
    <section aria-labelledby="kept-title" className="warning">
      <h2 id="kept-title">Kept because they were edited since the import</h2>
      <ul>
        {kept.map((k) => (
          <li key={`${k.entity}-${k.id}`}>
            {k.label}: {k.reason}
          </li>
        ))}
      </ul>
    </section>
  );
}

export function BatchPage({ batchId }: { batchId: number }) {
  const batch = useChannel('imports.batch', { batchId }, { areas: ['imports'] });
  const canUndo = useCan('officer');
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const toasts = useToasts();
  const b = batch.data;

  const undo = async () => {
    setBusy(true);
    const r = await api.call('imports.undo', { batchId });
    setBusy(false);
    setConfirming(false);
    if (!r.ok) return toasts.show({ kind: 'error', message: r.error.message });
    toasts.show({
      kind: 'success',
      message: `Import undone: ${r.value.removed} removed, ${r.value.restored} restored${r.value.kept.length ? `, ${r.value.kept.length} kept` : ''}.`,
    });
    batch.reload();
  };

  return (
    <div>
      <PageHeader
        title={`Import batch ${batchId}`}
        subtitle={b ? `${b.fileName} — ${b.partner}` : (batch.error?.message ?? 'Loading…')}
        back={{ label: 'Back to imports', href: importsRoutes.home.href() }}
      />
      {b && (
        <>
          <dl className="cards">
            <div className="card">
              <dt>New</dt>
              <dd className="figure">{b.created.toLocaleString('en-GB')}</dd>
            </div>
            <div className="card">
              <dt>Changed</dt>
              <dd className="figure">{b.updated.toLocaleString('en-GB')}</dd>
            </div>
            <div className="card">
              <dt>Unchanged</dt>
              <dd className="figure">{b.unchanged.toLocaleString('en-GB')}</dd>
            </div>
            <div className="card">
              <dt>Rejected or errors</dt>
              <dd className="figure">{(b.rejected + b.errors).toLocaleString('en-GB')}</dd>
            </div>
          </dl>
          <p>
            Imported {formatUkDateTime(b.at)} by {b.staffName ?? 'unknown'} from sheet “{b.sheet}” (
            {b.rowsInFile.toLocaleString('en-GB')} rows) with mapping “{b.profileName}”.
            <br />
            <span className="muted">
              File SHA-256: <code className="digest">{b.sha256}</code>
            </span>
          </p>
          {b.undoneAt ? (
            <p className="panel" role="status">
              Undone {formatUkDateTime(b.undoneAt)} by {b.undoneByName ?? 'unknown'}.
            </p>
          ) : (
            canUndo && (
              <div className="button-row">
                {!confirming && (
                  <button type="button" className="danger" onClick={() => setConfirming(true)}>
                    Undo this import
                  </button>
                )}
                {confirming && (
                  <div role="group" aria-labelledby="confirm-undo" className="panel">
                    <p id="confirm-undo">
                      Remove the {b.created.toLocaleString('en-GB')} records this import added and put back the{' '}
                      {b.updated.toLocaleString('en-GB')} it changed? Anything edited since is kept.
                    </p>
                    <div className="button-row">
                      <button type="button" className="danger" disabled={busy} onClick={() => void undo()}>
                        Yes, undo the import
                      </button>
                      <button type="button" onClick={() => setConfirming(false)}>
                        Cancel
                      </button>
                    </div>
                  </div>
                )}
              </div>
            )
          )}
          <KeptList kept={b.kept} />
          <h2>
            What it wrote
            {b.rowsTotal > b.rows.length
              ? ` (first ${b.rows.length.toLocaleString('en-GB')} of ${b.rowsTotal.toLocaleString('en-GB')})`
              : ''}
          </h2>
          {b.rows.length === 0 ? (
            <p>Nothing was written.</p>
          ) : (
            <TableScroll>
              <table className="data">
                <thead>
                  <tr>
                    <th scope="col">Row</th>
                    <th scope="col">Action</th>
                    <th scope="col">Record</th>
                    <th scope="col">Changes</th>
                  </tr>
                </thead>
                <tbody>
                  {b.rows.map((r) => (
                    <tr key={r.id}>
                      <td>{r.rowNumber}</td>
                      <td>
                        {r.action === 'created' ? 'Added' : 'Changed'} {wordsOf(r.entity).toLowerCase()}
                      </td>
                      <td>
                        {r.participantId !== null ? (
                          <a href={participantsRoutes.person.href({ id: r.participantId, tab: 'details' })}>
                            {r.label}
                          </a>
                        ) : (
                          r.label
                        )}
                      </td>
                      <td>
                        {r.fields
                          .map(
                            (f) =>
                              `${columnLabel(f.field)}: ${f.from === null ? '(blank)' : readableValue(f.from)} → ` +
                              (f.to === null ? '(blank)' : readableValue(f.to)),
                          )
                          .join('; ')}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          )}
        </>
      )}
    </div>
  );
}
