// The site-ready rule, as administrators set it: which requirements count, which card types,
// whether PPE, sign-off and a Smart Check lapse, other catalogue tickets required, and whether a
// valid card makes the HS&E pass's age irrelevant. Saving applies it at once to everyone.
import { useChannel } from '../../api/use-channel';
import { cscsCardTypes } from '../../../shared/domain/cscs';
import type { SiteReadyRule } from '../../../shared/domain/site-ready';
import { useToasts } from '../../components/Toasts';
import { ChoiceGroup } from '../../components/form/ChoiceGroup';
import { Field } from '../../components/form/Field';
import { Form } from '../../components/form/Form';
import { useContractForm } from '../../components/form/use-contract-form';
import { toNumber } from '../../components/form/values';
import { SaveCancel } from '../../components/form/SaveCancel';

const monthsMessage = 'Months must be a whole number from 1 to 120, or blank';

const requirements = [
  { code: 'requireCard', label: 'A valid CSCS card' },
  { code: 'requireHsePass', label: 'An HS&E test pass within its validity' },
  { code: 'requireL1Award', label: 'The Level 1 Award in Health and Safety' },
  { code: 'requirePpe', label: 'PPE issued' },
  { code: 'requireSignoff', label: 'Readiness signed off by an officer' },
  { code: 'requireSmartCheck', label: 'The card checked on CSCS Smart Check' },
  { code: 'hseWaivedByCard', label: "With a valid card, the HS&E pass's age does not matter (the card is the proof)" },
] as const;

export function SiteReadyRuleForm({ rule, onDone }: { rule: SiteReadyRule; onDone(): void }) {
  const toasts = useToasts();
  const f = useContractForm('courses.siteReady.setRule', {
    defaultValues: rule,
    messages: {
      ppeValidMonths: monthsMessage,
      signoffValidMonths: monthsMessage,
      smartCheckValidMonths: monthsMessage,
    },
    onSuccess: () => {
      toasts.show({ kind: 'success', message: 'Site-ready rule saved and applied' });
      onDone();
    },
  });
  const { register } = f.form;
  const lookups = useChannel('courses.lookups', {});
  // Other tickets: catalogue courses that are not the CSCS route itself.
  const tickets = (lookups.data?.courseTypes ?? []).filter((t) => t.isActive && !t.cscsComponent);
  const required = f.form.watch('requiredTickets') ?? [];
  const toggleTicket = (code: string, name: string, on: boolean) =>
    f.form.setValue(
      'requiredTickets',
      on
        ? [...required, { courseType: code, label: name, validMonths: null }]
        : required.filter((t) => t.courseType !== code),
      { shouldDirty: true },
    );
  return (
    <Form of={f} aria-label="The site-ready rule">
      <ChoiceGroup
        name="requireCard"
        legend="A person is site ready when they have"
        type="checkbox"
        eachAField
        options={requirements}
        inputProps={(code) => register(code as (typeof requirements)[number]['code'])}
      />
      <ChoiceGroup
        name="acceptedCardTypes"
        legend="Card types that count (none ticked = any CSCS card)"
        type="checkbox"
        options={cscsCardTypes}
        inputProps={() => register('acceptedCardTypes')}
      />
      {tickets.length > 0 && (
        <fieldset>
          <legend>Other tickets required (a completed course of that type)</legend>
          {tickets.map((t) => (
            <label key={t.code} className="radio">
              <input
                type="checkbox"
                checked={required.some((r) => r.courseType === t.code)}
                onChange={(e) => toggleTicket(t.code, t.name, e.target.checked)}
              />{' '}
              {t.name}
            </label>
          ))}
        </fieldset>
      )}
      <div className="form-grid">
        <Field name="ppeValidMonths" label="PPE counts for (months)" hint="Blank: PPE once issued always counts">
          {(c) => (
            <input
              {...c}
              className="input-narrow"
              inputMode="numeric"
              {...register('ppeValidMonths', { setValueAs: toNumber })}
            />
          )}
        </Field>
        <Field name="signoffValidMonths" label="A sign-off counts for (months)" hint="Blank: until it is revoked">
          {(c) => (
            <input
              {...c}
              className="input-narrow"
              inputMode="numeric"
              {...register('signoffValidMonths', { setValueAs: toNumber })}
            />
          )}
        </Field>
        <Field name="smartCheckValidMonths" label="A Smart Check counts for (months)" hint="Blank: for the card's life">
          {(c) => (
            <input
              {...c}
              className="input-narrow"
              inputMode="numeric"
              {...register('smartCheckValidMonths', { setValueAs: toNumber })}
            />
          )}
        </Field>
      </div>
      <SaveCancel saving={f.saving} onCancel={onDone}>
        Save the rule
      </SaveCancel>
    </Form>
  );
}
