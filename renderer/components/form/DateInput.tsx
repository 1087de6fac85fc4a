// A date typed day-first ("5/3/2026", "05-03-26", "5 Mar 2026") and held as ISO ("2026-03-05").
// What cannot be read as a date is held as typed, so the schema says "Enter a date as day, month
// and year" rather than the date silently vanishing; blank is null (or '' where the schema
// wants text).
import { isIsoDate, formatUkDate, parseUkDate } from '../../../shared/domain/dates';
import { BufferedInput, type BufferedInputProps } from './BufferedInput';

function readUkDate(text: string, blank: null | '' = null): string | null {
  const t = text.trim();
  if (!t) return blank;
  return parseUkDate(t) ?? t;
}

function showUkDate(value: string | null | undefined): string {
  return value && isIsoDate(value) ? formatUkDate(value) : (value ?? '');
}

export function DateInput({
  blank = null,
  className,
  ...props
}: BufferedInputProps<string | null> & { blank?: null | '' }) {
  return (
    <BufferedInput<string | null>
      inputMode="numeric"
      placeholder="dd/mm/yyyy"
      className={`input-date${className ? ` ${className}` : ''}`}
      {...props}
      format={showUkDate}
      parse={(text) => readUkDate(text, blank)}
    />
  );
}
