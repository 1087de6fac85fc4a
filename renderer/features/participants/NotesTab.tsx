// Notes: add one (Ctrl+Enter saves) and read them newest first.
import { useChannel } from '../../api/use-channel';
import { useCan } from '../../app/session-context';
import { Field } from '../../components/form/Field';
import { Form } from '../../components/form/Form';
import { useContractForm } from '../../components/form/use-contract-form';
import { formatUkDateTime } from '../../../shared/domain/dates';

export function NotesTab({ id }: { id: number }) {
  const notes = useChannel('participants.notes', { id }, { areas: ['participants'] });
  const canEdit = useCan('officer');
  const f = useContractForm('participants.addNote', {
    defaultValues: { id, body: '' },
    onSuccess: (_added, _input, form) => {
      form.reset();
      notes.reload();
    },
  });
  return (
    <div>
      {canEdit && (
        <Form of={f} aria-label="Add a note">
          <Field name="body" label="Add a note" hint="Ctrl+Enter adds the note">
            {(c) => (
              <textarea
                {...c}
                rows={3}
                {...f.form.register('body')}
                onKeyDown={(e) => {
                  if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
                    e.preventDefault();
                    void f.submit();
                  }
                }}
              />
            )}
          </Field>
          <button type="submit" className="primary" disabled={f.saving}>
            Add note
          </button>
        </Form>
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
            {n.body ?? (
              <p className="muted">
                The text of notes is not shown to viewers: a note may hold health or other special-category details.
              </p>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
