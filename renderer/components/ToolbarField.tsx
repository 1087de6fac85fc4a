// A label and its box in a toolbar over a list (search, "Show", a purpose): the pair is kept
// together when a narrow window wraps the toolbar, so a label never ends one line with its box
// starting the next. Every toolbar box is one of these.
import type { ReactNode } from 'react';

export function ToolbarField({ id, label, children }: { id: string; label: string; children: ReactNode }) {
  return (
    <span className="toolbar-field">
      <label htmlFor={id}>{label}</label>
      {children}
    </span>
  );
}

/** A list's quick search, applied as it is typed. */
export function ToolbarSearch({
  id,
  value,
  onChange,
  placeholder,
}: {
  id: string;
  value: string;
  onChange(text: string): void;
  placeholder: string;
}) {
  return (
    <ToolbarField id={id} label="Search">
      <input id={id} type="search" value={value} onChange={(e) => onChange(e.target.value)} placeholder={placeholder} />
    </ToolbarField>
  );
}
