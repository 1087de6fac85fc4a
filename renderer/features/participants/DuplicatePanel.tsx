// Likely duplicates of the person being entered, each with its explained score and what the
// officer can do: open the candidate, mark "not a duplicate" (remembered), compare and merge,
// or continue anyway.
import { useEffect, useRef } from 'react';
import type { DuplicateCandidate } from '../../../shared/contract/participants.contract';
import { formatUkDate } from '../../../shared/domain/dates';
import { formatNi } from '../../../shared/domain/identifiers';
import { participantsRoutes } from './participants.routes';

const levelText: Record<DuplicateCandidate['level'], string> = {
  certain: 'Almost certainly the same person',
  probable: 'Probably the same person',
  possible: 'Possibly the same person',
  none: '',
};

export interface DuplicatePanelProps {
  candidates: DuplicateCandidate[];
  onNotDuplicate(id: number): void;
  onContinue?(): void;
  onMerge?(id: number): void;
  /** Move focus to the panel when it appears after a save attempt. */
  focusOnShow?: boolean;
}

export function DuplicatePanel({ candidates, onNotDuplicate, onContinue, onMerge, focusOnShow }: DuplicatePanelProps) {
  const ref = useRef<HTMLElement>(null);
  useEffect(() => {
    if (focusOnShow && candidates.length) ref.current?.focus();
  }, [focusOnShow, candidates.length]);
  if (!candidates.length) return null;
  return (
    <section className="duplicates" aria-labelledby="duplicates-title" tabIndex={-1} ref={ref}>
      <h2 id="duplicates-title">This person may already be registered</h2>
      <ul>
        {candidates.map((c) => (
          <li key={c.id} className="duplicate">
            <div>
              <strong>
                {c.firstName} {c.lastName}
              </strong>{' '}
              <span className="muted">{c.reference}</span>
              <span className={`tag ${c.level === 'possible' ? 'tag-yellow' : 'tag-red'}`}>
                {levelText[c.level]} ({c.score}%)
              </span>
              <p className="explain">{c.explanation ? capitalise(c.explanation) : 'Similar details'}</p>
              <p className="muted small">
                Born {formatUkDate(c.dateOfBirth) || 'unknown'} · NI {c.niNumber ? formatNi(c.niNumber) : 'not known'} ·{' '}
                {c.postcode ?? 'no postcode'}
              </p>
            </div>
            <div className="duplicate-actions">
              <a href={participantsRoutes.person.href({ id: c.id, tab: 'details' })}>Open {c.reference}</a>
              {onMerge && (
                <button type="button" onClick={() => onMerge(c.id)}>
                  Compare and merge
                </button>
              )}
              <button type="button" onClick={() => onNotDuplicate(c.id)}>
                Not a duplicate<span className="visually-hidden"> of {c.reference}</span>
              </button>
            </div>
          </li>
        ))}
      </ul>
      {onContinue && (
        <button type="button" className="primary" onClick={onContinue}>
          Continue anyway
        </button>
      )}
    </section>
  );
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
