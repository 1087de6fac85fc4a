// The evidence behind an outcome: items (payslip, employer letter, certificate…) with the date
// received and who saw them, and attached files (PDF, PNG, JPEG up to 10 MB) kept inside the
// encrypted store. Images open in the app; PDFs download (the window's security policy allows
// no embedded documents).
import { useState } from 'react';
import { api } from '../../api/client';
import { useCan } from '../../app/session-context';
import { downloadBytes } from '../../components/download';
import { useToasts } from '../../components/Toasts';
import { formatUkDate } from '../../../shared/domain/dates';
import { evidenceKinds, labelFor } from '../../../shared/domain/outcome-lists';
import { useChannel } from '../../api/use-channel';
import { formatFileSize } from '../../../shared/domain/evidence-files';
import type { EvidenceRow, OutcomeDetail } from '../../../shared/contract/outcomes-schemas';
import { EvidenceForm } from './EvidenceForm';
import { EvidenceViewer } from './EvidenceViewer';
import { TableScroll } from '../../components/TableScroll';

export function EvidencePanel({ outcome }: { outcome: OutcomeDetail }) {
  const canEdit = useCan('officer');
  const [adding, setAdding] = useState(false);
  const [viewing, setViewing] = useState<{ item: EvidenceRow; url: string; mime: string } | null>(null);
  const toasts = useToasts();
  // Labels from Settings → Reference lists (an added or renamed evidence type shows as named there).
  const stored = useChannel('reference.choices', {}, { areas: ['participants'] }).data?.evidenceKinds;
  const kinds = stored ?? evidenceKinds;

  async function open(item: EvidenceRow, mode: 'view' | 'download') {
    const result = await api.call('evidence.file', { id: item.id });
    if (!result.ok) {
      toasts.show({ kind: 'error', message: result.error.message });
      return;
    }
    if (mode === 'download') {
      downloadBytes(result.value.fileName, result.value.bytes, result.value.mime);
      return;
    }
    if (viewing) URL.revokeObjectURL(viewing.url);
    const url = URL.createObjectURL(new Blob([result.value.bytes as BlobPart], { type: result.value.mime }));
    setViewing({ item, url, mime: result.value.mime });
  }

  async function remove(item: EvidenceRow) {
    const reason = window.prompt(`Why remove this ${labelFor(kinds, item.kind).toLowerCase()}?`);
    if (!reason?.trim()) return;
    const result = await api.call('evidence.remove', { id: item.id, reason });
    toasts.show(
      result.ok ? { kind: 'success', message: 'Evidence removed.' } : { kind: 'error', message: result.error.message },
    );
  }

  return (
    <section aria-labelledby="evidence-title">
      <h2 id="evidence-title">Evidence</h2>
      {outcome.evidence.length === 0 ? (
        <p className="muted">No evidence recorded yet.</p>
      ) : (
        <TableScroll>
          <table className="data">
            <caption className="visually-hidden">Evidence items</caption>
            <thead>
              <tr>
                <th scope="col">Evidence</th>
                <th scope="col">Received</th>
                <th scope="col">Seen by</th>
                <th scope="col">File</th>
              </tr>
            </thead>
            <tbody>
              {outcome.evidence.map((e) => (
                <tr key={e.id}>
                  <td>
                    {labelFor(kinds, e.kind)}
                    {e.notes && (
                      <>
                        <br />
                        <span className="muted">{e.notes}</span>
                      </>
                    )}
                  </td>
                  <td>{formatUkDate(e.receivedOn) || '—'}</td>
                  <td>{e.seenByName ?? '—'}</td>
                  <td>
                    {e.fileName ? (
                      <>
                        {e.fileName} ({formatFileSize(e.fileSize ?? 0)})
                        <br />
                        <span className="muted" title={e.fileSha256 ?? ''}>
                          SHA-256 {e.fileSha256?.slice(0, 12)}…
                        </span>
                        {canEdit && ( // evidence.file returns the file: officers and administrators only
                          <div className="button-row">
                            {e.fileMime?.startsWith('image/') && (
                              <button
                                type="button"
                                onClick={() => void open(e, 'view')}
                                aria-label={`View ${e.fileName}`}
                              >
                                View
                              </button>
                            )}
                            <button
                              type="button"
                              onClick={() => void open(e, 'download')}
                              aria-label={`Download ${e.fileName}`}
                            >
                              Download
                            </button>
                            <button type="button" className="link-button" onClick={() => void remove(e)}>
                              Remove
                            </button>
                          </div>
                        )}
                      </>
                    ) : (
                      <>
                        No file
                        {canEdit && (
                          <>
                            {' '}
                            ·{' '}
                            <button type="button" className="link-button" onClick={() => void remove(e)}>
                              Remove
                            </button>
                          </>
                        )}
                      </>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      {viewing && (
        <EvidenceViewer
          fileName={viewing.item.fileName ?? 'evidence'}
          url={viewing.url}
          onClose={() => {
            URL.revokeObjectURL(viewing.url);
            setViewing(null);
          }}
        />
      )}
      {canEdit && !adding && (
        <button type="button" onClick={() => setAdding(true)}>
          Add evidence
        </button>
      )}
      {canEdit && adding && <EvidenceForm outcomeId={outcome.id} onDone={() => setAdding(false)} />}
    </section>
  );
}
