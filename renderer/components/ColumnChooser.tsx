// "Columns": a disclosure listing the grid's columns with a checkbox each, to show or hide them.
// Works with any ServerGrid (it talks to AG Grid's API). Escape closes it and returns focus.
import './grid-tools.css';
import { useRef, useState } from 'react';
import type { GridApi } from 'ag-grid-community';

export function ColumnChooser<Row>({
  api,
  columns,
  askFirst,
}: {
  api(): GridApi<Row> | null;
  columns: Array<{ colId: string; headerName: string }>;
  /** Columns that are shown only once the caller has asked something (why special-category data
   * is wanted): `ask` calls `show` when it may go ahead. */
  askFirst?: { columns: readonly string[]; ask(colId: string, show: () => void): void };
}) {
  const [open, setOpen] = useState(false);
  const [visible, setVisible] = useState<Record<string, boolean>>({});
  const button = useRef<HTMLButtonElement>(null);
  const toggle = () => {
    if (!open) {
      const state = api()?.getColumnState() ?? [];
      setVisible(Object.fromEntries(state.map((s) => [s.colId, !s.hide])));
    }
    setOpen(!open);
  };
  return (
    <div
      className="column-chooser"
      onKeyDown={(e) => {
        if (e.key === 'Escape' && open) {
          setOpen(false);
          button.current?.focus();
        }
      }}
    >
      <button type="button" ref={button} aria-expanded={open} aria-controls="column-chooser-panel" onClick={toggle}>
        Columns
      </button>
      {open && (
        <fieldset className="column-chooser-panel" id="column-chooser-panel">
          <legend>Show columns</legend>
          {columns.map((c) => (
            <label className="radio" key={c.colId}>
              <input
                type="checkbox"
                checked={visible[c.colId] ?? false}
                onChange={(e) => {
                  const checked = e.target.checked;
                  const show = () => {
                    api()?.setColumnsVisible([c.colId], checked);
                    setVisible((v) => ({ ...v, [c.colId]: checked }));
                  };
                  if (checked && askFirst?.columns.includes(c.colId)) askFirst.ask(c.colId, show);
                  else show();
                }}
              />
              {c.headerName}
            </label>
          ))}
          <button
            type="button"
            onClick={() => {
              setOpen(false);
              button.current?.focus();
            }}
          >
            Done
          </button>
        </fieldset>
      )}
    </div>
  );
}
