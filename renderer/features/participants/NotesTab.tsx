// Notes: add one (Ctrl+Enter saves) and read them newest first.
import { useState } from 'react';
import { api } from '../../api/client';
import { useChannel } from '../../api/use-channel';
import { useCan } from '../../app/session-context';
import { ErrorSummary } from '../../components/ErrorSummary';
import { Field } from '../../components/form/Field';
import { formatUkDateTime } from '../../../shared/domain/dates';
import type { FieldError } from '../../../shared/result';

export function NotesTab({ id }: { id: number }) {
  const notes = useChannel('participants.notes', { id }, { areas: ['participants'] });
  const canEdit = useCan('officer');
  const [body, setBody] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const add = async () => {
    const result = await api.call('participants.addNote', { id, body });
    if (!result.ok) {
      setErrors(
        (result.error.fields ?? [{ path: ['body'], message: result.error.message }]).map((f) => ({
          ...f,
          path: ['body'],
        })),
      );
      return;
    }
    setErrors([]);
    setBody('');
    notes.reload();
  };
  return (
    <div>
      {canEdit && (
        <form
          noValidate
          aria-label="Add a note"
          onSubmit={(e) => {
            e.preventDefault();
            void add();
          }}
        >
          <ErrorSummary errors={errors} />
          <Field name="body" label="Add a note" hint="Ctrl+Enter adds the note" error={errors[0]?.message}>
            {(c) => (
              <textarea
                {...c}
                rows={3}
                value={body}
                onChange={(e) => setBody(e.target.value)}
                onKeyDown={(e) => {
                  if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
                    e.preventDefault();
                    void add();
                  }
                }}
              />
            )}
          </Field>
          <button type="submit" className="primary">
            Add note
          </button>
        </form>
      )}
      <h2>Notes</h2>
      {notes.data && notes.data.length === 0 && <p>No notes yet.</p>}
      <ul className="notes-list">
        {notes.data?.map((n) => (
          <li key={n.id}>
            <p className="muted small">
              {formatUkDateTime(n.createdAt)}
              {n.createdBy ? ` · ${n.createdBy}` : ''}
            </p>
            {n.body}
          </li>
        ))}
      </ul>
    </div>
  );
}
