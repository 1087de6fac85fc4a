// The audit log (administrators): who did what, when, to which record, filtered by person,
// action, entity, dates and participant reference; exported to a workbook (which is itself
// recorded in the log).
import { useMemo, useRef, useState } from 'react';
import { z } from 'zod';
import type { ColDef } from 'ag-grid-community';
import { api } from '../../api/client';
import { useChannel } from '../../api/use-channel';
import { ServerGrid, type ServerGridHandle } from '../../components/ServerGrid';
import { Field } from '../../components/form/Field';
import { Form } from '../../components/form/Form';
import { DateField } from '../../components/form/ControlledFields';
import { useContractForm } from '../../components/form/use-contract-form';
import { toId } from '../../components/form/values';
import { useToasts } from '../../components/Toasts';
import { exportAndSave } from '../../components/export-job';
import { ukDateTime } from '../../components/grid-setup';
import { isIsoDate } from '../../../shared/domain/dates';
import { currentQuery, setSearchParams } from '../../app/router';
import { plural, readable, readableChanges, wordsOf } from '../../../shared/domain/labels';
import { fieldLabels } from '../../../shared/domain/participant-record';
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

/** Fields that hold a staff member's id: shown by their name. */
const staffField = /(_by|By|staff_id|staffId|key_worker_id|keyWorkerId)$/;

const changesOf = (r: AuditRow | undefined, staff: ReadonlyMap<number, string>) =>
  r
    ? readableChanges(r.before, r.after, fieldLabels, (field, value) =>
        staffField.test(field) && typeof value === 'number' ? staff.get(value) : undefined,
      )
        .map((c) => `${c.field}: ${c.before} → ${c.after}`)
        .join('; ')
    : '';

// Stored summaries, actions and entities are worded for people here (older entries hold codes
// and ISO dates in their text); the changes are labelled lines, not JSON.
const columnsFor = (staff: ReadonlyMap<number, string>): ColDef<AuditRow>[] => [
  { field: 'at', headerName: 'When', width: 160, valueFormatter: ukDateTime, sortable: true },
  { field: 'staffName', headerName: 'Who', width: 160, sortable: false },
  {
    field: 'action',
    headerName: 'Action',
    width: 120,
    sortable: false,
    valueFormatter: (p) => wordsOf(String(p.value ?? '')),
  },
  {
    field: 'entity',
    headerName: 'Record',
    width: 130,
    sortable: false,
    valueFormatter: (p) => wordsOf(String(p.value ?? '')),
  },
  { field: 'participantReference', headerName: 'Participant', width: 120, sortable: false },
  {
    field: 'summary',
    headerName: 'Summary',
    flex: 1,
    minWidth: 260,
    sortable: false,
    valueFormatter: (p) => readable(String(p.value ?? '')),
    tooltipValueGetter: (p) => readable(String(p.value ?? '')),
  },
  {
    colId: 'changes',
    headerName: 'Changes',
    width: 260,
    sortable: false,
    valueGetter: (p) => changesOf(p.data, staff),
    tooltipValueGetter: (p) => changesOf(p.data, staff),
  },
];

const ukDay = (which: string, example: string) =>
  z
    .string()
    .nullable()
    .refine((v) => v === null || isIsoDate(v), `Enter the ${which} date as day/month/year, like ${example}`);

/** The filters as typed; blank ones filter nothing. */
const filterForm = z
  .object({
    staffId: z.number().nullable(),
    action: z.string(),
    entity: z.string(),
    from: ukDay('from', '01/04/2026'),
    to: ukDay('to', '30/04/2026'),
    participantReference: z.string(),
  })
  .refine((v) => !v.from || !v.to || v.from <= v.to, {
    path: ['to'],
    message: 'The to date must be on or after the from date',
  });

function auditFilterOf(v: z.output<typeof filterForm>): AuditFilter {
  return {
    ...(v.staffId ? { staffId: v.staffId } : {}),
    ...(v.action ? { action: v.action } : {}),
    ...(v.entity.trim() ? { entity: v.entity.trim() } : {}),
    ...(v.from ? { from: v.from } : {}),
    ...(v.to ? { to: v.to } : {}),
    ...(v.participantReference.trim() ? { participantReference: v.participantReference.trim() } : {}),
  };
}

