// Retention (administrators): each funding stream's retention date, and the people past it (left
// the programme, their stream's date gone by), who can be anonymised. Anonymising keeps what the
// published totals are built from and erases the rest; a backup is taken first.
import { useRef, useState } from 'react';
import type { ColDef } from 'ag-grid-community';
import { api } from '../../api/client';
import { useChannel } from '../../api/use-channel';
import { ServerGrid, type ServerGridHandle } from '../../components/ServerGrid';
import { useToasts } from '../../components/Toasts';
import { ukDate } from '../../components/grid-setup';
import { RetainUntilForm } from './RetainUntilForm';
import type { RetentionRow } from '../../../shared/contract/trust.contract';

const columns: ColDef<RetentionRow>[] = [
  { field: 'reference', headerName: 'Reference', width: 140, sortable: false },
  { field: 'fundingStream', headerName: 'Funding stream', flex: 1, sortable: false },
  { field: 'retainUntil', headerName: 'Keep until', width: 130, valueFormatter: ukDate, sortable: false },
  { field: 'leaveDate', headerName: 'Left on', width: 130, valueFormatter: ukDate, sortable: false },
];

export function RetentionSection() {
  const streams = useChannel('retention.streams', {}, { areas: ['retention'] });
  const toasts = useToasts();
  const grid = useRef<ServerGridHandle<RetentionRow>>(null);
  const [selected, setSelected] = useState<RetentionRow[]>([]);
  const [total, setTotal] = useState<number | null>(null);
  const [confirmed, setConfirmed] = useState(false);
  const [busy, setBusy] = useState(false);

  async function anonymise() {
    setBusy(true);
    const result = await api.call('retention.anonymise', { ids: selected.map((r) => r.id), confirm: true });
    setBusy(false);
    if (!result.ok) return toasts.show({ kind: 'error', message: result.error.message });
    toasts.show({
      kind: 'success',
      message:
        `${result.value.anonymised} ${result.value.anonymised === 1 ? 'person' : 'people'} anonymised. ` +
        `A backup was taken first (${result.value.backup}).`,
    });
    setSelected([]);
    setConfirmed(false);
    grid.current?.refresh();
    streams.reload();
  }

  return (
    <>
      <h3>Retention dates</h3>
      <table className="table">
        <caption className="visually-hidden">Funding streams and how long their records are kept</caption>
        <thead>
          <tr>
            <th scope="col">Funding stream</th>
            <th scope="col">Keep records until</th>
            <th scope="col">People past it</th>
          </tr>
        </thead>
        <tbody>
          {streams.data?.map((s) => (
            <tr key={s.id}>
              <th scope="row">
                {s.name} <span className="muted">({s.code})</span>
              </th>
              <td>
                <RetainUntilForm
                  stream={s}
                  onSaved={() => {
                    streams.reload();
                    grid.current?.refresh();
                  }}
                />
              </td>
              <td>{s.pastRetention}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>People past their retention date</h3>
      <p>
        Anonymising replaces names, contact details, NI number, ULN and date of birth, and clears notes; it keeps the
        postcode district, age band at start, monitoring codes and every outcome's type and date, so published totals do
        not change. It cannot be undone.
      </p>
      <ServerGrid<RetentionRow>
        ref={grid}
        ariaLabel="People past their retention date"
        columnDefs={columns}
        rowSelection="multiple"
        onSelectionChanged={setSelected}
        fetchPage={(q) => api.call('retention.worklist', q)}
        onTotal={setTotal}
        height={300}
      />
      <p role="status" className="muted">
        {total === null
          ? ''
          : `${total} ${total === 1 ? 'person' : 'people'} past their date; ${selected.length} chosen`}
      </p>
      <label className="radio" htmlFor="confirm-anonymise">
        <input
          id="confirm-anonymise"
          type="checkbox"
          checked={confirmed}
          onChange={(e) => setConfirmed(e.target.checked)}
        />
        I understand anonymising the chosen people cannot be undone
      </label>
      <div className="button-row">
        <button
          type="button"
          className="danger"
          disabled={!selected.length || !confirmed || busy}
          onClick={() => void anonymise()}
        >
          Anonymise {selected.length || ''} chosen
        </button>
      </div>
    </>
  );
}
