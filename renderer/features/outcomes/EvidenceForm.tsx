// Add an evidence item to an outcome, optionally with a file (checked here for size and type
// for a quick answer, and again by the backend, which hashes and stores it).
import { useChannel } from '../../api/use-channel';
import { useSession } from '../../app/session-context';
import { useToasts } from '../../components/Toasts';
import { Field } from '../../components/form/Field';
import { Form } from '../../components/form/Form';
import { DateField, FileField } from '../../components/form/ControlledFields';
import { useContractForm } from '../../components/form/use-contract-form';
import type { Lookups } from '../../../shared/contract/outcomes-schemas';
import { evidenceFileProblem } from '../../../shared/domain/evidence-files';
import { SaveCancel } from '../../components/form/SaveCancel';
import { RecordSelectField } from '../../components/form/RecordSelectField';

export function EvidenceForm({ outcomeId, onDone }: { outcomeId: number; onDone(): void }) {
  const lookups = useChannel('outcomes.lookups', {});
  // Evidence types are a reference list (Settings → Reference lists); retired ones are not offered.
  const choices = useChannel('reference.choices', {}, { areas: ['participants'] });
  // The lists first: a <select> shows its starting value only if the option is there.
  if (!lookups.data || !choices.data) return <p aria-busy="true">Loading…</p>;
  const kinds = choices.data.evidenceKinds.filter((k) => k.isActive);
  return <AddEvidence outcomeId={outcomeId} staff={lookups.data.staff} kinds={kinds} onDone={onDone} />;
}

function AddEvidence({
  outcomeId,
  staff,
  kinds,
  onDone,
}: {
  outcomeId: number;
  staff: Lookups['staff'];
  kinds: Array<{ code: string; label: string }>;
  onDone(): void;
}) {
  const session = useSession();
  const toasts = useToasts();
  const f = useContractForm('evidence.add', {
    defaultValues: {
      outcomeId,
      kind: undefined,
      receivedOn: new Date().toISOString().slice(0, 10),
      seenBy: session.staff.id,
      notes: '',
    },
    messages: { receivedOn: 'Enter the date received as a real date, like 05/03/2026' },
    checks: ({ file }) => {
      const problem = file ? evidenceFileProblem(file.fileName, file.bytes) : null;
      return problem ? [{ path: ['file'], message: problem }] : [];
    },
    onSuccess: (_added, input) => {
      toasts.show({ kind: 'success', message: input.file ? 'Evidence and file added.' : 'Evidence added.' });
      onDone();
    },
  });
  const { register } = f.form;
  return (
    <Form
      of={f}
      className="inline-form"
      aria-labelledby="add-evidence-title"
      heading={<h3 id="add-evidence-title">Add evidence</h3>}
    >
      <Field name="kind" label="Kind of evidence">
        {(p) => (
          <select {...p} {...register('kind')}>
            <option value="">Choose…</option>
            {kinds.map((k) => (
              <option key={k.code} value={k.code}>
                {k.label}
              </option>
            ))}
          </select>
        )}
      </Field>
      <DateField name="receivedOn" label="Date received" hint="For example, 05/03/2026" />
      <RecordSelectField name="seenBy" label="Seen by" records={staff} empty="Not recorded" />
      <FileField
        name="file"
        label="File (optional)"
        hint="PDF, PNG or JPEG, up to 10 MB. Kept inside the encrypted programme file."
        accept=".pdf,.png,.jpg,.jpeg,application/pdf,image/png,image/jpeg"
      />
      <Field name="notes" label="Notes (optional)">
        {(p) => <textarea {...p} rows={2} {...register('notes')} />}
      </Field>
      <SaveCancel saving={f.saving} onCancel={onDone}>
        {f.saving ? 'Saving…' : 'Add evidence'}
      </SaveCancel>
    </Form>
  );
}
