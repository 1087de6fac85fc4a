// Add or change a social-value contract and its commitments (saved together, in one step).
import { useFieldArray } from 'react-hook-form';
import { useChannel } from '../../api/use-channel';
import { navigate } from '../../app/router';
import { PageHeader } from '../../components/PageHeader';
import { useToasts } from '../../components/Toasts';
import { Field } from '../../components/form/Field';
import { Form } from '../../components/form/Form';
import { DateField, NumberField } from '../../components/form/ControlledFields';
import { useContractForm } from '../../components/form/use-contract-form';
import { codeIn, toId } from '../../components/form/values';
import type { ContractRow, Lookups } from '../../../shared/contract/outcomes-schemas';
import { commitmentKindCodes, commitmentKinds } from '../../../shared/domain/outcome-lists';
import { outcomesRoutes } from './outcomes.routes';

export function ContractForm({ contract }: { contract: ContractRow | null }) {
  const lookups = useChannel('outcomes.lookups', {});
  const title = contract ? `Change ${contract.name}` : 'Add contract';
  // The lists first: a <select> shows its starting value only if the option is there.
  if (!lookups.data) return <PageHeader title={title} subtitle={lookups.error?.message ?? 'Loading…'} />;
  return <ContractFields contract={contract} lookups={lookups.data} title={title} />;
}

function ContractFields({
  contract,
  lookups,
  title,
}: {
  contract: ContractRow | null;
  lookups: Lookups;
  title: string;
}) {
  const toasts = useToasts();
  const f = useContractForm('contracts.save', {
    defaultValues: {
      ...(contract ? { id: contract.id } : {}),
      name: contract?.name ?? '',
      reference: contract?.reference ?? '',
      contractorOrgId: contract?.contractorOrgId ?? null,
      startsOn: contract?.startsOn ?? null,
      endsOn: contract?.endsOn ?? null,
      notes: contract?.notes ?? '',
      commitments: contract?.commitments.map((m) => ({
        id: m.id,
        kind: codeIn(commitmentKindCodes, m.kind),
        target: m.target,
        description: m.description ?? '',
        manualAchieved: m.manualAchieved,
      })) ?? [{ kind: 'local_jobs', target: Number.NaN, description: '', manualAchieved: null }],
    },
    messages: (path) =>
      path[0] === 'startsOn' || path[0] === 'endsOn'
        ? `Enter the ${path[0] === 'startsOn' ? 'start' : 'end'} date as a real date, like 05/03/2026`
        : path[0] === 'commitments' && path[2] === 'manualAchieved'
          ? 'Enter the achieved figure as a whole number'
          : undefined,
    onSuccess: (saved) => {
      toasts.show({ kind: 'success', message: 'Contract saved.' });
      navigate(outcomesRoutes.contract.path({ id: saved.id }));
    },
  });
  const { register, control, watch } = f.form;
  const commitments = useFieldArray({ control, name: 'commitments' });
  const kinds = watch('commitments');
  const contractors = lookups.organisations.filter(
    (o) => o.isActive && (o.kind === 'contractor' || o.kind === 'employer'),
  );
  return (
    <>
      <PageHeader title={title} />
      <Form of={f}>
        <Field name="name" label="Contract name" hint="For example, Major Repairs Contract">
          {(p) => <input {...p} {...register('name')} />}
        </Field>
        <Field name="reference" label="Reference (optional)">
          {(p) => <input {...p} className="narrow" {...register('reference')} />}
        </Field>
        <Field name="contractorOrgId" label="Contractor">
          {(p) => (
            <select {...p} {...register('contractorOrgId', { setValueAs: toId })}>
              <option value="">Not recorded</option>
              {contractors.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <DateField name="startsOn" label="Start date (optional)" hint="For example, 01/04/2025" />
        <DateField name="endsOn" label="End date (optional)" />
        <fieldset className="field" style={{ maxWidth: 'none' }}>
          <legend>Commitments</legend>
          <p className="hint">
            Local jobs, apprenticeships and work placements are counted from the records; enter the achieved figure for
            site visits and other commitments.
          </p>
          {commitments.fields.map((row, i) => (
            <div className="commitment-row" key={row.id}>
              <Field name={`commitments.${i}.kind`} label={`Commitment ${i + 1}`}>
                {(p) => (
                  <select {...p} {...register(`commitments.${i}.kind`)}>
                    {commitmentKinds.map((k) => (
                      <option key={k.code} value={k.code}>
                        {k.label}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <NumberField name={`commitments.${i}.target`} label="Target" />
              <Field name={`commitments.${i}.description`} label="Description (optional)">
                {(p) => <input {...p} {...register(`commitments.${i}.description`)} />}
              </Field>
              {kinds?.[i]?.kind === 'site_visits' || kinds?.[i]?.kind === 'other' ? (
                <NumberField name={`commitments.${i}.manualAchieved`} label="Achieved" />
              ) : (
                <span />
              )}
              <button type="button" onClick={() => commitments.remove(i)} aria-label={`Remove commitment ${i + 1}`}>
                Remove
              </button>
            </div>
          ))}
          <button
            type="button"
            onClick={() =>
              commitments.append({ kind: 'apprenticeships', target: Number.NaN, description: '', manualAchieved: null })
            }
          >
            Add commitment
          </button>
        </fieldset>
        <Field name="notes" label="Notes (optional)">
          {(p) => <textarea {...p} rows={3} {...register('notes')} />}
        </Field>
        <div className="button-row">
          <button type="submit" className="primary" disabled={f.saving}>
            Save contract
          </button>
          <button type="button" onClick={() => history.back()}>
            Cancel
          </button>
        </div>
      </Form>
    </>
  );
}
