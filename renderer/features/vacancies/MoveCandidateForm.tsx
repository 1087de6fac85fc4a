// Moving a candidate to another stage (the next one is chosen to start with; any other can be
// chosen, to correct a mistake), with the stage's date, whether an interview is guaranteed, and
// the reason when they declined or were unsuccessful; and taking someone put forward by mistake
// off the vacancy, with a reason.
import { useToasts } from '../../components/Toasts';
import { Field } from '../../components/form/Field';
import { Form } from '../../components/form/Form';
import { DateField } from '../../components/form/ControlledFields';
import { useContractForm } from '../../components/form/use-contract-form';
import type { CandidateRow, VacancyDetail } from '../../../shared/contract/vacancies-schemas';
import {
  candidateStages,
  isClosedStage,
  pipelineStages,
  stageDateLabels,
  type CandidateStage,
} from '../../../shared/domain/candidate-stages';
import { localToday } from './local-today';
import { SaveCancel } from '../../components/form/SaveCancel';

function nextStage(stage: string): CandidateStage {
  const i = pipelineStages.indexOf(stage as (typeof pipelineStages)[number]);
  if (i < 0) return 'offered';
  return pipelineStages[Math.min(i + 1, pipelineStages.length - 1)]!;
}

export function MoveCandidateForm({
  vacancy,
  candidate,
  onDone,
}: {
  vacancy: VacancyDetail;
  candidate: CandidateRow;
  onDone(): void;
}) {
  const toasts = useToasts();
  const first = nextStage(candidate.stage);
  const f = useContractForm('candidates.move', {
    idPrefix: 'move',
    defaultValues: {
      id: candidate.id,
      to: first,
      on: first === 'interview_booked' ? '' : localToday(),
      interviewGuaranteed: candidate.interviewGuaranteed || vacancy.kind === 'guaranteed_interview',
      reason: '',
      notes: candidate.notes ?? '',
    },
    messages: { on: 'Enter the date' },
    onSuccess: (moved) => {
      toasts.show({
        kind: 'success',
        message: moved.outcomeCreated
          ? `${candidate.participantName} has started; the start outcome was recorded.`
          : `${candidate.participantName} moved to ${candidateStages.find((s) => s.code === moved.stage)?.label.toLowerCase() ?? moved.stage}.`,
      });
      onDone();
    },
  });
  const { register, watch } = f.form;
  const to = watch('to');
  return (
    <Form
      of={f}
      className="inline-form card"
      aria-labelledby="move-title"
      heading={<h3 id="move-title">Move {candidate.participantName}</h3>}
    >
      <Field name="to" label="Stage">
        {(p) => (
          <select {...p} {...register('to')}>
            {candidateStages.map((s) => (
              <option key={s.code} value={s.code}>
                {s.label}
                {s.code === candidate.stage ? ' (now)' : ''}
              </option>
            ))}
          </select>
        )}
      </Field>
      <DateField name="on" label={stageDateLabels[to] ?? 'Date'} hint="For example, 05/03/2026" blank="" />
      {to === 'interview_booked' && (
        <div className="field">
          <label className="radio" htmlFor="field-move.interviewGuaranteed">
            <input id="field-move.interviewGuaranteed" type="checkbox" {...register('interviewGuaranteed')} />
            The interview is guaranteed
          </label>
        </div>
      )}
      {isClosedStage(to) && (
        <Field name="reason" label={to === 'declined' ? 'Why did they decline?' : 'Why were they unsuccessful?'}>
          {(p) => <textarea {...p} rows={2} {...register('reason')} />}
        </Field>
      )}
      {to === 'started' && vacancy.startOutcome && !candidate.outcomeId && (
        <p className="hint">
          Recording the start also records their{' '}
          {vacancy.startOutcome === 'apprenticeship_start' ? 'apprenticeship start' : 'job start'} outcome, once.
        </p>
      )}
      {candidate.stage === 'started' && to !== 'started' && candidate.outcomeId && (
        <p className="hint">
          Their start outcome #{candidate.outcomeId} stays recorded; if they did not start, reject it on the outcome’s
          page.
        </p>
      )}
      <Field name="notes" label="Notes (optional)">
        {(p) => <textarea {...p} rows={2} {...register('notes')} />}
      </Field>
      <SaveCancel saving={f.saving} onCancel={onDone}>
        Save stage
      </SaveCancel>
    </Form>
  );
}

export function RemoveCandidateForm({ candidate, onDone }: { candidate: CandidateRow; onDone(): void }) {
  const toasts = useToasts();
  const f = useContractForm('candidates.remove', {
    idPrefix: 'remove',
    defaultValues: { id: candidate.id, reason: '' },
    onSuccess: () => {
      toasts.show({ kind: 'success', message: `${candidate.participantName} was taken off this vacancy.` });
      onDone();
    },
  });
  return (
    <Form
      of={f}
      className="inline-form card"
      aria-labelledby="remove-title"
      heading={<h3 id="remove-title">Take {candidate.participantName} off this vacancy</h3>}
    >
      <Field name="reason" label="Why? (for example, put forward by mistake)">
        {(p) => <input {...p} {...f.form.register('reason')} />}
      </Field>
      <SaveCancel saving={f.saving} onCancel={onDone}>
        Take off the vacancy
      </SaveCancel>
    </Form>
  );
}
