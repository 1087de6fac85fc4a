// Adding or changing a catalogue entry (administrators): name, code, provider, typical length,
// what it leads to, its part in the CSCS route, and whether it is still offered.
import { z } from 'zod';
import type { CourseType } from '../../../shared/contract/courses.contract';
import { courseTypeInputSchema, cscsComponents } from '../../../shared/contract/courses.contract';
import { useToasts } from '../../components/Toasts';
import { Field } from '../../components/form/Field';
import { Form } from '../../components/form/Form';
import { useContractForm } from '../../components/form/use-contract-form';
import { toCode, toNumber } from '../../components/form/values';
import { SaveCancel } from '../../components/form/SaveCancel';
import { RecordSelectField } from '../../components/form/RecordSelectField';

const componentLabels: Record<string, string> = {
  l1_award: 'Level 1 Award',
  hse_test: 'HS&E test',
  card_application: 'CSCS card application',
  pre_employment: 'Pre-employment course (whole route)',
};

const codeFromName = (name: string) =>
  name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_|_$/g, '')
    .slice(0, 40);

/** The contract's schema, except that the code may be left blank (it is made from the name). */
const courseTypeForm = courseTypeInputSchema.extend({ code: z.string().trim() });
const codeOf = (v: { code: string; name: string }) => v.code.trim() || codeFromName(v.name);

export function CourseTypeForm({
  initial,
  providers,
  onDone,
}: {
  initial: CourseType | null;
  providers: Array<{ id: number; name: string }>;
  onDone(): void;
}) {
  const toasts = useToasts();
  const f = useContractForm('courses.types.save', {
    schema: courseTypeForm,
    defaultValues: {
      ...(initial ? { id: initial.id } : {}),
      name: initial?.name ?? '',
      code: initial?.code ?? '',
      providerOrgId: initial?.providerOrgId ?? null,
      typicalDays: initial?.typicalDays ?? null,
      leadsTo: initial?.leadsTo ?? '',
      cscsComponent: initial?.cscsComponent ?? null,
      description: initial?.description ?? '',
      sortOrder: initial?.sortOrder ?? 1000,
      isActive: initial?.isActive ?? true,
    },
    // The code it will be saved with is then checked by the contract's own rule.
    toInput: (courseType) => ({ ...courseType, code: codeOf(courseType) }),
    onSuccess: () => {
      toasts.show({ kind: 'success', message: initial ? 'Course changed' : 'Course added to the catalogue' });
      onDone();
    },
  });
  const { register } = f.form;
  return (
    <Form
      of={f}
      className="form-box"
      aria-labelledby="type-form-title"
      heading={
        <h2 id="type-form-title" className="flush-top">
          {initial ? `Change ${initial.name}` : 'Add a course'}
        </h2>
      }
    >
      <div className="form-grid">
        <Field name="name" label="Name">
          {(c) => <input {...c} type="text" autoFocus {...register('name')} />}
        </Field>
        <Field name="code" label="Code" hint="Lower case, used in imports; made from the name if blank">
          {(c) => <input {...c} type="text" {...register('code')} />}
        </Field>
        <RecordSelectField name="providerOrgId" label="Provider" records={providers} empty="Not recorded" />
        <Field name="typicalDays" label="Typical length (days)">
          {(c) => (
            <input
              {...c}
              className="input-narrow"
              type="text"
              inputMode="numeric"
              {...register('typicalDays', { setValueAs: toNumber })}
            />
          )}
        </Field>
        <Field name="cscsComponent" label="Part of the CSCS route">
          {(c) => (
            <select {...c} {...register('cscsComponent', { setValueAs: toCode })}>
              <option value="">No</option>
              {cscsComponents.map((code) => (
                <option key={code} value={code}>
                  {componentLabels[code]}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <Field name="leadsTo" label="Leads to">
        {(c) => <input {...c} type="text" {...register('leadsTo')} />}
      </Field>
      <Field name="description" label="Description">
        {(c) => <textarea {...c} rows={2} {...register('description')} />}
      </Field>
      <label className="radio">
        <input type="checkbox" {...register('isActive')} /> Offered now (untick to hide from new runs)
      </label>
      <SaveCancel saving={f.saving} onCancel={onDone}>
        {initial ? 'Save changes' : 'Add the course'}
      </SaveCancel>
    </Form>
  );
}
