// The programme area (postcode districts that count as living in the area), editable by an
// administrator; changing it re-evaluates everyone's eligibility.
import { useState } from 'react';
import { api } from '../../api/client';
import { useToasts } from '../../components/Toasts';
import { Field } from '../../components/form/Field';

export function DistrictsForm({ districts, onDone }: { districts: string[]; onDone(): void }) {
  const [open, setOpen] = useState(false);
  const [text, setText] = useState(districts.join(', '));
  const [error, setError] = useState<string | undefined>();
  const toasts = useToasts();
  if (!open)
    return (
      <button type="button" onClick={() => setOpen(true)}>
        Change programme area
      </button>
    );
  const save = async () => {
    const list = text.split(/[\s,;]+/).filter(Boolean);
    const result = await api.call('participants.setDistricts', { districts: list });
    if (!result.ok) return setError(result.error.fields?.[0]?.message ?? result.error.message);
    setOpen(false);
    setError(undefined);
    toasts.show({
      kind: 'success',
      message: `Programme area set to ${result.value.districts.join(', ')}; ${result.value.recalculated} eligibility status(es) changed`,
    });
    onDone();
  };
  return (
    <form
      className="panel"
      noValidate
      aria-label="Programme area"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <Field
        name="districts"
        label="Postcode districts in the programme area"
        hint="Separate with commas, for example SG1, SG2"
        error={error}
      >
        {(c) => <input {...c} type="text" value={text} onChange={(e) => setText(e.target.value)} />}
      </Field>
      <div className="button-row">
        <button type="submit" className="primary">
          Save programme area
        </button>
        <button type="button" onClick={() => setOpen(false)}>
          Cancel
        </button>
      </div>
    </form>
  );
}
