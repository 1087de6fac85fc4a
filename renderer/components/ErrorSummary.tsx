// The GOV.UK error summary: a focused box at the top of a form listing each problem as a link
// to its field. Fields get ids "field-<path joined by dots>".
import { useEffect, useRef } from 'react';
import type { FieldError } from '../../shared/result';

export function fieldId(path: Array<string | number>): string {
  return `field-${path.join('.')}`;
}

export function ErrorSummary({ errors, title = 'There is a problem' }: { errors: FieldError[]; title?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (errors.length) ref.current?.focus();
  }, [errors]);
  if (!errors.length) return null;
  return (
    <div className="error-summary" role="alert" tabIndex={-1} ref={ref} aria-labelledby="error-summary-title">
      <h2 id="error-summary-title">{title}</h2>
      <ul>
        {errors.map((e, i) => (
          <li key={`${e.path.join('.')}-${i}`}>
            <a
              href={`#${fieldId(e.path)}`}
              onClick={(event) => {
                event.preventDefault();
                document.getElementById(fieldId(e.path))?.focus();
              }}
            >
              {e.message}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}
