// A modal that asks why before personal data leaves the app (the audit log records the answer),
// or asks for a note before submitting; shows the backend's field errors in the GOV.UK summary.
import { useEffect, useRef, useState } from 'react';
import { ErrorSummary, fieldId } from '../../components/ErrorSummary';
import type { FieldError } from '../../../shared/result';

export interface PurposeDialogProps {
  title: string;
  label: string;
  hint: string;
  confirmLabel: string;
  /** The field's name in the channel input, so backend errors link to it. */
  field: 'purpose' | 'note';
  required: boolean;
  onConfirm(text: string): Promise<{ ok: true } | { ok: false; message: string; fields?: FieldError[] }>;
  onClose(): void;
}

export function PurposeDialog(props: PurposeDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const [text, setText] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    ref.current?.showModal();
  }, []);

  async function confirm() {
    if (props.required && text.trim().length < 5) {
      setErrors([{ path: [props.field], message: `${props.label}: write at least 5 characters` }]);
      return;
    }
    setBusy(true);
    const result = await props.onConfirm(text.trim());
    setBusy(false);
    if (result.ok) {
      ref.current?.close();
      props.onClose();
    } else {
      const fields = (result.fields ?? [])
        .filter((f) => f.path.includes(props.field))
        .map((f) => ({ path: [props.field], message: f.message }));
      setErrors(fields.length ? fields : [{ path: [props.field], message: result.message }]);
    }
  }

  const id = fieldId([props.field]);
  return (
    <dialog ref={ref} aria-labelledby="purpose-dialog-title" onClose={props.onClose}>
      <form
        method="dialog"
        onSubmit={(e) => {
          e.preventDefault();
          void confirm();
        }}
      >
        <h2 id="purpose-dialog-title">{props.title}</h2>
        <ErrorSummary errors={errors} />
        <div className={`field ${errors.length ? 'field-error' : ''}`}>
          <label htmlFor={id}>{props.label}</label>
          <p className="hint" id={`${id}-hint`}>
            {props.hint}
          </p>
          {errors[0] && (
            <p className="error-message" id={`${id}-error`}>
              {errors[0].message}
            </p>
          )}
          <textarea
            id={id}
            rows={3}
            value={text}
            onChange={(e) => setText(e.target.value)}
            aria-describedby={`${id}-hint${errors.length ? ` ${id}-error` : ''}`}
          />
        </div>
        <div className="button-row">
          <button type="submit" className="primary" disabled={busy}>
            {busy ? 'Working…' : props.confirmLabel}
          </button>
          <button
            type="button"
            onClick={() => {
              ref.current?.close();
              props.onClose();
            }}
          >
            Cancel
          </button>
        </div>
      </form>
    </dialog>
  );
}
