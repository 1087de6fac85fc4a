// The retention settings: how long records that no funding stream dates are kept after the last
// activity, and how long backups taken before an erasure may keep the erased people.
import { useToasts } from '../../components/Toasts';
import { Field } from '../../components/form/Field';
import { Form } from '../../components/form/Form';
import { useContractForm } from '../../components/form/use-contract-form';
import { toNumber } from '../../components/form/values';
import type { RetentionSettings } from '../../../shared/contract/trust.contract';

export function RetentionSettingsForm({ settings, onSaved }: { settings: RetentionSettings; onSaved(): void }) {
  const toasts = useToasts();
  const f = useContractForm('retention.saveSettings', {
    idPrefix: 'retention-settings',
    defaultValues: settings,
    onSuccess: () => {
      toasts.show({ kind: 'success', message: 'Retention settings saved.' });
      onSaved();
    },
  });
  const { register } = f.form;
  return (
    <Form of={f} aria-label="Retention settings">
      <Field
        name="defaultRetentionYears"
        label="Keep records no funding stream dates for this many years after the last activity"
        hint={
          'For people with no funding stream, or a stream without a retention date (often people imported from ' +
          'partners). Activity: a referral, start, leave, outcome, placement, course, note or check.'
        }
      >
        {(c) => (
          <input
            {...c}
            inputMode="numeric"
            className="input-narrow"
            {...register('defaultRetentionYears', { setValueAs: toNumber })}
          />
        )}
      </Field>
      <Field
        name="erasedBackupDays"
        label="Delete backups that hold erased people this many days after the erasure"
        hint={
          'A backup taken before an anonymisation or erasure still holds those people. It is deleted this many ' +
          'days after the erasure (35 by default), so a mistake can be put right in the meantime.'
        }
      >
        {(c) => (
          <input
            {...c}
            inputMode="numeric"
            className="input-narrow"
            {...register('erasedBackupDays', { setValueAs: toNumber })}
          />
        )}
      </Field>
      <button type="submit" className="primary" disabled={f.saving}>
        Save retention settings
      </button>
    </Form>
  );
}
