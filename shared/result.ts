// Errors cross every process boundary as data, never as thrown exceptions (Signal's sql channel
// does the same). The kinds are few on purpose: the UI decides what to show by kind.
import { z } from 'zod';

export const errorKinds = [
  'validation',
  'not-found',
  'conflict',
  'forbidden',
  'unauthenticated',
  'io',
  'internal',
] as const;
export type ErrorKind = (typeof errorKinds)[number];

/** One problem with one field; `path` is the field's path in the input (e.g. ["address", "postcode"]). */
export const fieldErrorSchema = z.object({
  path: z.array(z.union([z.string(), z.number()])),
  message: z.string(),
});
export type FieldError = z.infer<typeof fieldErrorSchema>;

export const appErrorSchema = z.object({
  kind: z.enum(errorKinds),
  message: z.string(),
  fields: z.array(fieldErrorSchema).optional(),
});
export type AppError = z.infer<typeof appErrorSchema>;

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

/**
 * Thrown inside the backend to end a request with a typed error; the dispatcher turns it into
 * `{ ok: false, error }`. Anything else thrown becomes an `internal` error without details.
 */
export class AppFailure extends Error {
  constructor(
    readonly kind: ErrorKind,
    message: string,
    readonly fields?: FieldError[],
  ) {
    super(message);
    this.name = 'AppFailure';
  }
  toError(): AppError {
    return this.fields
      ? { kind: this.kind, message: this.message, fields: this.fields }
      : { kind: this.kind, message: this.message };
  }
}

/** Turns zod issues into field errors with paths, for forms and error summaries. */
export function fieldErrorsFromZod(error: z.ZodError): FieldError[] {
  return error.issues.map((issue) => ({
    path: issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p)),
    message: issue.message,
  }));
}
