// Special-category data (UK GDPR Art. 9/10) in a participant's record, as the personal-data
// registry says (db/store/tables/personal-data.ts: ethnicity, disability, the gender identity
// answer) and the barrier list says (its items marked special: disability or health, ex-offender).
// Viewers never receive them; officers and administrators do, and their opening a record that
// holds them is audited.
import type { Role } from '../../../shared/contract/define';
import type { ParticipantDetail } from '../../../shared/contract/participants.contract';
import type { ParticipantRecord } from '../../../shared/domain/participant-record';
import { withheldColumns } from '../../store/tables/personal-data';
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

export function hasSpecialCategoryData(r: Rec, special: SpecialItems): boolean {
  return withheldRecordFields.some((f) => r[f] != null) || r.barriers.some((b) => special.has('barrier', b));
}

export function redactRecord(r: Rec, special: SpecialItems): Rec {
  const out = { ...r, barriers: r.barriers.filter((b) => !special.has('barrier', b)) };
  for (const f of withheldRecordFields) Object.assign(out, { [f]: null });
  return out;
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
