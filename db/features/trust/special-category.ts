// What a viewer may not see: special-category data (UK GDPR Art. 9: ethnicity, health and
// disability, religion, sexual orientation, gender history) and criminal-offence data (Art. 10).
// Which data that is comes from the personal-data registry (db/store/tables/personal-data.ts) and
// the reference data (an item says whether it is special); which output fields carry it is marked
// on the contract's output schemas (shared/contract/personal.ts). The dispatcher walks every
// answer to a viewer with its channel's output schema and withholds what is marked, so a new
// screen cannot leak it by forgetting a check; test/integration/viewer-redaction.test.ts fails
// when a withheld column's data reaches a viewer's channel through an unmarked field.
import type { z } from 'zod';
import { personalMarkerOf, type PersonalMarker } from '../../../shared/contract/personal';
import type { ReferenceListName } from '../../../shared/domain/reference-lists';
import { participantTables } from '../../store/tables/personal-data';
import { columnField } from '../participants/participant-mapping';
import type { SpecialItems } from './special-items.repository';

/** Names of stored columns and participant record fields (as audit entries and change lists name
 * them) whose values a viewer never gets ('all'), or whose special items they do not get. */
export const withheldFieldNames: ReadonlyMap<string, 'all' | ReferenceListName> = (() => {
  const names = new Map<string, 'all' | ReferenceListName>();
  for (const t of participantTables()) {
    for (const [column, rule] of Object.entries(t.columns)) {
      const treatment = rule.viewers === 'withhold' ? 'all' : rule.viewers === 'special-items' ? rule.items : undefined;
      if (!treatment) continue;
      names.set(column, treatment);
      const field = t.table === 'participants' ? columnField[column] : t.recordField;
      if (field) names.set(field, treatment);
    }
  }
  return names;
})();

export const noSpecialItems: SpecialItems = { has: () => false };

/** Removes special items from a list of codes (or a comma-separated list, as change lists show one). */
function withoutItems(value: unknown, list: ReferenceListName, special: SpecialItems): unknown {
  if (Array.isArray(value)) return value.filter((v) => typeof v !== 'string' || !special.has(list, v));
  if (typeof value !== 'string') return value;
  const codes = value.split(',');
  const kept = codes.filter((c) => !special.has(list, c.trim()));
  return kept.length === codes.length ? value : kept.length ? kept.join(',') : null;
}

interface Def {
  type: string;
  [k: string]: unknown;
}
const defOf = (schema: z.core.$ZodType): Def => schema._zod.def as unknown as Def;
type Schema = z.core.$ZodType;

/** The schemas directly inside one (object fields, list elements, wrapped schemas, options). */
function children(schema: Schema): Schema[] {
  const def = defOf(schema);
  const out: unknown[] = [];
  if (def.type === 'object') out.push(...Object.values(def.shape as Record<string, Schema>));
  if (def.type === 'union') out.push(...(def.options as Schema[]));
  if (def.type === 'tuple') out.push(...(def.items as Schema[]), def.rest);
  if (def.type === 'lazy') out.push((def.getter as () => Schema)());
  for (const k of ['element', 'innerType', 'in', 'out', 'valueType', 'left', 'right']) out.push(def[k]);
  return out.filter((s): s is Schema => typeof s === 'object' && s !== null && '_zod' in s);
}

const marked = new WeakMap<Schema, boolean>();
/** Whether a schema has a marked field anywhere inside (cached: the contract does not change). */
export function hasMarkedFields(schema: Schema, seen = new Set<Schema>()): boolean {
  const known = marked.get(schema);
  if (known !== undefined) return known;
  if (seen.has(schema)) return false; // a recursive (lazy) schema: answered where it started
  seen.add(schema);
  const result = personalMarkerOf(schema) !== undefined || children(schema).some((c) => hasMarkedFields(c, seen));
  marked.set(schema, result);
  return result;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Uint8Array) && !(v instanceof Date);

/** Whether criteria (codes, or rows holding the code in `code`) name a special item of `list`. */
function namesSpecialItem(criteria: unknown, list: ReferenceListName, special: SpecialItems): boolean {
  const codes = Array.isArray(criteria) ? criteria : [criteria];
  return codes.some((c) => {
    const code = isPlainObject(c) ? c.code : c;
    return typeof code === 'string' && special.has(list, code);
  });
}

function applyMarker(marker: PersonalMarker, value: unknown, special: SpecialItems): unknown {
  if (marker.kind === 'special') return null;
  // Applied where the object holding it is walked (it needs the sibling criteria).
  if (marker.kind === 'selected-by') return value;
  if (marker.kind === 'items') {
    if (!Array.isArray(value)) return withoutItems(value, marker.list, special);
    const key = marker.key ?? 'code';
    return value.filter((v) => {
      const code = isPlainObject(v) ? v[key] : v;
      return typeof code !== 'string' || !special.has(marker.list, code);
    });
  }
  if (!Array.isArray(value)) return value;
  const out: unknown[] = [];
  for (const change of value) {
    const treatment =
      isPlainObject(change) && typeof change.field === 'string' ? withheldFieldNames.get(change.field) : undefined;
    if (treatment === 'all') continue;
    if (treatment && isPlainObject(change)) {
      out.push(
        Object.fromEntries(
          Object.entries(change).map(([k, v]) => [k, k === 'field' ? v : withoutItems(v, treatment, special)]),
        ),
      );
    } else out.push(change);
  }
  return out;
}

function walk(schema: Schema, value: unknown, special: SpecialItems, markerApplied = false): unknown {
  if (value === null || value === undefined) return value;
  const marker = markerApplied ? undefined : personalMarkerOf(schema);
  if (marker && marker.kind !== 'selected-by') return applyMarker(marker, value, special);
  if (!hasMarkedFields(schema)) return value;
  const def = defOf(schema);
  switch (def.type) {
    case 'object': {
      if (!isPlainObject(value)) return value;
      const out: Record<string, unknown> = { ...value };
      for (const [k, s] of Object.entries(def.shape as Record<string, Schema>)) {
        if (!(k in value)) continue;
        const m = personalMarkerOf(s);
        if (m?.kind === 'selected-by' && namesSpecialItem(value[m.criteria], m.list, special))
          out[k] = Array.isArray(value[k]) ? [] : null;
        else out[k] = walk(s, value[k], special, m?.kind === 'selected-by');
      }
      return out;
    }
    case 'array':
      return Array.isArray(value) ? value.map((v) => walk(def.element as Schema, v, special)) : value;
    case 'record':
      return isPlainObject(value)
        ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(def.valueType as Schema, v, special)]))
        : value;
    case 'tuple':
      return Array.isArray(value)
        ? value.map((v, i) => walk((def.items as Schema[])[i] ?? (def.rest as Schema), v, special))
        : value;
    case 'union': {
      // The option the value is: the first that accepts it (as the output check did).
      const option = (def.options as z.ZodType[]).find((o) => o.safeParse(value).success);
      return option ? walk(option, value, special) : value;
    }
    case 'intersection':
      return walk(def.right as Schema, walk(def.left as Schema, value, special), special);
    case 'lazy':
      return walk((def.getter as () => Schema)(), value, special);
    case 'pipe':
      return walk(def.out as Schema, value, special);
    default:
      return 'innerType' in def ? walk(def.innerType as Schema, value, special) : value;
  }
}

/** A viewer's answer: `value` (the output of a channel whose output schema is `schema`) without
 * the marked special-category data. */
export function redactForViewer(schema: Schema, value: unknown, special: SpecialItems): unknown {
  return walk(schema, value, special);
}
