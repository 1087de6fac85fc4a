// Add or change a social-value contract or Section 106 planning obligation: its details, trigger
// dates and the measures agreed (saved together, in one step). Money targets are typed in pounds
// and held in pence.
import { useFieldArray } from 'react-hook-form';
import { useChannel } from '../../api/use-channel';
import { navigate } from '../../app/router';
import { PageHeader } from '../../components/PageHeader';
import { useToasts } from '../../components/Toasts';
import { Field } from '../../components/form/Field';
import { Form } from '../../components/form/Form';
import { DateField, NumberField, PenceField } from '../../components/form/ControlledFields';
import { useContractForm } from '../../components/form/use-contract-form';
import { codeIn } from '../../components/form/values';
import type { ChannelOutput } from '../../../shared/contract/index';
import type { ContractRow, Lookups } from '../../../shared/contract/outcomes-schemas';
import {
  commitmentUnit,
  contractKindCodes,
  contractKinds,
  takesAchievedFigure,
} from '../../../shared/domain/outcome-lists';
import { outcomesRoutes } from './outcomes.routes';
import { SaveCancel } from '../../components/form/SaveCancel';
import { RecordSelectField } from '../../components/form/RecordSelectField';

type MeasureKinds = ChannelOutput<'contracts.measureKinds'>;

export function ContractForm({ contract }: { contract: ContractRow | null }) {
  const lookups = useChannel('outcomes.lookups', {});
  const measureKinds = useChannel('contracts.measureKinds', {});
  const title = contract ? `Change ${contract.name}` : 'Add contract';
  // The lists first: a <select> shows its starting value only if the option is there.
  if (!lookups.data || !measureKinds.data)
    return <PageHeader title={title} subtitle={lookups.error?.message ?? measureKinds.error?.message ?? 'Loading…'} />;
  return <ContractFields contract={contract} lookups={lookups.data} measureKinds={measureKinds.data} title={title} />;
}

function ContractFields({
  contract,
  lookups,
  measureKinds,
  title,
}: {
  contract: ContractRow | null;
  lookups: Lookups;
  measureKinds: MeasureKinds;
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
      kind: codeIn(contractKindCodes, contract?.kind) ?? 'contract',
      planningReference: contract?.planningReference ?? '',
      planningClause: contract?.planningClause ?? '',
      triggers: contract?.triggers.map((t) => ({ id: t.id, label: t.label, dueOn: t.dueOn, metOn: t.metOn })) ?? [],
      commitments: contract?.commitments.map((m) => ({
        id: m.id,
        kind: m.kind,
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
          : path[0] === 'triggers' && (path[2] === 'dueOn' || path[2] === 'metOn')
            ? 'Enter the date as a real date, like 05/03/2026'
            : undefined,
    onSuccess: (saved) => {
      toasts.show({ kind: 'success', message: 'Contract saved.' });
      navigate(outcomesRoutes.contract.path({ id: saved.id }));
    },
  });
  const { register, control, watch } = f.form;
  const commitments = useFieldArray({ control, name: 'commitments' });
  const triggers = useFieldArray({ control, name: 'triggers' });
  const kinds = watch('commitments');
  const isS106 = watch('kind') === 's106';
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
        <Field name="kind" label="Kind">
          {(p) => (
            <select {...p} {...register('kind')}>
              {contractKinds.map((k) => (
                <option key={k.code} value={k.code}>
                  {k.label}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field name="reference" label="Reference (optional)">
          {(p) => <input {...p} className="narrow" {...register('reference')} />}
        </Field>
        <Field
          name="planningReference"
          label={isS106 ? 'Planning application reference' : 'Planning application reference (optional)'}
          hint="For example, 24/00123/FPM"
        >
          {(p) => <input {...p} className="narrow" {...register('planningReference')} />}
        </Field>
        <Field name="planningClause" label="Clause or schedule (optional)" hint="For example, Schedule 4, paragraph 2">
          {(p) => <input {...p} {...register('planningClause')} />}
        </Field>
        <RecordSelectField name="contractorOrgId" label="Contractor" records={contractors} empty="Not recorded" />
        <DateField name="startsOn" label="Start date (optional)" hint="For example, 01/04/2025" />
        <DateField name="endsOn" label="End date (optional)" />
        <fieldset className="field field-wide">
          <legend>Trigger dates</legend>
          <p className="hint">The events the obligation starts from, like commencement or first occupation.</p>
          {triggers.fields.length === 0 && <p>No trigger dates recorded.</p>}
          {triggers.fields.map((row, i) => (
            <div className="commitment-row" key={row.id}>
              <Field name={`triggers.${i}.label`} label={`Trigger ${i + 1}`}>
                {(p) => <input {...p} {...register(`triggers.${i}.label`)} />}
              </Field>
              <DateField name={`triggers.${i}.dueOn`} label="Due (optional)" />
              <DateField name={`triggers.${i}.metOn`} label="Met on (optional)" />
              <span />
              <button type="button" onClick={() => triggers.remove(i)} aria-label={`Remove trigger ${i + 1}`}>
                Remove
              </button>
            </div>
          ))}
          <button type="button" onClick={() => triggers.append({ label: '', dueOn: null, metOn: null })}>
            Add trigger date
          </button>
        </fieldset>
        <fieldset className="field field-wide">
          <legend>Measures agreed</legend>
          <p className="hint">
            Local jobs, apprenticeships, work placements, person-weeks and the share of local labour are counted from
            the records, money from the payments recorded, site visits and school engagements from the events linked to
            the contract (add any not recorded as events under Achieved); enter the achieved figure for other measures.
            Money targets are in pounds, the local labour target in per cent.
          </p>
          {commitments.fields.map((row, i) => (
            <div className="commitment-row" key={row.id}>
              <Field name={`commitments.${i}.kind`} label={`Commitment ${i + 1}`}>
                {(p) => (
                  <select {...p} {...register(`commitments.${i}.kind`)}>
                    {measureKinds
                      .filter((k) => k.isActive || contract?.commitments.some((m) => m.kind === k.code))
                      .map((k) => (
                        <option key={k.code} value={k.code}>
                          {k.label}
                        </option>
                      ))}
                  </select>
                )}
              </Field>
              {commitmentUnit(kinds?.[i]?.kind ?? '') === 'pence' ? (
                <PenceField name={`commitments.${i}.target`} label="Target (£)" />
              ) : (
                <NumberField
                  name={`commitments.${i}.target`}
                  label={commitmentUnit(kinds?.[i]?.kind ?? '') === 'percent' ? 'Target (%)' : 'Target'}
                />
              )}
              <Field name={`commitments.${i}.description`} label="Description (optional)">
                {(p) => <input {...p} {...register(`commitments.${i}.description`)} />}
              </Field>
              {takesAchievedFigure(kinds?.[i]?.kind ?? '') ? (
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
        <SaveCancel saving={f.saving} onCancel={() => history.back()}>
          Save contract
        </SaveCancel>
      </Form>
    </>
  );
}
