// The toolbar over a server grid: quick search, presets, export of the current view (search,
// preset, column filters and sort, exactly as shown) and any extra actions.
import type { ReactNode } from 'react';

export function GridToolbar(props: {
  idPrefix: string;
  search: string;
  onSearch(text: string): void;
  searchHint: string;
  presets: Array<{ code: string; label: string }>;
  preset: string;
  onPreset(code: string): void;
  onExport(): void;
  exporting: boolean;
  canExport: boolean;
  children?: ReactNode;
}) {
  return (
    <div className="toolbar">
      <span className="toolbar-field">
        <label htmlFor={`${props.idPrefix}-search`}>Search</label>
        <input
          id={`${props.idPrefix}-search`}
          type="search"
          value={props.search}
          onChange={(e) => props.onSearch(e.target.value)}
          placeholder={props.searchHint}
        />
      </span>
      <span className="toolbar-field">
        <label htmlFor={`${props.idPrefix}-preset`}>Show</label>
        <select id={`${props.idPrefix}-preset`} value={props.preset} onChange={(e) => props.onPreset(e.target.value)}>
          <option value="">All</option>
          {props.presets.map((p) => (
            <option key={p.code} value={p.code}>
              {p.label}
            </option>
          ))}
        </select>
      </span>
      {props.canExport && (
        <button type="button" onClick={props.onExport} disabled={props.exporting}>
          {props.exporting ? 'Exporting…' : 'Export this view (xlsx)'}
        </button>
      )}
      {props.children}
    </div>
  );
}
