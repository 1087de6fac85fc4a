// Step 2: which sheet, what the file holds (the kind) and, if one fits, a saved profile.
import { useState } from 'react';
import type { UploadInfo } from '../../../shared/contract/imports.contract';
import {
  importKindLabels,
  importKinds,
  type ImportKind,
  type ImportProfile,
} from '../../../shared/domain/import-profile';
import { useChannel } from '../../api/use-channel';

export function SheetStep({
  upload,
  onBack,
  onNext,
}: {
  upload: UploadInfo;
  onBack(): void;
  onNext(sheet: string, kind: ImportKind, profile: ImportProfile | null): void;
}) {
  const profiles = useChannel('imports.profiles', {});
  const visible = upload.sheets.filter((s) => !s.hidden);
  const [sheet, setSheet] = useState(
    (visible.length > 1 ? visible[visible.length - 1] : (visible[0] ?? upload.sheets[0]))!.name,
  );
  const [kind, setKind] = useState<ImportKind>('participants');
  const [profileName, setProfileName] = useState('');
  const matching = (profiles.data ?? []).filter((p) => p.kind === kind);
  const chosen = matching.find((p) => p.name === profileName)?.profile ?? null;

  return (
    <div className="panel">
      <p>
        <strong>{upload.fileName}</strong> —{' '}
        {upload.fileKind === 'csv'
          ? `CSV (${upload.encoding})`
          : `Excel workbook${upload.date1904 ? ', 1904 date system' : ''}`}
      </p>
      <fieldset className="field">
        <legend>Which sheet holds the rows?</legend>
        {upload.sheets.map((s) => (
          <label key={s.name} className="radio">
            <input
              type="radio"
              name="sheet"
              value={s.name}
              checked={sheet === s.name}
              onChange={() => {
                setSheet(s.name);
              }}
            />
            {s.name}
            {s.hidden ? ' (hidden)' : ''}
          </label>
        ))}
      </fieldset>
      <div className="form-row">
        <div className="field">
          <label htmlFor="import-kind">What does the file list?</label>
          <select
            id="import-kind"
            value={kind}
            onChange={(e) => {
              setKind(e.target.value as ImportKind);
              setProfileName('');
            }}
          >
            {importKinds.map((k) => (
              <option key={k} value={k}>
                {importKindLabels[k]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="import-profile">Saved mapping</label>
          <select
            id="import-profile"
            value={profileName}
            onChange={(e) => {
              setProfileName(e.target.value);
              const p = matching.find((x) => x.name === e.target.value)?.profile;
              if (p?.sheet && upload.sheets.some((s) => s.name === p.sheet)) setSheet(p.sheet);
            }}
          >
            <option value="">A new mapping</option>
            {matching.map((p) => (
              <option key={p.id} value={p.name}>
                {p.name} ({p.partner})
              </option>
            ))}
          </select>
        </div>
      </div>
      <div className="button-row">
        <button type="button" onClick={onBack}>
          Choose another file
        </button>
        <button type="button" className="primary" onClick={() => onNext(sheet, kind, chosen)}>
          Continue to columns
        </button>
      </div>
    </div>
  );
}
