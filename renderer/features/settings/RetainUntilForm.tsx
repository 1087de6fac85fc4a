// One funding stream's retention date, typed day/month/year and saved on its own.
import { useState, type FormEvent } from 'react';
import { api } from '../../api/client';
import { useToasts } from '../../components/Toasts';
import { formatUkDate, parseUkDate } from '../../../shared/domain/dates';

export function RetainUntilForm({
  stream,
  onSaved,
}: {
  stream: { id: number; name: string; retainUntil: string | null };
  onSaved(): void;
}) {
  const toasts = useToasts();
  const [text, setText] = useState(stream.retainUntil ? formatUkDate(stream.retainUntil) : '');
  const [error, setError] = useState<string | null>(null);
  const id = `retain-${stream.id}`;

  async function save(e: FormEvent) {
    e.preventDefault();
    const iso = text.trim() ? parseUkDate(text) : null;
    if (text.trim() && !iso) return setError('Enter a date as day/month/year, like 31/12/2030');
    setError(null);
    const result = await api.call('retention.setRetainUntil', { id: stream.id, retainUntil: iso });
    if (!result.ok) return setError(result.error.message);
    toasts.show({ kind: 'success', message: `Retention date of ${stream.name} saved.` });
    onSaved();
  }

  return (
    <form onSubmit={save} noValidate className={`inline-form ${error ? 'field-error' : ''}`}>
      <label className="visually-hidden" htmlFor={id}>
        Keep records of {stream.name} until (day/month/year)
      </label>
      {error && (
        <p className="error-message" id={`${id}-error`}>
          {error}
        </p>
      )}
      <input
        id={id}
        value={text}
        onChange={(e) => setText(e.target.value)}
        placeholder="dd/mm/yyyy"
        aria-invalid={!!error}
        aria-describedby={error ? `${id}-error` : undefined}
        size={12}
      />
      <button type="submit">
        Save<span className="visually-hidden"> retention date of {stream.name}</span>
      </button>
    </form>
  );
}
