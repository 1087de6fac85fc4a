// The monitoring report for the planning team: one workbook for the contract and a period chosen
// here, made as an export job (progress and Cancel in the shell) and audited by contracts.report.export.
import { useToasts } from '../../components/Toasts';
import { Form } from '../../components/form/Form';
import { DateField } from '../../components/form/ControlledFields';
import { useContractForm } from '../../components/form/use-contract-form';
import { saveExportJob } from '../../components/export-job';

export function MonitoringReportForm({
  contractId,
  startsOn,
  endsOn,
}: {
  contractId: number;
  startsOn: string | null;
  endsOn: string | null;
}) {
  const toasts = useToasts();
  const f = useContractForm('contracts.report.export', {
    idPrefix: 'report',
    defaultValues: { id: contractId, from: startsOn ?? '', to: endsOn ?? '' },
    messages: {
      from: 'Enter the first day of the period, like 01/04/2026',
      to: 'Enter the last day of the period, like 31/03/2027',
    },
    onSuccess: ({ jobId }) => saveExportJob(jobId, toasts, (file) => `Saved ${file.fileName}`),
  });
  return (
    <Form
      of={f}
      className="inline-form"
      aria-labelledby="monitoring-report-title"
      heading={<h2 id="monitoring-report-title">Monitoring report</h2>}
    >
      <p className="hint">
        A workbook for the planning team: each measure against its target in the period, the trigger dates, the money
        received and the starts counted (by participant reference, without names).
      </p>
      <DateField name="from" label="From" blank="" />
      <DateField name="to" label="To" blank="" />
      <div className="button-row">
        <button type="submit" className="primary" disabled={f.saving}>
          Download monitoring report
        </button>
      </div>
    </Form>
  );
}
