// The audit log (administrators): who did what, when, to which record, filtered by person,
// action, entity, dates and participant reference; exported to a workbook (which is itself
// recorded in the log).
import { useMemo, useRef, useState, type FormEvent } from 'react';
import type { ColDef } from 'ag-grid-community';
import { api } from '../../api/client';
import { useChannel } from '../../api/use-channel';
import { ServerGrid, type ServerGridHandle } from '../../components/ServerGrid';
import { ErrorSummary, fieldId } from '../../components/ErrorSummary';
import { TextField } from '../../components/TextField';
import { useToasts } from '../../components/Toasts';
import { downloadBytes } from '../../components/download';
import { ukDateTime } from '../../components/grid-setup';
import { parseUkDate } from '../../../shared/domain/dates';
import type { FieldError } from '../../../shared/result';
import type { AuditFilter, AuditRow } from '../../../shared/contract/trust.contract';

const actions = [
  'create',
  'update',
  'delete',
  'view',
  'export',
  'import',
  'merge',
  'anonymise',
  'sign-in',
  'sign-in-failed',
  'lockout',
  'password-reset',
  'backup',
  'restore',
  'verify',
];

const columns: ColDef<AuditRow>[] = [
  { field: 'at', headerName: 'When', width: 160, valueFormatter: ukDateTime, sortable: true },
  { field: 'staffName', headerName: 'Who', width: 160, sortable: false },
  { field: 'action', headerName: 'Action', width: 120, sortable: false },
  { field: 'entity', headerName: 'Entity', width: 130, sortable: false },
  { field: 'participantReference', headerName: 'Participant', width: 120, sortable: false },
  { field: 'summary', headerName: 'Summary', flex: 1, minWidth: 260, sortable: false, tooltipField: 'summary' },
  { field: 'after', headerName: 'Values after', width: 220, sortable: false, tooltipField: 'after' },
];

export function AuditSection() {
  const staff = useChannel('staff.list', {}, { areas: ['staff'] });
  const toasts = useToasts();
  const grid = useRef<ServerGridHandle<AuditRow>>(null);
  const [form, setForm] = useState({ staffId: '', action: '', entity: '', from: '', to: '', participantReference: '' });
  const [filter, setFilter] = useState<AuditFilter>({});
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [total, setTotal] = useState<number | null>(null);
  const [exporting, setExporting] = useState(false);
  const filterKey = JSON.stringify(filter);
  const set = (k: keyof typeof form) => (v: string) => setForm((f) => ({ ...f, [k]: v }));

  function apply(e: FormEvent) {
    e.preventDefault();
    const problems: FieldError[] = [];
    const from = form.from.trim() ? parseUkDate(form.from) : null;
    const to = form.to.trim() ? parseUkDate(form.to) : null;
    if (form.from.trim() && !from)
      problems.push({ path: ['from'], message: 'Enter the from date as day/month/year, like 01/04/2026' });
    if (form.to.trim() && !to)
      problems.push({ path: ['to'], message: 'Enter the to date as day/month/year, like 30/04/2026' });
    if (from && to && from > to)
      problems.push({ path: ['to'], message: 'The to date must be on or after the from date' });
    setErrors(problems);
    if (problems.length) return;
    const next: AuditFilter = {};
    if (form.staffId) next.staffId = Number(form.staffId);
    if (form.action) next.action = form.action;
    if (form.entity.trim()) next.entity = form.entity.trim();
    if (from) next.from = from;
    if (to) next.to = to;
    if (form.participantReference.trim()) next.participantReference = form.participantReference.trim();
    setFilter(next);
    grid.current?.refresh();
  }

  async function exportXlsx() {
    setExporting(true);
    const result = await api.call('audit.export', { auditFilter: filter });
    setExporting(false);
    if (!result.ok) return toasts.show({ kind: 'error', message: result.error.message });
    downloadBytes(result.value.fileName, result.value.bytes, result.value.mime);
    toasts.show({
      kind: 'success',
      message: `Exported ${result.value.rows ?? 0} entries. The export is recorded in the log.`,
    });
  }

  const fetchPage = useMemo(
    () => (query: Parameters<typeof api.call<'audit.page'>>[1]) =>
      api.call('audit.page', { ...query, auditFilter: JSON.parse(filterKey) as AuditFilter }),
    [filterKey],
  );

  return (
    <>
      <form onSubmit={apply} noValidate className="filter-form" aria-label="Filter the audit log">
        <ErrorSummary errors={errors} />
        <div className="filter-row">
          <div className="field">
            <label htmlFor={fieldId(['staffId'])}>Who</label>
            <select id={fieldId(['staffId'])} value={form.staffId} onChange={(e) => set('staffId')(e.target.value)}>
              <option value="">Anyone</option>
              {staff.data?.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.displayName}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={fieldId(['action'])}>Action</label>
            <select id={fieldId(['action'])} value={form.action} onChange={(e) => set('action')(e.target.value)}>
              <option value="">Any</option>
              {actions.map((a) => (
                <option key={a} value={a}>
                  {a}
                </option>
              ))}
            </select>
          </div>
          <TextField
            path={['entity']}
            label="Entity"
            value={form.entity}
            onChange={set('entity')}
            placeholder="participant, staff…"
          />
          <TextField
            path={['from']}
            label="From"
            value={form.from}
            onChange={set('from')}
            errors={errors}
            placeholder="dd/mm/yyyy"
          />
          <TextField
            path={['to']}
            label="To"
            value={form.to}
            onChange={set('to')}
            errors={errors}
            placeholder="dd/mm/yyyy"
          />
          <TextField
            path={['participantReference']}
            label="Participant reference"
            value={form.participantReference}
            onChange={set('participantReference')}
            placeholder="SW-000123"
          />
        </div>
        <div className="button-row">
          <button type="submit" className="primary">
            Apply filters
          </button>
          <button type="button" onClick={() => void exportXlsx()} disabled={exporting}>
            {exporting ? 'Exporting…' : 'Export to Excel'}
          </button>
          <span className="muted" role="status">
            {total === null ? '' : `${total.toLocaleString('en-GB')} entries`}
          </span>
        </div>
      </form>
      <ServerGrid<AuditRow>
        key={filterKey}
        ref={grid}
        ariaLabel="Audit log"
        columnDefs={columns}
        fetchPage={fetchPage}
        onTotal={setTotal}
        onError={(m) => toasts.show({ kind: 'error', message: m })}
        height={480}
      />
    </>
  );
}
