// Channels of the imports area: open a partner file, map it (profiles), preview, decide per
// row, commit as one batch, undo a batch, and reconcile a partner file against our records.
import { z } from 'zod';
import { fieldChanges } from './personal';
import { bulkWrites, channel, ownBulkTransactions, ownTransactions, reads, writes } from './define';
import {
  emptyInput,
  exportChannel,
  fileInputSchema,
  gridQuerySchema,
  idSchema,
  isoDateSchema,
  okOutput,
  pageOf,
} from './common';
import { importKinds, importProfileSchema } from '../domain/import-profile';

export const previewStatuses = ['new', 'changed', 'unchanged', 'review', 'repeat', 'error'] as const;
export type PreviewStatus = (typeof previewStatuses)[number];
export const reconcileStatuses = ['agree', 'differ', 'theirs_only', 'ours_only', 'unsure'] as const;
export type ReconcileStatus = (typeof reconcileStatuses)[number];

const jobStarted = z.object({ jobId: z.string() });
const uploadId = z.string().uuid();

export const uploadInfoSchema = z.object({
  uploadId,
  fileName: z.string(),
  fileKind: z.enum(['xlsx', 'csv']),
  encoding: z.string().nullable(),
  date1904: z.boolean(),
  sha256: z.string(),
  sheets: z.array(z.object({ name: z.string(), hidden: z.boolean() })),
});
export type UploadInfo = z.infer<typeof uploadInfoSchema>;

export const sheetViewSchema = z.object({
  sheet: z.string(),
  headerRow: z.number().int(),
  headers: z.array(z.string()),
  samples: z.array(z.array(z.string())),
  rowCount: z.number().int(),
  skippedBlank: z.number().int(),
  skippedTotals: z.number().int(),
  suggestions: z.array(
    z.object({
      field: z.string(),
      header: z.string(),
      column: z.number().int(),
      basis: z.enum(['header', 'contents']),
    }),
  ),
  dateColumns: z.array(
    z.object({
      header: z.string(),
      ambiguous: z.boolean(),
      suggested: z.enum(['dmy', 'mdy', 'ymd']),
      numericForms: z.number().int(),
    }),
  ),
  /** Distinct values of short-text columns (for value mappings), by header. */
  distinctValues: z.record(z.string(), z.array(z.string())),
});
export type SheetView = z.infer<typeof sheetViewSchema>;

export const previewCountsSchema = z.object({
  total: z.number().int(),
  new: z.number().int(),
  changed: z.number().int(),
  unchanged: z.number().int(),
  review: z.number().int(),
  /** Rows identical to an earlier row of the file (pasted twice): imported once. */
  repeat: z.number().int(),
  error: z.number().int(),
  accepted: z.number().int(),
});
export type PreviewCounts = z.infer<typeof previewCountsSchema>;

/** A course run an enrolment or results import would create (the profile's createCourseRuns). */
export const runToCreateSchema = z.object({
  key: z.string(),
  /** The partner's own code for it (kept on the run for their next file). */
  partnerCode: z.string().nullable(),
  courseTypeCode: z.string(),
  courseType: z.string(),
  title: z.string().nullable(),
  startDate: z.string(),
  endDate: z.string(),
  /** People on it among the accepted rows. */
  learners: z.number().int(),
});
export type RunToCreate = z.infer<typeof runToCreateSchema>;

const problemSchema = z.object({ field: z.string(), column: z.string(), message: z.string() });
const changeSchema = z.object({ field: z.string(), label: z.string(), from: z.string().nullable(), to: z.string() });
const candidateSchema = z.object({
  id: idSchema,
  reference: z.string(),
  name: z.string(),
  dateOfBirth: z.string().nullable(),
  level: z.string(),
  score: z.number(),
  explanation: z.string(),
});

export const previewGridRowSchema = z.object({
  id: z.number().int(),
  rowNumber: z.number().int(),
  status: z.enum(previewStatuses),
  decision: z.enum(['accept', 'reject']),
  name: z.string(),
  dateOfBirth: z.string().nullable(),
  niNumber: z.string().nullable(),
  match: z.string().nullable(),
  detail: z.string(),
});
export type PreviewGridRow = z.infer<typeof previewGridRowSchema>;

export const previewRowDetailSchema = previewGridRowSchema.extend({
  values: z.record(z.string(), z.union([z.string(), z.number()])),
  changes: z.array(changeSchema),
  problems: z.array(problemSchema),
  warnings: z.array(problemSchema),
  candidates: z.array(candidateSchema),
  matchId: idSchema.nullable(),
  duplicateOfRow: z.number().int().nullable(),
  reviewReason: z.string().nullable(),
});
export type PreviewRowDetail = z.infer<typeof previewRowDetailSchema>;

