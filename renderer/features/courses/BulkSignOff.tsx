// Signing off everyone the rule finds ready but for the sign-off, in one step from the
// site-ready list: the date and who signed. One bulk write (a backup first, one transaction,
// an audit row per person); people the rule no longer finds ready are skipped with a reason.
import { useChannel } from '../../api/use-channel';
import { DateField } from '../../components/form/ControlledFields';
import { Field } from '../../components/form/Field';
import { Form } from '../../components/form/Form';
import { useContractForm } from '../../components/form/use-contract-form';
import { useToasts } from '../../components/Toasts';

const todayIso = () => new Date().toISOString().slice(0, 10);

export function BulkSignOff({ awaiting, onDone }: { awaiting: number; onDone(): void }) {
  const staff = useChannel('staff.list', {});
  const toasts = useToasts();
  const f = useContractForm('courses.siteReady.signOff', {
    defaultValues: { signedOn: todayIso(), signedBy: null, notes: null },
    onSuccess: ({ signedOff, becameSiteReady, skipped }) => {
      toasts.show({
        kind: 'success',
        message:
          `Signed off ${signedOff} ${signedOff === 1 ? 'person' : 'people'}; ${becameSiteReady} became site ready` +
          (skipped.length ? `; ${skipped.length} skipped: ${skipped.map((s) => s.reason).join('; ')}` : '.'),
      });
      onDone();
    },
  });
  const active = (staff.data ?? []).filter((s) => s.isActive && s.role !== 'viewer');
  return (
    <section className="form-box" aria-labelledby="bulk-signoff-title">
      <Form
        of={f}
        heading={
          <h2 id="bulk-signoff-title" className="flush-top">
            Sign off everyone ready
          </h2>
        }
      >
        <p className="muted">
          {awaiting} {awaiting === 1 ? 'person meets' : 'people meet'} every requirement of the rule but the officer's
          sign-off. Signing off records it for each of them (in the audit log, one entry per person).
        </p>
        <div className="toolbar">
          <DateField name="signedOn" label="Signed off on" />
          <Field name="signedBy" label="Signed by">
            {(c) => (
              <select {...c} {...f.form.register('signedBy', { setValueAs: (v: string) => (v ? Number(v) : null) })}>
                <option value="">Me</option>
                {active.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.displayName}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
        <div className="button-row">
          <button type="submit" className="primary" disabled={!awaiting || f.saving}>
            Sign off {awaiting} {awaiting === 1 ? 'person' : 'people'}
          </button>
        </div>
      </Form>
    </section>
  );
}
