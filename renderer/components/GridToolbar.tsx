// The toolbar over a server grid: quick search, presets, export of the current view (search,
// preset, column filters and sort, exactly as shown) and any extra actions.
import type { ReactNode } from 'react';
import { ToolbarField, ToolbarSearch } from './ToolbarField';

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
      <ToolbarSearch
        id={`${props.idPrefix}-search`}
        value={props.search}
        onChange={props.onSearch}
        placeholder={props.searchHint}
      />
      <ToolbarField id={`${props.idPrefix}-preset`} label="Show">
        <select id={`${props.idPrefix}-preset`} value={props.preset} onChange={(e) => props.onPreset(e.target.value)}>
          <option value="">All</option>
          {props.presets.map((p) => (
            <option key={p.code} value={p.code}>
              {p.label}
            </option>
          ))}
        </select>
      </ToolbarField>
      {props.canExport && (
        <button type="button" onClick={props.onExport} disabled={props.exporting}>
          {props.exporting ? 'Exporting…' : 'Export this view (xlsx)'}
        </button>
      )}
      {props.children}
    </div>
  );
}