export const previewSummarySchema = z.object({
  previewId: uploadId,
  fileName: z.string(),
  sheet: z.string(),
  kind: z.enum(importKinds),
  profileName: z.string(),
  partner: z.string(),
  counts: previewCountsSchema,
  missingColumns: z.array(z.string()),
  ambiguousDates: z.array(z.string()),
  alreadyImported: z.array(z.object({ batchId: idSchema, at: z.string() })),
  committedBatchId: idSchema.nullable(),
  runsToCreate: z.array(runToCreateSchema),
});

export const batchGridRowSchema = z.object({
  id: idSchema,
  kind: z.string(),
  partner: z.string(),
  fileName: z.string(),
  sheet: z.string(),
  profileName: z.string().nullable(),
  at: z.string(),
  staffName: z.string().nullable(),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  rejected: z.number().int(),
  errors: z.number().int(),
  undoneAt: z.string().nullable(),
});
export type BatchGridRow = z.infer<typeof batchGridRowSchema>;

const keptSchema = z.object({ entity: z.string(), id: z.number().int(), label: z.string(), reason: z.string() });
export type UndoKept = z.infer<typeof keptSchema>;

export const batchDetailSchema = batchGridRowSchema.extend({
  sha256: z.string(),
  rowsInFile: z.number().int(),
  undoneByName: z.string().nullable(),
  kept: z.array(keptSchema),
  rows: z.array(
    z.object({
      id: z.number().int(),
      rowNumber: z.number().int(),
      action: z.enum(['created', 'updated']),
      entity: z.string(),
      entityId: z.number().int(),
      /** The person the row concerns, when their record is there to open. */
      participantId: z.number().int().nullable(),
      /** Their reference and name (else the entity and its id). */
      label: z.string(),
      fields: fieldChanges(
        z.array(z.object({ field: z.string(), from: z.string().nullable(), to: z.string().nullable() })),
      ),
    }),
  ),
  rowsTotal: z.number().int(),
});
export type BatchDetail = z.infer<typeof batchDetailSchema>;

export const reconcileCountsSchema = z.object({
  agree: z.number().int(),
  differ: z.number().int(),
  theirs_only: z.number().int(),
  ours_only: z.number().int(),
  unsure: z.number().int(),
  error: z.number().int(),
});

export const reconcileGridRowSchema = z.object({
  id: z.number().int(),
  status: z.enum(reconcileStatuses),
  rowNumber: z.number().int().nullable(),
  reference: z.string().nullable(),
  name: z.string(),
  detail: z.string(),
  differences: z.array(
    z.object({ field: z.string(), label: z.string(), ours: z.string().nullable(), theirs: z.string() }),
  ),
  accepted: z.array(z.string()),
});
export type ReconcileGridRow = z.infer<typeof reconcileGridRowSchema>;

export const reconcileSummarySchema = z.object({
  reconcileId: uploadId,
  fileName: z.string(),
  partner: z.string(),
  kind: z.enum(importKinds),
  from: z.string().nullable(),
  to: z.string().nullable(),
  counts: reconcileCountsSchema,
  errors: z.array(z.object({ rowNumber: z.number().int(), column: z.string(), message: z.string() })),
});
export type ReconcileSummary = z.infer<typeof reconcileSummarySchema>;

export const profileRowSchema = z.object({
  id: idSchema,
  name: z.string(),
  partner: z.string(),
  kind: z.string(),
  profile: importProfileSchema,
});

