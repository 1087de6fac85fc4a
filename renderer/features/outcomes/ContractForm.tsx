// Add or change a social-value contract and its commitments (saved together, in one step).
import { useState, type FormEvent } from 'react';
import { api } from '../../api/client';
import { useChannel } from '../../api/use-channel';
import { navigate } from '../../app/router';
import { PageHeader } from '../../components/PageHeader';
import { ErrorSummary } from '../../components/ErrorSummary';
import { useToasts } from '../../components/Toasts';
import { contractInputSchema, type ContractRow } from '../../../shared/contract/outcomes-schemas';
import { commitmentKinds } from '../../../shared/domain/outcome-lists';
import { formatUkDate } from '../../../shared/domain/dates';
import type { FieldError } from '../../../shared/result';
import { Field } from './Field';
import { checkWithSchema, formErrors, errorFor, FormProblems } from './form-helpers';

interface CommitmentDraft {
  id?: number;
  kind: string;
  target: string;
  description: string;
  manual: string;
}

export function ContractForm({ contract }: { contract: ContractRow | null }) {
  const lookups = useChannel('outcomes.lookups', {});
  const [form, setForm] = useState({
    name: contract?.name ?? '',
    reference: contract?.reference ?? '',
    contractorOrgId: contract?.contractorOrgId ? String(contract.contractorOrgId) : '',
    startsOn: formatUkDate(contract?.startsOn),
    endsOn: formatUkDate(contract?.endsOn),
    notes: contract?.notes ?? '',
  });
  const [commitments, setCommitments] = useState<CommitmentDraft[]>(
    contract?.commitments.map((m) => ({
      id: m.id,
      kind: m.kind,
      target: String(m.target),
      description: m.description ?? '',
      manual: m.manualAchieved?.toString() ?? '',
    })) ?? [{ kind: 'local_jobs', target: '', description: '', manual: '' }],
  );
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [busy, setBusy] = useState(false);
  const toasts = useToasts();
  const set = (key: keyof typeof form) => (e: { target: { value: string } }) =>
    setForm((f) => ({ ...f, [key]: e.target.value }));
  const setC = (i: number, key: keyof CommitmentDraft) => (e: { target: { value: string } }) =>
    setCommitments((all) => all.map((c, j) => (j === i ? { ...c, [key]: e.target.value } : c)));

  async function submit(event: FormEvent) {
    event.preventDefault();
    const problems = new FormProblems();
    const startsOn = problems.date('startsOn', form.startsOn, 'start date', false);
    const endsOn = problems.date('endsOn', form.endsOn, 'end date', false);
    const input = {
      ...(contract ? { id: contract.id } : {}),
      name: form.name,
      reference: form.reference,
      contractorOrgId: form.contractorOrgId ? Number(form.contractorOrgId) : null,
      startsOn,
      endsOn,
      notes: form.notes,
      commitments: commitments.map((c, i) => ({
        ...(c.id ? { id: c.id } : {}),
        kind: c.kind,
        description: c.description,
        target:
          c.target.trim() === ''
            ? (problems.add(['commitments', i, 'target'], 'Enter the target as a whole number'), 0)
            : Number(c.target),
        manualAchieved: c.manual.trim() === '' ? null : Number(c.manual),
      })),
    };
    const checked = checkWithSchema(contractInputSchema, input);
    const all = formErrors(problems.errors, checked);
    if (all.length) {
      setErrors(all);
      return;
    }
    setBusy(true);
    const result = await api.call('contracts.save', input as never);
    setBusy(false);
    if (!result.ok) {
      setErrors(
        result.error.fields?.length ? result.error.fields : [{ path: ['name'], message: result.error.message }],
      );
      return;
    }
    toasts.show({ kind: 'success', message: 'Contract saved.' });
    navigate(`outcomes/contracts/${result.value.id}`);
  }

  const contractors = (lookups.data?.organisations ?? []).filter(
    (o) => o.isActive && (o.kind === 'contractor' || o.kind === 'employer'),
  );
  return (
    <>
      <PageHeader title={contract ? `Change ${contract.name}` : 'Add contract'} />
      <ErrorSummary errors={errors} />
      <form onSubmit={submit} noValidate>
        <Field
          path="name"
          label="Contract name"
          hint="For example, Major Repairs Contract"
          error={errorFor(errors, 'name')}
        >
          {(p) => <input {...p} value={form.name} onChange={set('name')} />}
        </Field>
        <Field path="reference" label="Reference (optional)" error={errorFor(errors, 'reference')}>
          {(p) => <input {...p} className="narrow" value={form.reference} onChange={set('reference')} />}
        </Field>
        <Field path="contractorOrgId" label="Contractor" error={errorFor(errors, 'contractorOrgId')}>
          {(p) => (
            <select {...p} value={form.contractorOrgId} onChange={set('contractorOrgId')}>
              <option value="">Not recorded</option>
              {contractors.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field
          path="startsOn"
          label="Start date (optional)"
          hint="For example, 01/04/2025"
          error={errorFor(errors, 'startsOn')}
        >
          {(p) => <input {...p} className="narrow" value={form.startsOn} onChange={set('startsOn')} />}
        </Field>
        <Field path="endsOn" label="End date (optional)" error={errorFor(errors, 'endsOn')}>
          {(p) => <input {...p} className="narrow" value={form.endsOn} onChange={set('endsOn')} />}
        </Field>
        <fieldset className="field" style={{ maxWidth: 'none' }}>
          <legend>Commitments</legend>
          <p className="hint">
            Local jobs, apprenticeships and work placements are counted from the records; enter the achieved figure for
            site visits and other commitments.
          </p>
          {commitments.map((c, i) => (
            <div className="commitment-row" key={c.id ?? `new-${i}`}>
              <Field
                path={`commitments.${i}.kind`}
                label={`Commitment ${i + 1}`}
                error={errorFor(errors, `commitments.${i}.kind`)}
              >
                {(p) => (
                  <select {...p} value={c.kind} onChange={setC(i, 'kind')}>
                    {commitmentKinds.map((k) => (
                      <option key={k.code} value={k.code}>
                        {k.label}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <Field
                path={`commitments.${i}.target`}
                label="Target"
                error={errorFor(errors, `commitments.${i}.target`)}
              >
                {(p) => <input {...p} inputMode="numeric" value={c.target} onChange={setC(i, 'target')} />}
              </Field>
              <Field
                path={`commitments.${i}.description`}
                label="Description (optional)"
                error={errorFor(errors, `commitments.${i}.description`)}
              >
                {(p) => <input {...p} value={c.description} onChange={setC(i, 'description')} />}
              </Field>
              {c.kind === 'site_visits' || c.kind === 'other' ? (
                <Field
                  path={`commitments.${i}.manualAchieved`}
                  label="Achieved"
                  error={errorFor(errors, `commitments.${i}.manualAchieved`)}
                >
                  {(p) => <input {...p} inputMode="numeric" value={c.manual} onChange={setC(i, 'manual')} />}
                </Field>
              ) : (
                <span />
              )}
              <button
                type="button"
                onClick={() => setCommitments((all) => all.filter((_, j) => j !== i))}
                aria-label={`Remove commitment ${i + 1}`}
              >
                Remove
              </button>
            </div>
          ))}
          <button
            type="button"
            onClick={() =>
              setCommitments((all) => [...all, { kind: 'apprenticeships', target: '', description: '', manual: '' }])
            }
          >
            Add commitment
          </button>
        </fieldset>
        <Field path="notes" label="Notes (optional)" error={errorFor(errors, 'notes')}>
          {(p) => <textarea {...p} rows={3} value={form.notes} onChange={set('notes')} />}
        </Field>
        <div className="button-row">
          <button type="submit" className="primary" disabled={busy}>
            Save contract
          </button>
          <button type="button" onClick={() => history.back()}>
            Cancel
          </button>
        </div>
      </form>
    </>
  );
}
