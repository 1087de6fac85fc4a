// The pure rules behind every form's error summary: every problem at once, in the order the
// fields appear, and the backend's field errors put on the fields they concern. No React and no
// DOM, so they are unit-tested in Node (test/unit/form-problems.test.ts).
import type { z } from 'zod';
import { fieldErrorsFromZod, type FieldError } from '../../../shared/result';

export type FieldPath = Array<string | number>;

/** "record.niNumber", "sessions.2.sessionDate": how a path is written in ids and lookups. */
export const pathKey = (path: readonly (string | number)[]): string => path.join('.');

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && Object.getPrototypeOf(v) === Object.prototype;

/** Every path inside a form's values ("a", "a.0", "a.0.b"), in key order, which is the order
 * the fields are declared in and so (by convention) the order they appear on the form. */
export function fieldPaths(values: unknown, prefix: FieldPath = []): string[] {
  const out: string[] = [];
  const visit = (value: unknown, at: FieldPath) => {
    const entries: Array<[string | number, unknown]> = Array.isArray(value)
      ? value.map((v, i) => [i, v])
      : isPlainObject(value)
        ? Object.entries(value)
        : [];
    for (const [key, child] of entries) {
      const path = [...at, key];
      out.push(pathKey(path));
      visit(child, path);
    }
  };
  visit(values, prefix);
  return out;
}

/**
 * Where a backend error belongs on the form: the longest tail of its path that is one of the
 * form's fields. A form over the `record` part of `participants.create` gets
 * ["record", "niNumber"] on its "niNumber" field; null when no field matches.
 */
export function formPathFor(path: FieldPath, fields: ReadonlySet<string>): string | null {
  for (let start = 0; start < path.length; start++) {
    const key = pathKey(path.slice(start));
    if (fields.has(key)) return key;
  }
  return null;
}

export interface PlacedErrors {
  /** Errors on the form's own fields, by field path. */
  onFields: Array<{ field: string; message: string }>;
  /** Messages that concern no field on the form (a conflict, a rule about the whole record). */
  general: string[];
}

/** Splits the backend's answer into errors on the form's fields and general ones. */
export function placeServerErrors(
  error: { message: string; fields?: FieldError[] | undefined },
  fields: ReadonlySet<string>,
  fieldFor: (path: FieldPath) => string | null = (path) => formPathFor(path, fields),
): PlacedErrors {
  const placed: PlacedErrors = { onFields: [], general: [] };
  for (const f of error.fields ?? []) {
    const field = fieldFor(f.path);
    if (field !== null) placed.onFields.push({ field, message: f.message });
    else placed.general.push(f.message);
  }
  if (!error.fields?.length) placed.general.push(error.message);
  return placed;
}

/** One problem per field (the first), fields in form order, then anything not on a field. */
export function orderProblems(problems: FieldError[], order: readonly string[]): FieldError[] {
  const rank = new Map(order.map((key, i) => [key, i]));
  const seen = new Set<string>();
  const unique = problems.filter((p) => {
    const key = p.path.length ? pathKey(p.path) : `\u0000${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const rankOf = (p: FieldError) => (p.path.length ? (rank.get(pathKey(p.path)) ?? order.length) : order.length + 1);
  return unique
    .map((p, i) => ({ p, i }))
    .sort((a, b) => rankOf(a.p) - rankOf(b.p) || a.i - b.i)
    .map(({ p }) => p);
}

function getAt(value: unknown, path: FieldPath): unknown {
  let at: unknown = value;
  for (const key of path) {
    if (typeof at !== 'object' || at === null) return undefined;
    at = (at as Record<string | number, unknown>)[key];
  }
  return at;
}

/** A copy of `value` with `path` set, copying only the objects on the way. */
function setAt(value: unknown, path: FieldPath, next: unknown): unknown {
  const [key, ...rest] = path;
  if (key === undefined) return next;
  if (Array.isArray(value)) {
    const copy: unknown[] = [...value];
    copy[Number(key)] = setAt(copy[Number(key)], rest, next);
    return copy;
  }
  const copy: Record<string, unknown> = isPlainObject(value) ? { ...value } : {};
  copy[String(key)] = setAt(copy[String(key)], rest, next);
  return copy;
}

const startsWith = (path: FieldPath, prefix: FieldPath) =>
  prefix.length <= path.length && prefix.every((k, i) => String(path[i]) === String(k));

/**
 * Every problem with `values` at once. zod runs an object's own rules (the cross-field ones, such
 * as "the NI number is known, so check it") only when every field of the object is valid, so a
 * bad postcode would hide a bad NI number until the postcode is fixed. So when fields fail, parse
 * again with those fields set back to `fallback` (the values the form started from) and add what
 * the object's rules then say about the other fields; repeat while new problems appear.
 */
export function allProblems(
  schema: z.ZodType,
  values: unknown,
  fallback: unknown,
  params?: z.core.ParseContext<z.core.$ZodIssue>,
): FieldError[] {
  const first = schema.safeParse(values, params);
  if (first.success) return [];
  const found = fieldErrorsFromZod(first.error);
  const replaced: FieldPath[] = [];
  let failing = found.filter((p) => p.path.length > 0);
  let patched = values;
  for (let round = 0; round < 4 && failing.length; round++) {
    for (const p of failing) {
      patched = setAt(patched, p.path, getAt(fallback, p.path));
      replaced.push(p.path);
    }
    const again = schema.safeParse(patched, params);
    if (again.success) break;
    failing = fieldErrorsFromZod(again.error).filter(
      (p) =>
        p.path.length > 0 &&
        !replaced.some((r) => startsWith(p.path, r)) &&
        !found.some((f) => pathKey(f.path) === pathKey(p.path)),
    );
    found.push(...failing);
  }
  return found;
}

/** react-hook-form's nested errors ({ a: { message }, list: [ , { b: { message } }] }) as a list.
 * An error on a whole array sits under "root" there; it belongs to the array's own path. */
export function flattenErrors(errors: unknown, at: FieldPath = []): FieldError[] {
  if (typeof errors !== 'object' || errors === null) return [];
  const node = errors as Record<string, unknown>;
  const out: FieldError[] = [];
  if (typeof node.message === 'string' && node.message && 'type' in node)
    out.push({ path: at.at(-1) === 'root' ? at.slice(0, -1) : at, message: node.message });
  for (const [key, child] of Object.entries(node)) {
    if (key === 'ref' || key === 'types' || key === 'message' || key === 'type') continue;
    out.push(...flattenErrors(child, [...at, Array.isArray(errors) ? Number(key) : key]));
  }
  return out;
}
