// Outcome types are reference data: administrators add types (and retire ones no longer used);
// the types the app counts by keep their category.
import { api } from '../../api/client';
import { useChannel } from '../../api/use-channel';
import { useCan } from '../../app/session-context';
import { PageHeader } from '../../components/PageHeader';
import { useToasts } from '../../components/Toasts';
import { Field } from '../../components/form/Field';
import { Form } from '../../components/form/Form';
import { useContractForm } from '../../components/form/use-contract-form';
import { codeIn } from '../../components/form/values';
import type { ChannelInput } from '../../../shared/contract/index';
import { outcomesTabs } from './outcomes.routes';
import { TableScroll } from '../../components/TableScroll';

type Category = ChannelInput<'outcomes.saveType'>['category'];
const categoryLabels: Record<Category, string> = {
  job: 'Job',
  apprenticeship: 'Apprenticeship',
  education: 'Education',
  qualification: 'Qualification',
  cscs: 'CSCS',
  placement: 'Placement',
  sustainment: 'Sustainment',
  engagement: 'Engagement',
  other: 'Other',
};
const categories = Object.keys(categoryLabels) as Category[];

export function OutcomeTypesView() {
  const { data } = useChannel('outcomes.lookups', {}, { areas: ['outcomes'] });
  const isAdmin = useCan('administrator');
  const toasts = useToasts();

  async function setActive(t: { code: string; label: string; category: string }, isActive: boolean) {
    const category = codeIn(categories, t.category);
    if (!category) return;
    const result = await api.call('outcomes.saveType', { code: t.code, label: t.label, category, isActive });
    toasts.show(
      result.ok
        ? { kind: 'success', message: 'Outcome type saved.' }
        : { kind: 'error', message: result.error.message },
    );
  }

  return (
    <>
      <PageHeader
        tabs={outcomesTabs}
        title="Outcome types"
        subtitle="Reference data: the kinds of outcome officers can record"
      />
      <TableScroll>
        <table className="data">
          <thead>
            <tr>
              <th scope="col">Label</th>
              <th scope="col">Category</th>
              <th scope="col">In use</th>
            </tr>
          </thead>
          <tbody>
            {(data?.outcomeTypes ?? []).map((t) => (
              <tr key={t.code}>
                <td>{t.label}</td>
                <td>{categoryLabels[codeIn(categories, t.category) ?? 'other']}</td>
                <td>
                  {t.isActive ? 'Yes' : 'Retired'}{' '}
                  {isAdmin && (
                    <button type="button" className="link-button" onClick={() => void setActive(t, !t.isActive)}>
                      {t.isActive ? `Retire ${t.label}` : `Bring back ${t.label}`}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      {isAdmin && <AddOutcomeType />}
    </>
  );
}

function AddOutcomeType() {
  const toasts = useToasts();
  const f = useContractForm('outcomes.saveType', {
    defaultValues: { label: '', code: '', category: 'other', isActive: true },
    onSuccess: (_saved, _input, form) => {
      toasts.show({ kind: 'success', message: 'Outcome type saved.' });
      form.reset();
    },
  });
  const { register } = f.form;
  return (
    <Form
      of={f}
      className="inline-form"
      aria-labelledby="add-type-title"
      heading={<h2 id="add-type-title">Add an outcome type</h2>}
    >
      <Field name="label" label="Label">
        {(p) => <input {...p} {...register('label')} />}
      </Field>
      <Field name="code" label="Code" hint="The name counting rules use: lower-case letters, digits and underscores">
        {(p) => <input {...p} {...register('code')} />}
      </Field>
      <Field name="category" label="Category">
        {(p) => (
          <select {...p} {...register('category')}>
            {categories.map((c) => (
              <option key={c} value={c}>
                {categoryLabels[c]}
              </option>
            ))}
          </select>
        )}
      </Field>
      <button type="submit" className="primary" disabled={f.saving}>
        Add outcome type
      </button>
    </Form>
  );
}
