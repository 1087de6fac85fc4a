// One funding stream's retention date, typed day/month/year and saved on its own.
import { useToasts } from '../../components/Toasts';
import { DateField } from '../../components/form/ControlledFields';
import { Form } from '../../components/form/Form';
import { useContractForm } from '../../components/form/use-contract-form';

export function RetainUntilForm({
  stream,
  onSaved,
}: {
  stream: { id: number; name: string; retainUntil: string | null };
  onSaved(): void;
}) {
  const toasts = useToasts();
  const f = useContractForm('retention.setRetainUntil', {
    // One such form per stream on the page.
    idPrefix: `retain-${stream.id}`,
    defaultValues: { id: stream.id, retainUntil: stream.retainUntil },
    onSuccess: () => {
      toasts.show({ kind: 'success', message: `Retention date of ${stream.name} saved.` });
      onSaved();
    },
  });
  return (
    <Form of={f} className="inline-form">
      <DateField
        name="retainUntil"
        label={`Keep records of ${stream.name} until (day/month/year)`}
        hideLabel
        className="in-table"
      />
      <button type="submit" disabled={f.saving}>
        Save<span className="visually-hidden"> retention date of {stream.name}</span>
      </button>
    </Form>
  );
}
