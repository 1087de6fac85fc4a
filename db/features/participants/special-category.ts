// Special-category data (UK GDPR Art. 9/10): ethnicity, disability, the gender identity answer and
// the disability/health and ex-offender barriers. Viewers never receive them; officers and
// administrators do, and their opening a record that holds them is audited.
import type { Role } from '../../../shared/contract/define';
import type { ParticipantDetail } from '../../../shared/contract/participants.contract';
import { specialCategoryFields } from '../../../shared/domain/participant-record';
import { specialCategoryBarriers } from '../../../shared/domain/reference-lists';

type Rec = ParticipantDetail['record'];

export function canSeeSpecial(role: Role): boolean {
  return role !== 'viewer';
}

export function hasSpecialCategoryData(r: Rec): boolean {
  return specialCategoryFields.some((f) => r[f] != null) || r.barriers.some((b) => specialCategoryBarriers.has(b));
}

export function redactRecord(r: Rec): Rec {
  return {
    ...r,
    ethnicity: null,
    disability: null,
    genderSameAsBirth: null,
    barriers: r.barriers.filter((b) => !specialCategoryBarriers.has(b)),
  };
}

const hiddenKeys = new Set<string>([...specialCategoryFields, 'gender_same_as_birth']);

/** Removes special-category values from an audit before/after object (for viewers). */
export function redactValues(values: Record<string, unknown> | null): Record<string, unknown> | null {
  if (!values) return values;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(values)) {
    if (hiddenKeys.has(k)) continue;
    out[k] =
      k === 'barriers' && Array.isArray(v)
        ? v.filter((b) => typeof b !== 'string' || !specialCategoryBarriers.has(b))
        : v;
  }
  return out;
}
