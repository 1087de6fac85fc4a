// A modal that asks why before personal data leaves the app (the audit log records the answer),
// or asks for a note before submitting, then calls the channel with it; the backend's errors
// about that text are shown on the box, any other in the summary.
import { useEffect, useRef } from 'react';
import { z } from 'zod';
import type { ChannelInput, ChannelName, ChannelOutput } from '../../shared/contract/index';
import { Field } from './form/Field';
import { Form } from './form/Form';
import { useContractForm } from './form/use-contract-form';
import { SaveCancel } from './form/SaveCancel';

export interface PurposeDialogProps<C extends ChannelName> {
  channel: C;
  title: string;
  label: string;
  hint: string;
  confirmLabel: string;
  /** The text's name in the channel input, so backend errors about it land on the box. */
  field: 'purpose' | 'note';
  required: boolean;
  toInput(text: string): ChannelInput<C>;
  onDone(output: ChannelOutput<C>): void;
  onClose(): void;
}

export function PurposeDialog<C extends ChannelName>(props: PurposeDialogProps<C>) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    ref.current?.showModal();
  }, []);
  const close = () => {
    ref.current?.close();
    props.onClose();
  };
  const f = useContractForm(props.channel, {
    schema: z.object({
      text: props.required
        ? z.string().trim().min(5, `${props.label}: write at least 5 characters`)
        : z.string().trim(),
    }),
    defaultValues: { text: '' },
    toInput: ({ text }) => props.toInput(text),
    fieldFor: (path) => (path.includes(props.field) ? 'text' : null),
    onSuccess: (output) => {
      close();
      props.onDone(output);
    },
  });
  return (
    <dialog ref={ref} aria-labelledby="purpose-dialog-title" onClose={props.onClose}>
      <Form of={f} heading={<h2 id="purpose-dialog-title">{props.title}</h2>}>
        <Field name="text" label={props.label} hint={props.hint}>
          {(c) => <textarea {...c} rows={3} {...f.form.register('text')} />}
        </Field>
        <SaveCancel saving={f.saving} onCancel={close}>
          {f.saving ? 'Working…' : props.confirmLabel}
        </SaveCancel>
      </Form>
    </dialog>
  );
}
