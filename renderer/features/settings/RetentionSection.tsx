// Retention (administrators): each funding stream's retention date, the programme's default for
// records no stream dates, and the people past it (with why), who can be anonymised; erasure of one
// person on request. Anonymising keeps what the published totals are built from and erases the
// rest; a backup is taken first.
import { useRef, useState } from 'react';
import type { ColDef } from 'ag-grid-community';
import { api } from '../../api/client';
import { useChannel } from '../../api/use-channel';
import { ServerGrid, type ServerGridHandle } from '../../components/ServerGrid';
import { useToasts } from '../../components/Toasts';
import { ukDate } from '../../components/grid-setup';
import { RetainUntilForm } from './RetainUntilForm';
import { RetentionSettingsForm } from './RetentionSettingsForm';
import { ErasureSection } from './ErasureSection';
import type { RetentionRow } from '../../../shared/contract/trust.contract';
import { TableScroll } from '../../components/TableScroll';

const columns: ColDef<RetentionRow>[] = [
  { field: 'reference', headerName: 'Reference', width: 130, sortable: false },
  { field: 'fundingStream', headerName: 'Funding stream', width: 200, sortable: false },
  { field: 'lastActivity', headerName: 'Last activity', width: 130, valueFormatter: ukDate, sortable: false },
  { field: 'why', headerName: 'Why it is due', flex: 1, minWidth: 320, sortable: false, tooltipField: 'why' },
];

export function RetentionSection() {
  const streams = useChannel('retention.streams', {}, { areas: ['retention'] });
  const settings = useChannel('retention.settings', {}, { areas: ['settings'] });
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
      <TableScroll>
        <table className="data">
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
      </TableScroll>
      <h3>Records no funding stream dates, and backups</h3>
      {settings.data && (
        <RetentionSettingsForm
          settings={settings.data}
          onSaved={() => {
            streams.reload();
            grid.current?.refresh();
          }}
        />
      )}
      <h3>People past their retention date</h3>
      <p>
        Anonymising replaces names, contact details, NI number, ULN and date of birth, and clears notes; it keeps the
        age band at start, monitoring codes, every outcome's type and date and the month of the person's own dates, and
        the postcode district where at least five anonymised people share it with the same age band and monitoring
        answers, so published totals do not change. It cannot be undone.
      </p>
      <ServerGrid<RetentionRow>
        ref={grid}
        ariaLabel="People past their retention date"
        columnDefs={columns}
        rowSelection="multiple"
        selectionColumn={{ header: 'Choose', label: 'Choose to anonymise' }}
        onSelectionChanged={setSelected}
        fetchPage={(q) => api.call('retention.worklist', q)}
        onTotal={setTotal}
        height={300}
        emptyText="Nobody is past their retention date."
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
      <ErasureSection
        onErased={() => {
          streams.reload();
          grid.current?.refresh();
        }}
      />
    </>
  );
}
