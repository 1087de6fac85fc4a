// Enrolments of a run: who holds a place, the waiting list in order, who withdrew and why; and
// adding people found by name or reference (multi-select in the grid). People not confirmed
// eligible need a reason, which is kept with their enrolment.
import { useRef, useState } from 'react';
import type { EnrolCandidate, EnrolmentRow, RunDetail } from '../../../shared/contract/courses.contract';
import { formatUkDate } from '../../../shared/domain/dates';
import { api } from '../../api/client';
import { useChannel } from '../../api/use-channel';
import { useCan } from '../../app/session-context';
import { EmptyState } from '../../components/EmptyState';
import { ServerGrid, type ServerGridHandle } from '../../components/ServerGrid';
import { useToasts } from '../../components/Toasts';
import { candidateColumns } from './courses.columns';
import { Field } from '../../components/form/Field';
import { Form } from '../../components/form/Form';
import { useContractForm } from '../../components/form/use-contract-form';
import { WithdrawDialog } from './WithdrawDialog';
import { eligibilityLabels, enrolmentLabels, pct } from './format';
import { ToolbarField } from '../../components/ToolbarField';
import { TableScroll } from '../../components/TableScroll';

export function EnrolmentsTab({ run }: { run: RunDetail }) {
  const list = useChannel('courses.enrolments.list', { runId: run.id }, { areas: ['courses'] });
  const canEdit = useCan('officer');
  const [adding, setAdding] = useState(false);
  const [withdrawing, setWithdrawing] = useState<EnrolmentRow | null>(null);
  // "Reload the record" after a colleague's change: the form opens afresh on the enrolment as it
  // is now (its new version); closed if the colleague withdrew them.
  const [formKey, setFormKey] = useState(0);
  const toasts = useToasts();
  const rows = list.data ?? [];
  async function reloadWithdrawing(enrolmentId: number) {
    const fresh = await api.call('courses.enrolments.list', { runId: run.id });
    if (!fresh.ok) return;
    const row = fresh.value.find((r) => r.enrolmentId === enrolmentId);
    setWithdrawing(row && row.status !== 'withdrawn' ? row : null);
    setFormKey((k) => k + 1);
    list.reload();
  }
  const holders = rows.filter(
    (r) => r.status === 'enrolled' || r.status === 'completed' || r.status === 'not_completed',
  );
  const waiting = rows.filter((r) => r.status === 'waiting');
  const withdrawn = rows.filter((r) => r.status === 'withdrawn');
  const closed = run.status === 'cancelled' || run.status === 'completed';

  return (
    <>
      <div className="toolbar">
        <h2 className="flush">
          Enrolments: {holders.length} of {run.capacity} places taken
        </h2>
        {canEdit && !closed && !adding && (
          <button type="button" className="primary" onClick={() => setAdding(true)}>
            Add people
          </button>
        )}
      </div>
      {adding && <AddPeople run={run} onClose={() => setAdding(false)} />}
      {list.data && rows.length === 0 && !adding && (
        <EmptyState title="Nobody enrolled yet">
          Add people from the participants by name or reference; once the run is full, more go on a waiting list.
        </EmptyState>
      )}
      {holders.length > 0 && (
        <TableScroll>
          <table className="data">
            <caption className="visually-hidden">People with a place</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Reference</th>
                <th scope="col">Status</th>
                <th scope="col">Eligibility</th>
                <th scope="col" className="num">
                  Attendance
                </th>
                <th scope="col">Phone</th>
                {canEdit && (
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {holders.map((r) => (
                <tr key={r.enrolmentId}>
                  <td>{r.name}</td>
                  <td className="unbroken">{r.reference}</td>
                  <td>
                    {enrolmentLabels[r.status]}
                    {r.completedOn ? ` ${formatUkDate(r.completedOn)}` : ''}
                  </td>
                  <td>
                    {eligibilityLabels[r.eligibilityStatus] ?? r.eligibilityStatus}
                    {r.overrideReason && <div className="muted">Override: {r.overrideReason}</div>}
                  </td>
                  <td className="num">{pct(r.attendanceRate)}</td>
                  <td className="unbroken">{r.phone ?? ''}</td>
                  {canEdit && (
                    <td>
                      <button type="button" onClick={() => setWithdrawing(r)} aria-label={`Withdraw ${r.name}`}>
                        Withdraw
                      </button>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      {waiting.length > 0 && (
        <>
          <h2>Waiting list ({waiting.length})</h2>
          <TableScroll>
            <table className="data">
              <caption className="visually-hidden">Waiting list in order</caption>
              <thead>
                <tr>
                  <th scope="col" className="num">
                    Position
                  </th>
                  <th scope="col">Name</th>
                  <th scope="col">Reference</th>
                  <th scope="col">Added</th>
                  {canEdit && (
                    <th scope="col">
                      <span className="visually-hidden">Actions</span>
                    </th>
                  )}
                </tr>
              </thead>
              <tbody>
                {waiting.map((r) => (
                  <tr key={r.enrolmentId}>
                    <td className="num">{r.waitingPosition}</td>
                    <td>{r.name}</td>
                    <td className="unbroken">{r.reference}</td>
                    <td>{formatUkDate(r.enrolledOn)}</td>
                    {canEdit && (
                      <td className="button-cell">
                        <button
                          type="button"
                          aria-label={`Offer a place to ${r.name}`}
                          onClick={async () => {
                            const result = await api.call('courses.promote', { enrolmentId: r.enrolmentId });
                            toasts.show(
                              result.ok
                                ? { kind: 'success', message: `${r.name} now has a place` }
                                : { kind: 'error', message: result.error.message },
                            );
                          }}
                        >
                          Offer a place
                        </button>{' '}
                        <button
                          type="button"
                          onClick={() => setWithdrawing(r)}
                          aria-label={`Remove ${r.name} from the waiting list`}
                        >
                          Remove
                        </button>
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        </>
      )}
      {withdrawn.length > 0 && (
        <>
          <h2>Withdrawn ({withdrawn.length})</h2>
          <TableScroll>
            <table className="data">
              <caption className="visually-hidden">People who withdrew</caption>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Reference</th>
                  <th scope="col">Withdrawn</th>
                  <th scope="col">Reason</th>
                </tr>
              </thead>
              <tbody>
                {withdrawn.map((r) => (
                  <tr key={r.enrolmentId}>
                    <td>{r.name}</td>
                    <td className="unbroken">{r.reference}</td>
                    <td>{formatUkDate(r.withdrawnOn)}</td>
                    <td>{r.withdrawnReason}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        </>
      )}
      {withdrawing && (
        <WithdrawDialog
          key={formKey}
          enrolment={withdrawing}
          onClose={() => setWithdrawing(null)}
          onReload={() => void reloadWithdrawing(withdrawing.enrolmentId)}
        />
      )}
    </>
  );
}

function AddPeople({ run, onClose }: { run: RunDetail; onClose(): void }) {
  const [search, setSearch] = useState('');
  const [eligibleOnly, setEligibleOnly] = useState(true);
  const [selected, setSelected] = useState<EnrolCandidate[]>([]);
  const grid = useRef<ServerGridHandle<EnrolCandidate>>(null);
  const toasts = useToasts();
  const notEligible = selected.filter((s) => s.eligibilityStatus !== 'eligible');
  const free = run.capacity - (run.counts.enrolled + run.counts.completed + run.counts.notCompleted);
  const f = useContractForm('courses.enrol', {
    defaultValues: { runId: run.id, participantIds: [], overrideReason: '' },
    onSuccess: ({ enrolled, waiting, skipped }, _input, form) => {
      toasts.show({
        kind: 'success',
        message:
          `${enrolled} enrolled${waiting ? `, ${waiting} on the waiting list` : ''}` +
          `${skipped.length ? `; ${skipped.map((s) => s.reason).join('; ')}` : ''}`,
      });
      form.reset();
      setSelected([]);
      grid.current?.api()?.deselectAll();
      grid.current?.refresh();
    },
  });
  const choose = (rows: EnrolCandidate[]) => {
    setSelected(rows);
    f.form.setValue(
      'participantIds',
      rows.map((r) => r.id),
    );
  };

  return (
    <section className="form-box" aria-labelledby="add-people-title">
      <Form
        of={f}
        heading={
          <h2 id="add-people-title" className="flush-top">
            Add people
          </h2>
        }
      >
        <p className="muted">
          {free > 0 ? `${free} places free.` : 'The run is full: people you add go on the waiting list.'} Tick people in
          the list (<kbd>Space</kbd> ticks the focused row), then enrol them.
        </p>
        <div className="toolbar">
          <ToolbarField id="enrol-search" label="Find by name or reference">
            <input
              id="enrol-search"
              type="search"
              value={search}
              onChange={(e) => setSearch(e.target.value)}
              // Enter searches; it does not enrol whoever happens to be ticked.
              onKeyDown={(e) => e.key === 'Enter' && e.preventDefault()}
              placeholder="e.g. Khan, or SW-000123"
              autoFocus
            />
          </ToolbarField>
          <label className="radio">
            <input type="checkbox" checked={eligibleOnly} onChange={(e) => setEligibleOnly(e.target.checked)} /> Only
            people confirmed eligible
          </label>
        </div>
        <div className="enrol-grid" id="field-participantIds" tabIndex={-1}>
          <ServerGrid
            ref={grid}
            ariaLabel="People to enrol"
            columnDefs={candidateColumns}
            search={search}
            preset={eligibleOnly ? 'eligible' : undefined}
            rowSelection="multiple"
            selectionColumn={{ header: 'Enrol', label: 'Choose to enrol' }}
            onSelectionChanged={choose}
            fetchPage={(query) => api.call('courses.enrolCandidates.page', { ...query, runId: run.id })}
            onError={(message) => toasts.show({ kind: 'error', message })}
          />
        </div>
        {notEligible.length > 0 && (
          <Field
            name="overrideReason"
            label={`Reason to enrol ${notEligible.length === 1 ? 'someone' : `${notEligible.length} people`} not confirmed eligible`}
            hint={notEligible
              .map(
                (n) =>
                  `${n.firstName} ${n.lastName} (${eligibilityLabels[n.eligibilityStatus] ?? n.eligibilityStatus})`,
              )
              .join(', ')}
          >
            {(c) => <input {...c} type="text" {...f.form.register('overrideReason')} />}
          </Field>
        )}
        <div className="button-row">
          <button type="submit" className="primary" disabled={!selected.length || f.saving}>
            Enrol {selected.length || ''} {selected.length === 1 ? 'person' : 'people'}
          </button>
          <button type="button" onClick={onClose}>
            Done
          </button>
        </div>
      </Form>
    </section>
  );
}