export const importsContract = {
  'imports.job': channel({
    effect: reads,
    summary: 'State and result of an import job',
    role: 'viewer',
    input: z.object({ jobId: z.string().max(64) }).strict(),
    output: z.object({
      state: z.enum(['running', 'done', 'failed', 'cancelled']),
      done: z.number(),
      total: z.number(),
      message: z.string().nullable(),
      result: z.unknown(),
    }),
  }),
  'imports.open': channel({
    effect: ownTransactions(),
    summary: 'Open a partner file for import',
    role: 'officer',
    input: z.object({ file: fileInputSchema }).strict(),
    output: jobStarted,
  }),
  'imports.upload': channel({
    effect: reads,
    summary: 'An opened partner file',
    role: 'officer',
    input: z.object({ uploadId }).strict(),
    output: uploadInfoSchema,
  }),
  'imports.sheet': channel({
    effect: reads,
    summary: 'Read a sheet of an opened file',
    role: 'officer',
    input: z
      .object({
        uploadId,
        sheet: z.string().max(200),
        headerRow: z.number().int().min(1).max(1000).optional(),
        kind: z.enum(importKinds),
      })
      .strict(),
    output: sheetViewSchema,
  }),
  'imports.profiles': channel({
    effect: reads,
    summary: 'List import profiles',
    role: 'viewer',
    input: emptyInput,
    output: z.array(profileRowSchema),
  }),
  'imports.saveProfile': channel({
    effect: writes('imports'),
    summary: 'Save an import profile',
    role: 'officer',
    input: z.object({ profile: importProfileSchema }).strict(),
    output: z.object({ id: idSchema, created: z.boolean() }),
  }),
  'imports.deleteProfile': channel({
    effect: writes('imports'),
    summary: 'Delete an import profile',
    role: 'officer',
    input: z.object({ id: idSchema }).strict(),
    output: okOutput,
  }),
  'imports.preview': channel({
    effect: ownTransactions(),
    summary: 'Preview an import',
    role: 'officer',
    input: z.object({ uploadId, sheet: z.string().max(200), profile: importProfileSchema }).strict(),
    output: jobStarted,
  }),
  'imports.previewSummary': channel({
    effect: reads,
    summary: 'Import preview counts',
    role: 'officer',
    input: z.object({ previewId: uploadId }).strict(),
    output: previewSummarySchema,
  }),
  'imports.previewPage': channel({
    effect: reads,
    summary: 'Rows of an import preview',
    role: 'officer',
    input: z
      .object({
        previewId: uploadId,
        status: z.enum([...previewStatuses, 'all', 'accepted', 'rejected']).default('all'),
        query: gridQuerySchema,
      })
      .strict(),
    output: pageOf(previewGridRowSchema),
  }),
  'imports.previewRow': channel({
    effect: reads,
    summary: 'One row of an import preview',
    role: 'officer',
    input: z.object({ previewId: uploadId, rowId: z.number().int().min(1) }).strict(),
    output: previewRowDetailSchema,
  }),
  'imports.decide': channel({
    effect: reads,
    summary: 'Accept or reject rows of an import preview',
    role: 'officer',
    input: z
      .object({
        previewId: uploadId,
        decision: z.enum(['accept', 'reject']),
        rowIds: z.array(z.number().int().min(1)).max(100_000).optional(),
        status: z.enum(previewStatuses).optional(),
      })
      .strict()
      .refine((v) => v.rowIds || v.status, { message: 'Choose rows or a status', path: ['rowIds'] }),
    output: previewCountsSchema,
  }),
  'imports.resolve': channel({
    effect: reads,
    summary: 'Resolve a row that needs review',
    role: 'officer',
    input: z.object({ previewId: uploadId, rowId: z.number().int().min(1), matchId: idSchema.nullable() }).strict(),
    output: previewRowDetailSchema,
  }),
  'imports.commit': channel({
    effect: ownBulkTransactions('pre-import', 'participants', 'courses', 'outcomes', 'returns', 'imports'),
    summary: 'Commit an import',
    role: 'officer',
    input: z.object({ previewId: uploadId }).strict(),
    output: jobStarted,
  }),
  'imports.batches': channel({
    effect: reads,
    summary: 'Import history',
    role: 'viewer',
    input: gridQuerySchema,
    output: pageOf(batchGridRowSchema),
  }),
  'imports.batch': channel({
    effect: reads,
    summary: 'An import batch',
    role: 'viewer',
    input: z.object({ batchId: idSchema }).strict(),
    output: batchDetailSchema,
  }),
  'imports.undo': channel({
    effect: bulkWrites('pre-bulk', 'participants', 'courses', 'outcomes', 'returns', 'imports'),
    summary: 'Undo an import batch',
    role: 'officer',
    input: z.object({ batchId: idSchema }).strict(),
    output: z.object({ removed: z.number().int(), restored: z.number().int(), kept: z.array(keptSchema) }),
  }),
  'imports.reconcile': channel({
    effect: ownTransactions(),
    summary: 'Reconcile a partner file against our records',
    role: 'officer',
    input: z
      .object({
        uploadId,
        sheet: z.string().max(200),
        profile: importProfileSchema,
        from: isoDateSchema.optional(),
        to: isoDateSchema.optional(),
      })
      .strict(),
    output: jobStarted,
  }),
  'imports.reconcileSummary': channel({
    effect: reads,
    summary: 'Reconciliation counts',
    role: 'officer',
    input: z.object({ reconcileId: uploadId }).strict(),
    output: reconcileSummarySchema,
  }),
  'imports.reconcilePage': channel({
    effect: reads,
    summary: 'Rows of a reconciliation',
    role: 'officer',
    input: z
      .object({
        reconcileId: uploadId,
        status: z.enum([...reconcileStatuses, 'all']).default('all'),
        query: gridQuerySchema,
      })
      .strict(),
    output: pageOf(reconcileGridRowSchema),
  }),
  'imports.reconcileAccept': channel({
    effect: bulkWrites('pre-import', 'participants', 'courses', 'outcomes', 'returns', 'imports'),
    summary: 'Accept partner values into our records',
    role: 'officer',
    input: z
      .object({
        reconcileId: uploadId,
        items: z
          .array(z.object({ id: z.number().int().min(1), fields: z.array(z.string().max(64)).min(1).max(50) }))
          .min(1)
          .max(10_000),
      })
      .strict(),
    output: z.object({ updated: z.number().int(), fields: z.number().int() }),
  }),
  'imports.reconcile.export': exportChannel({
    summary: 'Export a reconciliation workbook',
    role: 'officer',
    input: z.object({ reconcileId: uploadId }).strict(),
  }),
} as const;
