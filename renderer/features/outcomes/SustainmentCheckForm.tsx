// Record a 13- or 26-week sustainment check: still in work (with the date the weeks were
// reached, inside the window) or not; optional evidence. "Yes" creates the sustained outcome.
import { z } from 'zod';
import { useToasts } from '../../components/Toasts';
import { ChoiceGroup } from '../../components/form/ChoiceGroup';
import { Field } from '../../components/form/Field';
import { Form } from '../../components/form/Form';
import { DateField, FileField } from '../../components/form/ControlledFields';
import { useContractForm } from '../../components/form/use-contract-form';
import { toCode } from '../../components/form/values';
import { sustainmentRecordSchema } from '../../../shared/contract/outcomes-schemas';
import { useChannel } from '../../api/use-channel';
import { evidenceFileProblem } from '../../../shared/domain/evidence-files';
import { formatUkDate } from '../../../shared/domain/dates';
import { SaveCancel } from '../../components/form/SaveCancel';

export interface CheckTarget {
  startOutcomeId: number;
  weeks: 13 | 26;
  participantName: string;
  startDate: string;
  dueOn: string;
  windowEndsOn: string;
}

const contractField = sustainmentRecordSchema.shape;
/** The contract's fields, with "still in work?" as the yes/no the officer answers. */
const checkForm = z.object({
  sustained: z.enum(['yes', 'no'], { error: 'Say whether the person is still in work' }),
  sustainedOn: contractField.sustainedOn,
  checkedOn: contractField.checkedOn,
  evidenceKind: contractField.evidenceKind,
  evidenceFile: contractField.evidenceFile,
  notes: contractField.notes,
});

export function SustainmentCheckForm({
  target,
  today,
  onDone,
}: {
  target: CheckTarget;
  today: string;
  onDone(saved: boolean): void;
}) {
  const toasts = useToasts();
  const prefix = `check-${target.startOutcomeId}-${target.weeks}`;
  const f = useContractForm('sustainment.record', {
    schema: checkForm,
    // Prefixed so these field ids never clash with another form on the same page.
    idPrefix: 'check',
    defaultValues: {
      sustainedOn: target.dueOn <= today ? target.dueOn : today,
      checkedOn: today,
      evidenceKind: null,
      notes: '',
    },
    messages: {
      sustainedOn: `Enter the date ${target.weeks} weeks in work were reached`,
      checkedOn: 'Enter the date of the check',
    },
    checks: ({ evidenceFile }) => {
      const problem = evidenceFile ? evidenceFileProblem(evidenceFile.fileName, evidenceFile.bytes) : null;
      return problem ? [{ path: ['evidenceFile'], message: problem }] : [];
    },
    toInput: ({ sustained, sustainedOn, evidenceFile, ...rest }) => ({
      ...rest,
      startOutcomeId: target.startOutcomeId,
      weeks: target.weeks,
      sustained: sustained === 'yes',
      sustainedOn: sustained === 'yes' ? sustainedOn : null,
      ...(evidenceFile ? { evidenceFile } : {}),
    }),
    onSuccess: (_saved, input) => {
      toasts.show({
        kind: 'success',
        message: input.sustained
          ? `${target.weeks}-week sustainment recorded for ${target.participantName}.`
          : `${target.weeks}-week check recorded: not sustained.`,
      });
      onDone(true);
    },
  });
  const { register, watch } = f.form;
  // Evidence types are a reference list (Settings → Reference lists); retired ones are not offered.
  const kinds = (useChannel('reference.choices', {}, { areas: ['participants'] }).data?.evidenceKinds ?? []).filter(
    (k) => k.isActive,
  );
  return (
    <Form
      of={f}
      className="inline-form"
      aria-labelledby={`${prefix}-title`}
      heading={
        <>
          <h3 id={`${prefix}-title`}>
            {target.weeks}-week check for {target.participantName}
          </h3>
          <p className="muted">
            Started {formatUkDate(target.startDate)}. The {target.weeks} weeks in work must be reached between{' '}
            {formatUkDate(target.dueOn)} and {formatUkDate(target.windowEndsOn)}.
          </p>
        </>
      }
    >
      <ChoiceGroup
        name="sustained"
        legend={`Still in work for ${target.weeks} weeks?`}
        type="radio"
        options={[
          { code: 'yes', label: 'Yes, sustained' },
          { code: 'no', label: 'No, not sustained' },
        ]}
        inputProps={() => register('sustained')}
      />
      {watch('sustained') === 'yes' && (
        <DateField
          name="sustainedOn"
          label={`Date ${target.weeks} weeks in work were reached`}
          hint="For example, 05/03/2026"
        />
      )}
      <DateField name="checkedOn" label="Date of the check" blank="" />
      <Field name="evidenceKind" label="Evidence seen (optional)">
        {(p) => (
          <select {...p} {...register('evidenceKind', { setValueAs: toCode })}>
            <option value="">None</option>
            {kinds.map((k) => (
              <option key={k.code} value={k.code}>
                {k.label}
              </option>
            ))}
          </select>
        )}
      </Field>
      <FileField
        name="evidenceFile"
        label="Evidence file (optional)"
        hint="PDF, PNG or JPEG, up to 10 MB"
        accept=".pdf,.png,.jpg,.jpeg"
      />
      <Field name="notes" label="Notes (optional)">
        {(p) => <textarea {...p} rows={2} {...register('notes')} />}
      </Field>
      <SaveCancel saving={f.saving} onCancel={() => onDone(false)}>
        Save check
      </SaveCancel>
    </Form>
  );
}
