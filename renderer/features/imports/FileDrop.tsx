// Where a partner file comes in: drop it on the zone or choose it with the button (keyboard
// accessible: a real file input behind a visible label). The whole window accepts a drop too
// while this is shown, so a file dropped anywhere is not opened by the browser instead.
import { useEffect, useId, useRef, useState } from 'react';
import { api } from '../../api/client';
import { openPickerOnEnter } from '../../components/form/file-picker';

export function FileDrop({
  onFile,
  busy,
  label = 'Choose a partner file',
}: {
  onFile(file: File): void;
  busy: boolean;
  label?: string;
}) {
  const [over, setOver] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const id = useId();

  useEffect(() => {
    const stop = (e: DragEvent) => {
      if (e.dataTransfer?.types.includes('Files')) e.preventDefault();
    };
    const drop = (e: DragEvent) => {
      if (!e.dataTransfer?.files.length) return;
      e.preventDefault();
      setOver(false);
      if (!busy) onFile(e.dataTransfer.files[0]!);
    };
    window.addEventListener('dragover', stop);
    window.addEventListener('drop', drop);
    const offMenu = api.onMenuCommand((command) => {
      if (command === 'import-file') input.current?.click();
    });
    return () => {
      window.removeEventListener('dragover', stop);
      window.removeEventListener('drop', drop);
      offMenu();
    };
  }, [onFile, busy]);

  return (
    <div
      className={`drop-zone${over ? ' drop-zone-over' : ''}`}
      data-testid="drop-zone"
      onDragEnter={() => setOver(true)}
      onDragLeave={() => setOver(false)}
    >
      <p className="drop-zone-title">{busy ? 'Reading the file…' : 'Drag a spreadsheet here'}</p>
      <p className="muted">
        Excel workbooks (.xlsx, including old files saved as .xlsx) and CSV in any common encoding, up to 25 MB.
      </p>
      <input
        ref={input}
        id={id}
        className="visually-hidden"
        type="file"
        onKeyDown={openPickerOnEnter}
        accept=".xlsx,.xlsm,.csv,.txt,.xls,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
        disabled={busy}
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) onFile(file);
        }}
      />
      <label htmlFor={id} className={`button-like${busy ? ' disabled' : ''}`}>
        {label}
      </label>
    </div>
  );
}
