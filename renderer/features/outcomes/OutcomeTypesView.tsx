// Outcome types are reference data: administrators add types (and retire ones no longer used);
// the types the app counts by keep their category.
import { useState, type FormEvent } from 'react';
import { api } from '../../api/client';
import { useChannel } from '../../api/use-channel';
import { useCan } from '../../app/session-context';
import { PageHeader } from '../../components/PageHeader';
import { ErrorSummary } from '../../components/ErrorSummary';
import { useToasts } from '../../components/Toasts';
import { outcomeTypeInputSchema } from '../../../shared/contract/outcomes-schemas';
import type { FieldError } from '../../../shared/result';
import { Field } from './Field';
import { checkWithSchema, errorFor } from './form-helpers';

const categories = [
  'job',
  'apprenticeship',
  'education',
  'qualification',
  'cscs',
  'placement',
  'sustainment',
  'engagement',
  'other',
];

export function OutcomeTypesView() {
  const { data } = useChannel('outcomes.lookups', {}, { areas: ['outcomes'] });
  const isAdmin = useCan('administrator');
  const [form, setForm] = useState({ code: '', label: '', category: 'other' });
  const [errors, setErrors] = useState<FieldError[]>([]);
  const toasts = useToasts();

  async function save(input: unknown, done?: () => void) {
    const checked = checkWithSchema(outcomeTypeInputSchema, input);
    if (!checked.ok) {
      setErrors(checked.errors);
      return;
    }
    const result = await api.call('outcomes.saveType', checked.value);
    if (!result.ok) {
      setErrors(
        result.error.fields?.length ? result.error.fields : [{ path: ['code'], message: result.error.message }],
      );
      return;
    }
    setErrors([]);
    toasts.show({ kind: 'success', message: 'Outcome type saved.' });
    done?.();
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    void save({ ...form, isActive: true }, () => setForm({ code: '', label: '', category: 'other' }));
  }

  return (
    <>
      <PageHeader title="Outcome types" subtitle="Reference data: the kinds of outcome officers can record" />
      <table className="data">
        <thead>
          <tr>
            <th scope="col">Label</th>
            <th scope="col">Code</th>
            <th scope="col">Category</th>
            <th scope="col">In use</th>
          </tr>
        </thead>
        <tbody>
          {(data?.outcomeTypes ?? []).map((t) => (
            <tr key={t.code}>
              <td>{t.label}</td>
              <td>
                <code>{t.code}</code>
              </td>
              <td>{t.category}</td>
              <td>
                {t.isActive ? 'Yes' : 'Retired'}{' '}
                {isAdmin && (
                  <button
                    type="button"
                    className="link-button"
                    onClick={() =>
                      void save({ code: t.code, label: t.label, category: t.category, isActive: !t.isActive })
                    }
                  >
                    {t.isActive ? `Retire ${t.label}` : `Bring back ${t.label}`}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {isAdmin && (
        <form className="inline-form" onSubmit={submit} noValidate aria-labelledby="add-type-title">
          <h2 id="add-type-title">Add an outcome type</h2>
          <ErrorSummary errors={errors} />
          <Field path="label" label="Label" error={errorFor(errors, 'label')}>
            {(p) => (
              <input
                {...p}
                value={form.label}
                onChange={(e) => setForm((f) => ({ ...f, label: e.target.value, code: f.code || '' }))}
              />
            )}
          </Field>
          <Field
            path="code"
            label="Code"
            hint="Lower-case letters, digits and underscores, e.g. cscs_blue_card"
            error={errorFor(errors, 'code')}
          >
            {(p) => (
              <input {...p} value={form.code} onChange={(e) => setForm((f) => ({ ...f, code: e.target.value }))} />
            )}
          </Field>
          <Field path="category" label="Category" error={errorFor(errors, 'category')}>
            {(p) => (
              <select
                {...p}
                value={form.category}
                onChange={(e) => setForm((f) => ({ ...f, category: e.target.value }))}
              >
                {categories.map((c) => (
                  <option key={c} value={c}>
                    {c}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <button type="submit" className="primary">
            Add outcome type
          </button>
        </form>
      )}
    </>
  );
}
