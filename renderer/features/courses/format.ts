// Small formatters and labels shared by the course screens.
import type { FieldError } from '../../../shared/result';
import type { z } from 'zod';

export const pct = (r: number | null | undefined) => (r === null || r === undefined ? '–' : `${Math.round(r * 100)}%`);

export const runStatusLabels: Record<string, string> = {
  planned: 'Planned',
  running: 'Running',
  completed: 'Completed',
  cancelled: 'Cancelled',
};
export const runStatusTag: Record<string, string> = {
  planned: 'tag-blue',
  running: 'tag-yellow',
  completed: 'tag-green',
  cancelled: 'tag-grey',
};
export const enrolmentLabels: Record<string, string> = {
  enrolled: 'Enrolled',
  waiting: 'Waiting list',
  withdrawn: 'Withdrawn',
  completed: 'Completed',
  not_completed: 'Did not complete',
};
export const eligibilityLabels: Record<string, string> = {
  eligible: 'Eligible',
  pending: 'Pending evidence',
  not_eligible: 'Not eligible',
};
export const markLabels = { present: 'Present', late: 'Late', absent: 'Absent', excused: 'Excused' } as const;
export const markKeys: Record<string, keyof typeof markLabels> = { p: 'present', l: 'late', a: 'absent', e: 'excused' };

/** Field errors from a schema, the same ones the backend would give. */
export function schemaErrors<S extends z.ZodType>(
  schema: S,
  value: unknown,
): { ok: true; data: z.output<S> } | { ok: false; errors: FieldError[] } {
  const parsed = schema.safeParse(value);
  if (parsed.success) return { ok: true, data: parsed.data };
  return {
    ok: false,
    errors: parsed.error.issues.map((i) => ({
      path: i.path.map((p) => (typeof p === 'symbol' ? String(p) : p)),
      message: i.message,
    })),
  };
}

export function errorFor(errors: FieldError[], path: string): string | undefined {
  return errors.find((e) => e.path.join('.') === path)?.message;
}
