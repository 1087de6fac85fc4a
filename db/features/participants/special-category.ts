// Special-category data (UK GDPR Art. 9/10) in a participant's record, as the personal-data
// registry says (db/store/tables/personal-data.ts: ethnicity, disability, the gender identity
// answer) and the barrier list says (its items marked special: disability or health, ex-offender).
// Viewers never receive them; officers and administrators do, and their opening a record that
// holds them is audited.
import type { Role } from '../../../shared/contract/define';
import type { ParticipantDetail } from '../../../shared/contract/participants.contract';
import type { ParticipantRecord } from '../../../shared/domain/participant-record';
import type { ReferenceListName } from '../../../shared/domain/reference-lists';
import { columnRules, participantTables, withheldColumns } from '../../store/tables/personal-data';
import type { SpecialItems } from '../trust/special-items.repository';
import { withheldFieldNames } from '../trust/special-category';
import { columnField } from './participant-mapping';

type Rec = ParticipantDetail['record'];

export function canSeeSpecial(role: Role): boolean {
  return role !== 'viewer';
}

/** The record's fields a viewer never receives. */
const withheldRecordFields = withheldColumns('participants').flatMap((c) => {
  const field = columnField[c];
  return field ? [field] : [];
}) satisfies Array<keyof ParticipantRecord>;

/** The record's fields holding codes of a reference list whose special items a viewer does not get
 * (benefits; barriers, which another table holds), as the registry says. */
const itemRecordFields: Array<{ field: keyof Rec; list: ReferenceListName }> = [
  ...Object.entries(columnRules('participants')).flatMap(([column, rule]) => {
    const field = columnField[column] as keyof Rec | undefined;
    return rule.viewers === 'special-items' && rule.items && field ? [{ field, list: rule.items }] : [];
  }),
  ...participantTables().flatMap((t) =>
    Object.values(t.columns).flatMap((rule) =>
      t.recordField && rule.viewers === 'special-items' && rule.items
        ? [{ field: t.recordField as keyof Rec, list: rule.items }]
        : [],
    ),
  ),
];

/** The codes in an item field (a list, or one code) that the list marks special. */
function specialCodes(value: unknown, list: ReferenceListName, special: SpecialItems): string[] {
  const codes = Array.isArray(value) ? value : typeof value === 'string' ? [value] : [];
  return codes.filter((c): c is string => typeof c === 'string' && special.has(list, c));
}

export function hasSpecialCategoryData(r: Rec, special: SpecialItems): boolean {
  return (
    withheldRecordFields.some((f) => r[f] != null) ||
    itemRecordFields.some(({ field, list }) => specialCodes(r[field], list, special).length > 0)
  );
}

export function redactRecord(r: Rec, special: SpecialItems): Rec {
  const out: Record<string, unknown> = { ...r };
  for (const f of withheldRecordFields) out[f] = null;
  for (const { field, list } of itemRecordFields) {
    const value = r[field];
    if (Array.isArray(value)) out[field] = value.filter((c) => !special.has(list, c));
    else if (typeof value === 'string' && special.has(list, value)) out[field] = null;
  }
  return out as Rec;
}

/** Removes special-category values from an audit before/after object (for viewers); its keys are
 * record fields or stored columns. */
export function redactValues(
  values: Record<string, unknown> | null,
  special: SpecialItems,
): Record<string, unknown> | null {
  if (!values) return values;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(values)) {
    const treatment = withheldFieldNames.get(k);
    if (treatment === 'all') continue;
    out[k] = treatment && Array.isArray(v) ? v.filter((b) => typeof b !== 'string' || !special.has(treatment, b)) : v;
  }
  return out;
}
