// What a viewer may not see: special-category data (UK GDPR Art. 9: ethnicity, health and
// disability, religion, sexual orientation, gender history) and criminal-offence data (Art. 10).
// The backend removes these from every answer to a viewer, whatever channel it comes from, so a
// new screen cannot leak them by forgetting a check.
import { specialCategoryBarriers } from '../../../shared/domain/reference-lists';

const SPECIAL_KEYS = new Set([
  'ethnicity',
  'ethnicitygroup',
  'disability',
  'disabilitydetails',
  'disabilitytype',
  'health',
  'healthcondition',
  'healthconditions',
  'gendersameasbirth',
  'genderidentity',
  'religion',
  'religionorbelief',
  'sexualorientation',
  'exoffender',
  'isexoffender',
  'criminalrecord',
  'convictions',
  'offences',
  'offencedetails',
]);

const normalise = (key: string) => key.toLowerCase().replace(/[_\s-]/g, '');

export function isSpecialCategoryKey(key: string): boolean {
  return SPECIAL_KEYS.has(normalise(key));
}

function isSpecialCode(v: unknown): boolean {
  if (typeof v === 'string') return specialCategoryBarriers.has(v);
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return [o.code, o.barrierCode, o.barrier_code].some((c) => typeof c === 'string' && specialCategoryBarriers.has(c));
  }
  return false;
}

export function redactForViewer(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.filter((v) => !isSpecialCode(v)).map(redactForViewer);
  }
  if (value === null || typeof value !== 'object' || value instanceof Uint8Array || value instanceof Date) return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    out[key] = isSpecialCategoryKey(key) ? null : redactForViewer(v);
  }
  return out;
}
