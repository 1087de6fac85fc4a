// Choose the participant a placement or outcome is for, inside a <Form> (its "participantId"):
// type a name or reference, pick from the matches (searched through this area's own channel).
// Pre-selected when opened from a participant's page.
import { useEffect, useState } from 'react';
import { useController } from 'react-hook-form';
import { api } from '../../api/client';
import type { ParticipantPick } from '../../../shared/contract/outcomes-schemas';
import { formatUkDate } from '../../../shared/domain/dates';
import { Field } from '../../components/form/Field';
import { useFieldId } from '../../components/form/field-id';

export function ParticipantPicker({ initial }: { initial: ParticipantPick | null }) {
  // No message on leaving the search box: it would push the matches down as one is clicked.
  const { field } = useController({ name: 'participantId' });
  const [chosen, setChosen] = useState(initial);
  const [search, setSearch] = useState('');
  const [results, setResults] = useState<ParticipantPick[]>([]);
  const id = useFieldId('participantId');
  const choose = (p: ParticipantPick | null) => {
    setChosen(p);
    setResults([]);
    field.onChange(p?.id);
  };
  useEffect(() => {
    if (chosen || search.trim().length < 2) return;
    let live = true;
    const timer = setTimeout(() => {
      void api.call('outcomes.findParticipants', { search }).then((r) => live && r.ok && setResults(r.value));
    }, 200);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [search, chosen]);

  if (chosen) {
    return (
      <div className="field">
        <span className="field-label-text">
          <strong>Participant</strong>
        </span>
        <div className="picker-chosen">
          <span id={id} tabIndex={-1}>
            {chosen.name} ({chosen.reference}){chosen.dateOfBirth ? `, born ${formatUkDate(chosen.dateOfBirth)}` : ''}
          </span>
          <button type="button" className="link-button" onClick={() => choose(null)}>
            Change participant
          </button>
        </div>
      </div>
    );
  }
  const shown = search.trim().length >= 2 ? results : [];
  return (
    <Field
      name="participantId"
      label="Participant"
      hint="Type at least 2 letters of a name or reference, then choose from the list"
    >
      {(props) => (
        <>
          <input
            {...props}
            type="search"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            // Enter picks nobody: it would save the form half filled in.
            onKeyDown={(e) => e.key === 'Enter' && e.preventDefault()}
            autoComplete="off"
          />
          <p className="muted" role="status">
            {search.trim().length >= 2 ? `${shown.length} ${shown.length === 1 ? 'match' : 'matches'}` : ''}
          </p>
          {shown.length > 0 && (
            <ul className="picker-results" aria-label="Matching participants">
              {shown.map((p) => (
                <li key={p.id}>
                  <button type="button" onClick={() => choose(p)}>
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
