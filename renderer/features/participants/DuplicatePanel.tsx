// Likely duplicates of the person being entered, shown beside the field that brought them up
// (not at the end of a long form), each with its explained score. The safe choice is the
// prominent one: open the existing record (and add a new referral there if they are back).
// Marking "not a duplicate" (remembered), comparing and merging, and continuing anyway are
// secondary.
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
  /** Brings the panel into view and moves focus to it when it appears after a save attempt. */
  focusOnShow?: boolean;
}

export function DuplicatePanel({ candidates, onNotDuplicate, onContinue, onMerge, focusOnShow }: DuplicatePanelProps) {
  const ref = useRef<HTMLElement>(null);
  useEffect(() => {
    if (focusOnShow && candidates.length) {
      ref.current?.scrollIntoView({ block: 'center' });
      ref.current?.focus({ preventScroll: true });
    }
  }, [focusOnShow, candidates.length]);
  if (!candidates.length) return null;
  return (
    <section
      className="duplicates"
      aria-labelledby="duplicates-title"
      tabIndex={-1}
      ref={ref}
      role="region"
      data-testid="duplicates"
    >
      <h2 id="duplicates-title">This person may already be registered</h2>
      <p className="small">
        Open the existing record to check. If they have come back to the programme, add a new referral there rather than
        registering them again.
      </p>
      <ul>
        {candidates.map((c) => (
          <li key={c.id} className="duplicate">
            <div>
              <strong>
                {c.firstName} {c.lastName}
              </strong>{' '}
              <span className="muted unbroken">{c.reference}</span>
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
              <a className="button-link primary" href={participantsRoutes.person.href({ id: c.id, tab: 'details' })}>
                Open the existing record<span className="visually-hidden"> {c.reference}</span>
              </a>
              {onMerge ? (
                <button type="button" onClick={() => onMerge(c.id)}>
                  Compare and merge
                </button>
              ) : (
                <a href={participantsRoutes.person.href({ id: c.id, tab: 'referrals' })}>
                  Add a new referral<span className="visually-hidden"> to {c.reference}</span>
                </a>
              )}
              <button type="button" onClick={() => onNotDuplicate(c.id)}>
                Not a duplicate<span className="visually-hidden"> of {c.reference}</span>
              </button>
            </div>
          </li>
        ))}
      </ul>
      {onContinue && (
        <p className="duplicate-continue">
          <button type="button" onClick={onContinue}>
            Continue anyway
          </button>{' '}
          <span className="muted small">
            Saves a new record beside the one{candidates.length > 1 ? 's' : ''} above.
          </span>
        </p>
      )}
    </section>
  );
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
