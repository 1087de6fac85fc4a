// Adding or changing a catalogue entry (administrators): name, code, provider, typical length,
// what it leads to, its part in the CSCS route, and whether it is still offered.
import { useState, type FormEvent } from 'react';
import type { CourseType } from '../../../shared/contract/courses.contract';
import { courseTypeInputSchema, cscsComponents } from '../../../shared/contract/courses.contract';
import type { FieldError } from '../../../shared/result';
import { api } from '../../api/client';
import { ErrorSummary } from '../../components/ErrorSummary';
import { useToasts } from '../../components/Toasts';
import { FormField, describedBy } from './FormField';
import { schemaErrors } from './format';

const componentLabels: Record<string, string> = {
  l1_award: 'Level 1 Award',
  hse_test: 'HS&E test',
  card_application: 'CSCS card application',
  pre_employment: 'Pre-employment course (whole route)',
};

export function CourseTypeForm({
  initial,
  providers,
  onDone,
}: {
  initial: CourseType | null;
  providers: Array<{ id: number; name: string }>;
  onDone(): void;
}) {
  const [v, setV] = useState({
    name: initial?.name ?? '',
    code: initial?.code ?? '',
    providerOrgId: initial?.providerOrgId ?? null,
    typicalDays: initial?.typicalDays ? String(initial.typicalDays) : '',
    leadsTo: initial?.leadsTo ?? '',
    cscsComponent: initial?.cscsComponent ?? null,
    description: initial?.description ?? '',
    sortOrder: initial?.sortOrder ?? 1000,
    isActive: initial?.isActive ?? true,
  });
  const [errors, setErrors] = useState<FieldError[]>([]);
  const toasts = useToasts();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const input = {
      ...(initial ? { id: initial.id } : {}),
      ...v,
      code:
        v.code ||
        v.name
          .toLowerCase()
          .replace(/[^a-z0-9]+/g, '_')
          .replace(/^_|_$/g, '')
          .slice(0, 40),
      typicalDays: v.typicalDays.trim() ? Number(v.typicalDays) : null,
    };
    const checked = schemaErrors(courseTypeInputSchema, input);
    if (!checked.ok) return setErrors(checked.errors);
    const result = await api.call('courses.types.save', input);
    if (!result.ok) return setErrors(result.error.fields ?? [{ path: ['name'], message: result.error.message }]);
    toasts.show({ kind: 'success', message: initial ? 'Course changed' : 'Course added to the catalogue' });
    onDone();
  };
  return (
    <form className="form-box" onSubmit={submit} noValidate aria-labelledby="type-form-title">
      <h2 id="type-form-title" style={{ marginTop: 0 }}>
        {initial ? `Change ${initial.name}` : 'Add a course'}
      </h2>
      <ErrorSummary errors={errors} />
      <div className="form-grid">
        <FormField path="name" label="Name" errors={errors}>
          <input
            id="field-name"
            type="text"
            autoFocus
            value={v.name}
            onChange={(e) => setV({ ...v, name: e.target.value })}
            aria-describedby={describedBy('name', errors)}
          />
        </FormField>
        <FormField
          path="code"
          label="Code"
          hint="Lower case, used in imports; made from the name if blank"
          errors={errors}
        >
          <input
            id="field-code"
            type="text"
            value={v.code}
            onChange={(e) => setV({ ...v, code: e.target.value })}
            aria-describedby={describedBy('code', errors, true)}
          />
        </FormField>
        <FormField path="providerOrgId" label="Provider" errors={errors}>
          <select
            id="field-providerOrgId"
            value={v.providerOrgId ?? ''}
            onChange={(e) => setV({ ...v, providerOrgId: e.target.value ? Number(e.target.value) : null })}
          >
            <option value="">Not recorded</option>
            {providers.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </FormField>
        <FormField path="typicalDays" label="Typical length (days)" errors={errors}>
          <input
            id="field-typicalDays"
            className="input-narrow"
            type="text"
            inputMode="numeric"
            value={v.typicalDays}
            onChange={(e) => setV({ ...v, typicalDays: e.target.value })}
            aria-describedby={describedBy('typicalDays', errors)}
          />
        </FormField>
        <FormField path="cscsComponent" label="Part of the CSCS route" errors={errors}>
          <select
            id="field-cscsComponent"
            value={v.cscsComponent ?? ''}
            onChange={(e) => setV({ ...v, cscsComponent: (e.target.value || null) as typeof v.cscsComponent })}
          >
            <option value="">No</option>
            {cscsComponents.map((c) => (
              <option key={c} value={c}>
                {componentLabels[c]}
              </option>
            ))}
          </select>
        </FormField>
      </div>
      <FormField path="leadsTo" label="Leads to" errors={errors}>
        <input
          id="field-leadsTo"
          type="text"
          value={v.leadsTo}
          onChange={(e) => setV({ ...v, leadsTo: e.target.value })}
          aria-describedby={describedBy('leadsTo', errors)}
        />
      </FormField>
      <FormField path="description" label="Description" errors={errors}>
        <textarea
          id="field-description"
          rows={2}
          value={v.description}
          onChange={(e) => setV({ ...v, description: e.target.value })}
        />
      </FormField>
      <label className="radio">
        <input type="checkbox" checked={v.isActive} onChange={(e) => setV({ ...v, isActive: e.target.checked })} />{' '}
        Offered now (untick to hide from new runs)
      </label>
      <div className="button-row">
        <button type="submit" className="primary">
          {initial ? 'Save changes' : 'Add the course'}
        </button>
        <button type="button" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
