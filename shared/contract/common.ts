// Schemas reused across areas: ids, UK dates, paging and the grid query.
import { z } from 'zod';
import { channel, ownTransactions, type Role } from './define';

export const idSchema = z.number().int().positive();
export const isoDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Enter a date as day, month and year')
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, 'Enter a real date');
export const emptyInput = z.object({}).strict();
export const okOutput = z.object({ ok: z.literal(true) });

/** A grid column id as the renderer names columns (a row field). Ids a grid does not have are
 * refused by db/features/grid/grid-query.ts, which has the grid's column map. */
const columnIdSchema = z
  .string()
  .max(64)
  .regex(/^[A-Za-z][A-Za-z0-9_]*$/, 'This grid has no such column');

export const sortSchema = z.array(z.object({ colId: columnIdSchema, sort: z.enum(['asc', 'desc']) })).max(5);

/** The operators of AG Grid's text, number and date filters (its filter model's `type`). */
export const textFilterTypes = [
  'contains',
  'notContains',
  'equals',
  'notEqual',
  'startsWith',
  'endsWith',
  'blank',
  'notBlank',
] as const;
export const scalarFilterTypes = [
  'equals',
  'notEqual',
  'lessThan',
  'lessThanOrEqual',
  'greaterThan',
  'greaterThanOrEqual',
  'inRange',
  'blank',
  'notBlank',
] as const;

/** AG Grid sends `YYYY-MM-DD hh:mm:ss` (or `YYYY-MM-DD`); only the day is used. */
const filterDate = z
  .string()
  .max(32)
  .regex(/^\d{4}-\d{2}-\d{2}([ T][\d:.]*Z?)?$/, 'Enter a date as YYYY-MM-DD')
  .refine((s) => isoDateSchema.safeParse(s.slice(0, 10)).success, 'Enter a real date');

const textCondition = z.object({
  filterType: z.literal('text'),
  type: z.enum(textFilterTypes),
  filter: z.string().max(200).nullish(),
});
const numberCondition = z.object({
  filterType: z.literal('number'),
  type: z.enum(scalarFilterTypes),
  filter: z.number().nullish(),
  filterTo: z.number().nullish(),
});
const dateCondition = z.object({
  filterType: z.literal('date'),
  type: z.enum(scalarFilterTypes),
  dateFrom: filterDate.nullish(),
  dateTo: filterDate.nullish(),
});
/** Two or more conditions on one column joined by AND or OR (AG Grid's combined model). */
const joined = { operator: z.enum(['AND', 'OR']) };

/** A text/set/date/number filter on one grid column, as AG Grid's filter model gives it: one
 * condition, or several combined. `db/features/grid/grid-query.ts` turns it into SQL. */
export const columnFilterSchema = z.union([
  textCondition,
  z.object({ filterType: z.literal('text'), ...joined, conditions: z.array(textCondition).min(1).max(10) }),
  numberCondition,
  z.object({ filterType: z.literal('number'), ...joined, conditions: z.array(numberCondition).min(1).max(10) }),
  dateCondition,
  z.object({ filterType: z.literal('date'), ...joined, conditions: z.array(dateCondition).min(1).max(10) }),
  z.object({ filterType: z.literal('set'), values: z.array(z.string().nullable()).max(500) }),
]);
export type ColumnFilter = z.infer<typeof columnFilterSchema>;
export type TextFilterCondition = z.infer<typeof textCondition>;
export type NumberFilterCondition = z.infer<typeof numberCondition>;
export type DateFilterCondition = z.infer<typeof dateCondition>;

/** Filters by column id. A "__proto__" key (possible in JSON) would be dropped without a word by
 * the record schema, so it is refused first, like any other id the grid does not have. */
const gridFiltersSchema = z
  .unknown()
  .superRefine((value, ctx) => {
    if (typeof value === 'object' && value !== null && Object.hasOwn(value, '__proto__'))
      ctx.addIssue({ code: 'custom', path: ['__proto__'], message: 'This grid has no column "__proto__"' });
  })
  .pipe(z.record(columnIdSchema, columnFilterSchema));

export const gridQuerySchema = z.object({
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(5000).default(100),
  search: z.string().max(200).default(''),
  sort: sortSchema.default([]),
  filters: gridFiltersSchema.default({}),
  /** A named preset such as "my-caseload"; areas define their own. */
  preset: z.string().max(64).optional(),
  /** Count every match of a quick search exactly (the grid's "Count all") instead of stopping
   * at `searchCountCap`: counting thousands of matches costs more than the page itself. */
  countAll: z.boolean().optional(),
});
export type GridQuery = z.infer<typeof gridQuerySchema>;

/** A quick search counts at most this many matches; past it the grid says "1,000+ matches". */
export const searchCountCap = 1000;

/** A page of a grid and its total. `totalCapped`: the quick search matched more than
 * `searchCountCap` rows and `total` is the cap, not the count ("1,000+"). */
export function pageOf<T extends z.ZodType>(row: T) {
  return z.object({ rows: z.array(row), total: z.number().int(), totalCapped: z.boolean().optional() });
}

/** Why personal data is leaving the app: asked before a return or special-category data is
 * exported, and kept in the audit log with the export. */
export const exportPurposeSchema = z
  .string()
  .trim()
  .min(5, 'Say why you are exporting this (at least 5 characters)')
  .max(500);

/** A file the backend made for the user to save: an export job's (collected by jobs.exportFile),
 * or an evidence file opened. */
export const fileOutputSchema = z.object({
  fileName: z.string(),
  mime: z.string(),
  bytes: z.instanceof(Uint8Array),
  rows: z.number().int().optional(),
});
export type FileOutput = z.infer<typeof fileOutputSchema>;

/** An export: a channel named `….export` that starts a job making the file (progress and Cancel
 * in the window, the file written whole or not at all, audited once complete:
 * db/features/export/export-job.ts) and answers at once with its id; the window collects the file
 * through `jobs.exportFile`. Every export is one (test/unit/contract-exports.test.ts). */
export function exportChannel<I extends z.ZodType>(def: { summary: string; role: Role; input: I }) {
  return channel({ ...def, effect: ownTransactions('audit'), output: z.object({ jobId: z.string() }) });
}

/** A file the user picked or dropped, sent to the backend (imports, evidence). */
export const fileInputSchema = z.object({
  fileName: z.string().min(1).max(255),
  bytes: z.instanceof(Uint8Array),
});
