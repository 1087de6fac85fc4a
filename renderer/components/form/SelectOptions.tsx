// <option>s for a code list, grouped with <optgroup> when the options have groups (ONS ethnicity).
import type { Option } from '../../../shared/domain/reference-lists';

export function SelectOptions({ options, empty = 'Not recorded' }: { options: Option[]; empty?: string }) {
  const groups = [...new Set(options.map((o) => o.group ?? ''))];
  return (
    <>
      <option value="">{empty}</option>
      {groups.map((g) =>
        g ? (
          <optgroup key={g} label={g}>
            {options
              .filter((o) => o.group === g)
              .map((o) => (
                <option key={o.code} value={o.code}>
                  {o.label}
                </option>
              ))}
          </optgroup>
        ) : (
          options
            .filter((o) => !o.group)
            .map((o) => (
              <option key={o.code} value={o.code}>
                {o.label}
              </option>
            ))
        ),
      )}
    </>
  );
}
