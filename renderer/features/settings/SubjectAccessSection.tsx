// Subject access (administrators): find the person by reference, see what is held, and export
// everything in one bundle (zip: workbook, evidence files, README). The export is audited.
import { useState } from 'react';
import { useToasts } from '../../components/Toasts';
import { saveExportJob } from '../../components/export-job';
import { Field } from '../../components/form/Field';
import { Form } from '../../components/form/Form';
import { useContractForm } from '../../components/form/use-contract-form';
import type { ChannelOutput } from '../../../shared/contract/index';

export function SubjectAccessSection() {
  const [found, setFound] = useState<ChannelOutput<'sar.find'> | null>(null);
  const f = useContractForm('sar.find', {
    defaultValues: { reference: '' },
    onSuccess: (person) => setFound(person),
    onFailure: () => {
      setFound(null);
      return false;
    },
  });
  return (
    <>
      <p>
        A person can ask for everything held about them; answer within one calendar month. The bundle holds their
        record, history, courses, placements, outcomes, evidence files and the audit entries about them.
      </p>
      <Form of={f} aria-label="Find a person">
        <Field name="reference" label="Participant reference" hint="For example, SW-000123">
          {(c) => <input {...c} autoComplete="off" {...f.form.register('reference')} />}
        </Field>
        <button type="submit" className="primary" disabled={f.saving}>
          Find
        </button>
      </Form>
      {found && <ExportBundle key={found.reference} found={found} />}
    </>
  );
}

function ExportBundle({ found }: { found: ChannelOutput<'sar.find'> }) {
  const toasts = useToasts();
  const f = useContractForm('sar.export', {
    idPrefix: 'export',
    defaultValues: { reference: found.reference, reason: '' },
    // A job: the shell shows its progress and Cancel; the bundle is saved once made.
    onSuccess: ({ jobId }) =>
      saveExportJob(jobId, toasts, () => 'Subject access bundle saved. The export is recorded in the audit log.'),
  });
  return (
    <Form
      of={f}
      className="panel"
      aria-labelledby="sar-person"
      heading={
        <>
          <h3 id="sar-person">
            {found.name} ({found.reference})
          </h3>
          <ul>
            {found.areas
              .filter((a) => a.rows > 0)
              .map((a) => (
                <li key={a.area}>
                  {a.area.replace(/_/g, ' ')}: {a.rows}
                </li>
              ))}
          </ul>
        </>
      }
    >
      <Field name="reason" label="Request reference (optional)" hint="Recorded in the audit log with the export">
        {(c) => <input {...c} autoComplete="off" {...f.form.register('reason')} />}
      </Field>
      <button type="submit" className="primary" disabled={f.saving}>
        {f.saving ? 'Preparing…' : 'Export subject access bundle'}
      </button>
    </Form>
  );
}
