// A new indicator set for a funder, without code: its name and code, the funder and the funding
// agreement it reports against, and where its indicators start from (one to edit, or a copy of
// another set's). Saving opens it in the set editor to build the indicators.
import { z } from 'zod';
import { useChannel } from '../../api/use-channel';
import { navigate } from '../../app/router';
import { Field } from '../../components/form/Field';
import { Form } from '../../components/form/Form';
import { useContractForm } from '../../components/form/use-contract-form';
import { useToasts } from '../../components/Toasts';
import { formatUkDate } from '../../../shared/domain/dates';
import { returnsRoutes } from './returns.routes';
import { SaveCancel } from '../../components/form/SaveCancel';

export function NewSetForm({ onCancel }: { onCancel(): void }) {
  const toasts = useToasts();
  const setup = useChannel('funding.setup', {}, { areas: ['funding', 'returns'] });
  const sets = useChannel('returns.sets', {}, { areas: ['returns'] });
  const f = useContractForm('returns.createSet', {
    idPrefix: 'new-set',
    schema: z.object({
      funderId: z.string().min(1, 'Choose the funder'),
      agreementId: z.string(),
      code: z.string(),
      name: z.string(),
      description: z.string(),
      copyFromSetId: z.string(),
    }),
    defaultValues: { funderId: '', agreementId: '', code: '', name: '', description: '', copyFromSetId: '' },
    toInput: (v) => ({
      funderId: Number(v.funderId),
      agreementId: v.agreementId ? Number(v.agreementId) : null,
      code: v.code,
      name: v.name,
      description: v.description.trim() || null,
      copyFromSetId: v.copyFromSetId ? Number(v.copyFromSetId) : null,
    }),
    onSuccess: (saved, input) => {
      toasts.show({ kind: 'success', message: `${input.name} created: now build its indicators` });
      navigate(returnsRoutes.editSet.path({ id: saved.setId }));
    },
  });
  const { register, watch } = f.form;
  const funderId = Number(watch('funderId'));
  const funders = setup.data?.funders ?? [];
  const agreements = funders.find((x) => x.id === funderId)?.agreements ?? [];
  return (
    <Form of={f} aria-labelledby="new-set-heading" heading={<h3 id="new-set-heading">New indicator set</h3>}>
      {setup.data && funders.length === 0 && (
        <p>
          There are no funders yet: add one in <a href={returnsRoutes.funding.href()}>Funding and targets</a> first.
        </p>
      )}
      <Field name="funderId" label="Funder">
        {(c) => (
          <select {...c} {...register('funderId')}>
            <option value="">Choose a funder</option>
            {funders.map((x) => (
              <option key={x.id} value={x.id}>
                {x.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field
        name="agreementId"
        label="Funding agreement"
        hint="Returns for periods outside the agreement are refused. Add agreements in Funding and targets."
      >
        {(c) => (
          <select {...c} {...register('agreementId')}>
            <option value="">No agreement</option>
            {agreements.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name} ({formatUkDate(a.startsOn)} to {a.endsOn ? formatUkDate(a.endsOn) : 'no end'})
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field name="name" label="Set name" hint="For example, Towns Fund 2026-27">
        {(c) => <input {...c} {...register('name')} />}
      </Field>
      <Field name="code" label="Short code" hint="Letters, digits and hyphens, for example TF-2026">
        {(c) => <input {...c} className="narrow" {...register('code')} />}
      </Field>
      <Field name="description" label="Description (optional)">
        {(c) => <textarea {...c} rows={2} {...register('description')} />}
      </Field>
      <Field name="copyFromSetId" label="Start from">
        {(c) => (
          <select {...c} {...register('copyFromSetId')}>
            <option value="">One indicator to edit</option>
            {(sets.data ?? []).map((s) => (
              <option key={s.id} value={s.id}>
                A copy of {s.name} ({s.indicatorCount} indicators)
              </option>
            ))}
          </select>
        )}
      </Field>
      <SaveCancel saving={f.saving} onCancel={onCancel}>
        Create set and build its indicators
      </SaveCancel>
    </Form>
  );
}
