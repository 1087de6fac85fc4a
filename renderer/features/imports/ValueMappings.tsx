// Value mappings for coded fields: each distinct value in the partner's column → our value
// ("Y"/"Yes"/"✓" → yes, "Achieved" → passed, "Started work" → job_start). Blank means "as it is"
// (built-in words such as Yes, Pass and Achieved are understood without a mapping).
import type { SheetView } from '../../../shared/contract/imports.contract';
import { importFields, type ImportKind } from '../../../shared/domain/import-profile';
import { fieldId } from '../../components/form/field-id';
import { TableScroll } from '../../components/TableScroll';

export function ValueMappings(props: {
  kind: ImportKind;
  view: SheetView;
  columns: Record<string, string>;
  valueMaps: Record<string, Record<string, string>>;
  onChange(next: Record<string, Record<string, string>>): void;
}) {
  const coded = importFields[props.kind].filter(
    (f) =>
      (f.type === 'code' || f.key === 'referral_source') &&
      props.columns[f.key] &&
      props.view.distinctValues[props.columns[f.key]!],
  );
  if (!coded.length) return null;
  return (
    <fieldset className="field field-wide">
      <legend>What their values mean</legend>
      {coded.map((f) => {
        const values = props.view.distinctValues[props.columns[f.key]!]!;
        const listId = `codes-${f.key}`;
        return (
          <div key={f.key}>
            <TableScroll>
              <table className="data mapping">
                <caption>
                  {f.label} (column “{props.columns[f.key]}”)
                </caption>
                <thead>
                  <tr>
                    <th scope="col">Their value</th>
                    <th scope="col">Our value</th>
                  </tr>
                </thead>
                <tbody>
                  {values.map((v, i) => {
                    const id = fieldId(['valueMaps', f.key, String(i)]);
                    return (
                      <tr key={v}>
                        <th scope="row">
                          <label htmlFor={id}>{v}</label>
                        </th>
                        <td>
                          <input
                            id={id}
                            list={f.codes ? listId : undefined}
                            value={props.valueMaps[f.key]?.[v] ?? ''}
                            placeholder="as it is"
                            onChange={(e) => {
                              const map = { ...(props.valueMaps[f.key] ?? {}) };
                              if (e.target.value.trim()) map[v] = e.target.value.trim();
                              else delete map[v];
                              props.onChange({ ...props.valueMaps, [f.key]: map });
                            }}
                          />
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </TableScroll>
            {f.codes && (
              <datalist id={listId}>
                {f.codes.map((c) => (
                  <option key={c} value={c} />
                ))}
              </datalist>
            )}
          </div>
        );
      })}
    </fieldset>
  );
}
