// Errors cross every process boundary as data, never as thrown exceptions (Signal's sql channel
// does the same). The kinds are few on purpose: the UI decides what to show by kind.
import { z } from 'zod';
import { formatUkDateTime } from './domain/dates';

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

/** Who saved a record after it was opened (optimistic locking by version), so the form can say
 * "Changed by <name> at <time>" and offer to reload at the record's current version. */
export const staleRecordSchema = z.object({
  changedBy: z.string().nullable(),
  changedAt: z.string(),
  version: z.number().int(),
});
export type StaleRecord = z.infer<typeof staleRecordSchema>;

export const appErrorSchema = z.object({
  kind: z.enum(errorKinds),
  message: z.string(),
  fields: z.array(fieldErrorSchema).optional(),
  stale: staleRecordSchema.optional(),
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

/** "Changed by Sam Officer at 05/03/2024 14:07 …" (UK time), the one wording for every record. */
export function staleRecordMessage(stale: StaleRecord): string {
  const who = stale.changedBy ?? 'someone else';
  return (
    `Changed by ${who} at ${formatUkDateTime(stale.changedAt)}, after you opened it. ` +
    'Reload to see their changes, then make yours again.'
  );
}

/** A save refused because the record's version moved on since the form was opened: a conflict
 * that carries who changed it and when. */
export class StaleRecordFailure extends AppFailure {
  constructor(readonly stale: StaleRecord) {
    super('conflict', staleRecordMessage(stale));
    this.name = 'StaleRecordFailure';
  }
  override toError(): AppError {
    return { kind: this.kind, message: this.message, stale: this.stale };
  }
}

/** Turns zod issues into field errors with paths, for forms and error summaries. */
export function fieldErrorsFromZod(error: z.ZodError): FieldError[] {
  return error.issues.map((issue) => ({
    path: issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p)),
    message: issue.message,
  }));
}
