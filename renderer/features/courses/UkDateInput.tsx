// A date typed day-first ("5/3/2026", "05-03-26", "5 Mar 2026") and held as ISO; what the
// officer typed stays in the box until it can be read, so nothing is silently changed.
import { useState } from 'react';
import { formatUkDate, parseUkDate } from '../../../shared/domain/dates';

export function UkDateInput({
  id,
  value,
  onChange,
  describedBy,
  required,
}: {
  id: string;
  value: string | null;
  onChange(iso: string | null, raw: string): void;
  describedBy?: string | undefined;
  required?: boolean;
}) {
  const [text, setText] = useState(formatUkDate(value));
  // When the value changes from outside (not by typing here), show it.
  const [shownValue, setShownValue] = useState(value);
  if (value !== shownValue) {
    setShownValue(value);
    if ((parseUkDate(text) ?? null) !== (value ?? null)) setText(formatUkDate(value));
  }
  return (
    <input
      id={id}
      type="text"
      inputMode="numeric"
      autoComplete="off"
      placeholder="dd/mm/yyyy"
      className="input-date"
      value={text}
      aria-describedby={describedBy}
      aria-required={required}
      onChange={(e) => {
        setText(e.target.value);
        onChange(parseUkDate(e.target.value), e.target.value);
      }}
      onBlur={() => {
        const iso = parseUkDate(text);
        if (iso) setText(formatUkDate(iso));
      }}
    />
  );
}
