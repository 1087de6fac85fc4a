// Helpers for the area's forms: turning typed text into the contract's values (UK dates,
// numbers, pounds to pence) and zod problems into field errors for the error summary.
import type { z } from 'zod';
import { parseUkDate } from '../../../shared/domain/dates';
import { fieldErrorsFromZod, type FieldError } from '../../../shared/result';

export class FormProblems {
  readonly errors: FieldError[] = [];
  add(path: Array<string | number>, message: string): void {
    this.errors.push({ path, message });
  }
  /** A required or optional UK date typed by the user; records a problem and returns undefined when unreadable. */
  date(path: string, text: string, label: string, required: boolean): string | null | undefined {
    const t = text.trim();
    if (!t) {
      if (required) this.add([path], `Enter the ${label}`);
      return required ? undefined : null;
    }
    const iso = parseUkDate(t);
    if (!iso) {
      this.add([path], `Enter the ${label} as a real date, like 05/03/2026`);
      return undefined;
    }
    return iso;
  }
  number(path: string, text: string, label: string): number | null | undefined {
    const t = text.trim().replace(/,/g, '');
    if (!t) return null;
    const n = Number(t);
    if (!Number.isFinite(n)) {
      this.add([path], `Enter the ${label} as a number`);
      return undefined;
    }
    return n;
  }
  /** "11.44" or "£11.44" → 1144 pence. */
  pence(path: string, text: string, label: string): number | null | undefined {
    const t = text.trim().replace(/^£/, '');
    if (!t) return null;
    if (!/^\d+(\.\d{1,2})?$/.test(t)) {
      this.add([path], `Enter the ${label} in pounds and pence, like 11.44`);
      return undefined;
    }
    return Math.round(Number(t) * 100);
  }
}

/** Runs the contract's schema in the window for instant messages; the backend checks again. */
export function checkWithSchema<S extends z.ZodType>(
  schema: S,
  value: unknown,
): { ok: true; value: z.output<S> } | { ok: false; errors: FieldError[] } {
  const parsed = schema.safeParse(value);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, errors: fieldErrorsFromZod(parsed.error) };
}

/** The form's own problems first, then the schema's for fields the form did not already flag. */
export function formErrors(
  problems: FieldError[],
  checked: { ok: true } | { ok: false; errors: FieldError[] },
): FieldError[] {
  if (checked.ok) return problems;
  return [...problems, ...checked.errors.filter((e) => !problems.some((p) => p.path.join('.') === e.path.join('.')))];
}

export function errorFor(errors: FieldError[], path: string): string | undefined {
  return errors.find((e) => e.path.join('.') === path)?.message;
}

export function penceToPounds(pence: number | null | undefined): string {
  return pence == null ? '' : (pence / 100).toFixed(2);
}

/** Reads "?participant=12" from the hash route (the router ignores the query). */
export function hashQuery(name: string): string | null {
  const q = window.location.hash.split('?')[1];
  return q ? new URLSearchParams(q).get(name) : null;
}