/** The dates chosen are kept in the address (?from=&to=), so Back and a reload keep them. */
function linkedDates(): { from: string | null; to: string | null } {
  const q = currentQuery();
  const day = (v: string | null) => (v && isIsoDate(v) ? v : null);
  return { from: day(q.get('from')), to: day(q.get('to')) };
}

export function AuditSection() {
  const staff = useChannel('staff.list', {}, { areas: ['staff'] });
  const columns = useMemo(
    () => columnsFor(new Map((staff.data ?? []).map((s) => [s.id, s.displayName]))),
    [staff.data],
  );
  const toasts = useToasts();
  const grid = useRef<ServerGridHandle<AuditRow>>(null);
  const [linked] = useState(linkedDates);
  const [filter, setFilter] = useState<AuditFilter>(() => ({
    ...(linked.from ? { from: linked.from } : {}),
    ...(linked.to ? { to: linked.to } : {}),
  }));
  const [total, setTotal] = useState<number | null>(null);
  const [exporting, setExporting] = useState(false);
  const filterKey = JSON.stringify(filter);
  // The filters are the export's input; applying them sets the grid's query (and the export's).
  const f = useContractForm('audit.export', {
    schema: filterForm,
    defaultValues: { staffId: null, action: '', entity: '', ...linked, participantReference: '' },
    toInput: (v) => ({ auditFilter: auditFilterOf(v) }),
    fieldFor: (path) => (path[0] === 'auditFilter' && typeof path[1] === 'string' ? path[1] : null),
    apply: (input) => {
      setFilter(input.auditFilter ?? {});
      setSearchParams({ from: input.auditFilter?.from, to: input.auditFilter?.to });
      grid.current?.refresh();
    },
  });
  const { register } = f.form;

  // A job: the shell shows its progress and Cancel; the file is saved once made.
  async function exportXlsx() {
    setExporting(true);
    await exportAndSave(
      'audit.export',
      { auditFilter: filter },
      toasts,
      (file) => `Exported ${plural(file.rows ?? 0, 'entry', 'entries')}. The export is recorded in the log.`,
    );
    setExporting(false);
  }

  const fetchPage = useMemo(
    () => (query: Parameters<typeof api.call<'audit.page'>>[1]) =>
      api.call('audit.page', { ...query, auditFilter: JSON.parse(filterKey) as AuditFilter }),
    [filterKey],
  );

  return (
    <>
      <Form of={f} className="filter-form" aria-label="Filter the audit log">
        <div className="filter-row">
          <Field name="staffId" label="Who">
            {(c) => (
              <select {...c} {...register('staffId', { setValueAs: toId })}>
                <option value="">Anyone</option>
                {staff.data?.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.displayName}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field name="action" label="Action">
            {(c) => (
              <select {...c} {...register('action')}>
                <option value="">Any</option>
                {actions.map((a) => (
                  <option key={a} value={a}>
                    {wordsOf(a)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field name="entity" label="Entity">
            {(c) => <input {...c} placeholder="participant, staff…" {...register('entity')} />}
          </Field>
          <DateField name="from" label="From" />
          <DateField name="to" label="To" />
          <Field name="participantReference" label="Participant reference">
            {(c) => <input {...c} placeholder="SW-000123" {...register('participantReference')} />}
          </Field>
        </div>
        <div className="button-row">
          <button type="submit" className="primary">
            Apply filters
          </button>
          <button type="button" onClick={() => void exportXlsx()} disabled={exporting}>
            {exporting ? 'Exporting…' : 'Export to Excel'}
          </button>
          <span className="muted" role="status">
            {total === null ? '' : plural(total, 'entry', 'entries')}
          </span>
        </div>
      </Form>
      <ServerGrid<AuditRow>
        key={filterKey}
        ref={grid}
        ariaLabel="Audit log entries"
        columnDefs={columns}
        fetchPage={fetchPage}
        onTotal={setTotal}
        onError={(m) => toasts.show({ kind: 'error', message: m })}
        height={480}
      />
    </>
  );
}
