// A text box for a value that is not text (a date, an amount in pence): it shows the value
// formatted, keeps exactly what was typed until it can be read (nothing silently changed), and
// tidies the text when the box is left.
import { useState, type InputHTMLAttributes, type Ref } from 'react';

export type BufferedInputProps<T> = Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange' | 'onBlur'> & {
  value: T;
  onChange(value: T): void;
  onBlur?(): void;
  /** react-hook-form focuses the control through it. */
  ref?: Ref<HTMLInputElement>;
};

export function BufferedInput<T>({
  value,
  onChange,
  onBlur,
  format,
  parse,
  ...rest
}: BufferedInputProps<T> & { format(value: T): string; parse(text: string): T }) {
  // What is typed, and the value it was last in step with.
  const [shown, setShown] = useState(() => ({ text: format(value), value }));
  if (!Object.is(shown.value, value)) {
    // The value changed from outside (a reset, a default filled in): show it, unless it is
    // what the typed text already says.
    setShown({ text: Object.is(parse(shown.text), value) ? shown.text : format(value), value });
  }
  const text = shown.text;
  return (
    <input
      type="text"
      autoComplete="off"
      {...rest}
      value={text}
      onChange={(e) => {
        const read = parse(e.target.value);
        setShown({ text: e.target.value, value: read });
        onChange(read);
      }}
      onBlur={() => {
        const read = parse(text);
        // Tidy what can be read ("5/3/26" → "05/03/2026"); leave the rest as typed.
        if (typeof read !== 'number' || !Number.isNaN(read)) setShown({ text: format(read), value: read });
        onBlur?.();
      }}
    />
  );
}
