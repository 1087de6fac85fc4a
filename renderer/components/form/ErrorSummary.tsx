// The GOV.UK error summary: a box at the top of a form listing every problem, each a link to its
// field ("#field-<path>"), focused after each failed submit so screen readers announce it.
// Problems that concern no field (a conflict, a refused rule) are listed without a link.
import { useEffect, useId, useRef } from 'react';
import type { FieldError } from '../../../shared/result';
import { fieldId } from './field-id';

export function ErrorSummary({
  problems,
  focusKey,
  idPrefix,
  title = 'There is a problem',
}: {
  problems: FieldError[];
  /** Changes at each failed submit: the summary takes focus then (not while someone types). */
  focusKey: number;
  idPrefix?: string | undefined;
  title?: string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const titleId = useId();
  const shown = problems.length > 0;
  // Focus once per failed submit, not each time the list changes as fields are put right.
  const focusedFor = useRef(0);
  useEffect(() => {
    if (focusKey > focusedFor.current && shown) {
      focusedFor.current = focusKey;
      ref.current?.focus();
    }
  }, [focusKey, shown]);
  if (!shown) return null;
  return (
    <div className="error-summary" role="alert" tabIndex={-1} ref={ref} aria-labelledby={titleId}>
      <h2 id={titleId}>{title}</h2>
      <ul>
        {problems.map((p, i) => {
          if (!p.path.length) return <li key={`general-${i}`}>{p.message}</li>;
          const target = fieldId(p.path, idPrefix);
          return (
            <li key={target}>
              <a
                href={`#${target}`}
                onClick={(event) => {
                  // The hash is the router's: move focus without navigating.
                  event.preventDefault();
                  document.getElementById(target)?.focus();
                }}
              >
                {p.message}
              </a>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
