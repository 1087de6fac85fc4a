// Choose the participant a placement or outcome is for: type a name or reference, pick from
// the matches (searched through this area's own channel). Pre-selected when opened from a
// participant's page.
import { useEffect, useState } from 'react';
import { api } from '../../api/client';
import type { ParticipantPick } from '../../../shared/contract/outcomes-schemas';
import { formatUkDate } from '../../../shared/domain/dates';
import { Field } from './Field';

export function ParticipantPicker({
  value,
  onChange,
  error,
}: {
  value: ParticipantPick | null;
  onChange(p: ParticipantPick | null): void;
  error?: string | undefined;
}) {
  const [search, setSearch] = useState('');
  const [results, setResults] = useState<ParticipantPick[]>([]);
  useEffect(() => {
    if (value || search.trim().length < 2) return;
    let live = true;
    const timer = setTimeout(() => {
      void api.call('outcomes.findParticipants', { search }).then((r) => live && r.ok && setResults(r.value));
    }, 200);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [search, value]);

  if (value) {
    return (
      <div className="field">
        <span className="field-label-text">
          <strong>Participant</strong>
        </span>
        <div className="picker-chosen">
          <span id="field-participantId" tabIndex={-1}>
            {value.name} ({value.reference}){value.dateOfBirth ? `, born ${formatUkDate(value.dateOfBirth)}` : ''}
          </span>
          <button type="button" className="link-button" onClick={() => onChange(null)}>
            Change participant
          </button>
        </div>
      </div>
    );
  }
  return (
    <Field
      path="participantId"
      label="Participant"
      hint="Type at least 2 letters of a name or reference, then choose from the list"
      error={error}
    >
      {(props) => (
        <>
          <input
            {...props}
            type="search"
            value={search}
            onChange={(e) => {
              setSearch(e.target.value);
              if (e.target.value.trim().length < 2) setResults([]);
            }}
            autoComplete="off"
          />
          <p className="muted" role="status">
            {search.trim().length >= 2 ? `${results.length} ${results.length === 1 ? 'match' : 'matches'}` : ''}
          </p>
          {results.length > 0 && (
            <ul className="picker-results" aria-label="Matching participants">
              {results.map((p) => (
                <li key={p.id}>
                  <button type="button" onClick={() => onChange(p)}>
                    {p.name} · {p.reference}
                    {p.dateOfBirth ? ` · born ${formatUkDate(p.dateOfBirth)}` : ''}
                    {p.postcode ? ` · ${p.postcode}` : ''}
                  </button>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </Field>
  );
}
