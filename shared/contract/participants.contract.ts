// Channels of the participants area (and the generic saved views). Each: channel({ effect, summary, role, input, output }).
import { z } from 'zod';
import { bulkWrites, channel, reads, writes } from './define';
import {
  exportChannel,
  exportPurposeSchema,
  gridQuerySchema,
  idSchema,
  isoDateSchema,
  okOutput,
  pageOf,
} from './common';
import { participantRecordSchema } from '../domain/participant-record';
import { eligibilityCheckCodes, evidenceAcceptance, evidenceType } from '../domain/eligibility-evidence';
import { participantGeographySchema } from './geography.contract';
import { fieldChanges, freeText, specialCategory, specialItems } from './personal';

/** The reference lists edited in Settings → Reference lists (lists with tables of their own
 * are edited on their own screens). */
export const referenceListNames = [
  'barrier',
  'benefit',
  'referral_source',
  'evidence_kind',
  'event_kind',
  'measure_kind',
] as const;
export const referenceListName = z.enum(referenceListNames);
export const referenceListSchema = z.object({
  list: referenceListName,
  items: z.array(z.object({ code: z.string(), label: z.string(), isActive: z.boolean(), inUse: z.number().int() })),
});
export type ReferenceList = z.infer<typeof referenceListSchema>;

/** A list officers choose from (referral sources, evidence types): every item with its label, so
 * records holding a retired one still show its label; only active ones are offered. */
const referenceChoiceSchema = z.array(z.object({ code: z.string(), label: z.string(), isActive: z.boolean() }));
export const referenceChoicesSchema = z.object({
  referralSources: referenceChoiceSchema,
  evidenceKinds: referenceChoiceSchema,
});
export type ReferenceChoices = z.infer<typeof referenceChoicesSchema>;

export const participantGridRowSchema = z.object({
  id: idSchema,
  reference: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  preferredName: z.string().nullable(),
  dateOfBirth: z.string().nullable(),
  niNumber: z.string().nullable(),
  postcode: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  town: z.string().nullable(),
  status: z.string(),
  eligibilityStatus: z.string(),
  startDate: z.string().nullable(),
  leaveDate: z.string().nullable(),
  referralSource: z.string().nullable(),
  labourMarketStatus: z.string().nullable(),
  sex: z.string().nullable(),
  /** Special-category: null for viewers. */
  ethnicity: specialCategory(z.string().nullable()),
  disability: specialCategory(z.string().nullable()),
  keyWorker: z.string().nullable(),
  fundingStream: z.string().nullable(),
});
export type ParticipantGridRow = z.infer<typeof participantGridRowSchema>;

const ruleSchema = z.object({
  code: z.enum(eligibilityCheckCodes),
  label: z.string(),
  outcome: z.enum(['met', 'pending', 'not_met']),
  reason: z.string(),
});
export const eligibilitySchema = z.object({
  status: z.enum(['eligible', 'pending', 'not_eligible']),
  rules: z.array(ruleSchema),
  reasons: z.array(z.string()),
  districts: z.array(z.string()),
  /** The local area in words, for the residence rule. */
  localLabel: z.string(),
  isLocal: z.boolean(),
});

export const eligibilityCheckSchema = z.object({
  id: idSchema,
  checkCode: z.string(),
  outcome: z.enum(['met', 'not_met', 'pending']),
  evidenceType: z.string().nullable(),
  seenBy: z.string().nullable(),
  seenOn: z.string().nullable(),
  notes: freeText(z.string().nullable()),
  recordedAt: z.string(),
});

/** The record as stored (output shape of the shared schema) plus bookkeeping. */
export const participantDetailSchema = z.object({
  id: idSchema,
  reference: z.string(),
  status: z.enum(['active', 'left', 'merged', 'anonymised']),
  mergedIntoId: idSchema.nullable(),
  version: z.number().int(),
  record: z.object({
    firstName: z.string(),
    lastName: z.string(),
    preferredName: z.string().nullable(),
    dateOfBirth: z.string().nullable(),
    niStatus: z.enum(['known', 'not_yet_known']),
    niNumber: z.string().nullable(),
    uln: z.string().nullable(),
    noFixedAbode: z.boolean(),
    addressLine1: z.string().nullable(),
    addressLine2: z.string().nullable(),
    town: z.string().nullable(),
    postcode: z.string().nullable(),
    phone: z.string().nullable(),
    email: z.string().nullable(),
    preferredContact: z.string().nullable(),
    sex: z.string().nullable(),
    genderSameAsBirth: specialCategory(z.string().nullable()),
    ethnicity: specialCategory(z.string().nullable()),
    healthCondition: specialCategory(z.string().nullable()),
    conditionImpact: specialCategory(z.string().nullable()),
    isCarer: z.string().nullable(),
    isLoneParent: z.string().nullable(),
    labourMarketStatus: z.string().nullable(),
    benefits: specialItems('benefit', z.array(z.string())),
    ucConditionality: z.string().nullable(),
    timeOutOfWork: z.string().nullable(),
    qualificationLevel: z.string().nullable(),
    barriers: specialItems('barrier', z.array(z.string())),
    referralSource: z.string().nullable(),
    referralDate: z.string().nullable(),
    referrerName: z.string().nullable(),
    fundingStreamId: z.number().nullable(),
    keyWorkerId: z.number().nullable(),
    startDate: z.string().nullable(),
    leaveDate: z.string().nullable(),
    privacyNoticeVersion: z.string().nullable(),
    privacyNoticeDate: z.string().nullable(),
    consentPartners: z.array(z.string()),
    lawfulBasisNote: z.string().nullable(),
  }),
  keyWorkerName: z.string().nullable(),
  fundingStreamName: z.string().nullable(),
  eligibility: eligibilitySchema,
  /** Where the person lives, from the postcode directory (null for a merged record). */
  geography: participantGeographySchema,
  /** Labour-market status at entry disagreeing with time out of work, with a prompt (or null). */
  labourMarketProblem: z.object({ message: z.string(), suggested: z.string().nullable() }).nullable(),
  checks: z.array(eligibilityCheckSchema),
  specialCategoryHidden: z.boolean(),
  /** The latest merge into this record that can still be undone. */
  undoableMerge: z
    .object({ mergeId: idSchema, mergedId: idSchema, mergedReference: z.string(), at: z.string() })
    .nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ParticipantDetail = z.infer<typeof participantDetailSchema>;

export const duplicateCandidateSchema = z.object({
  id: idSchema,
  reference: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  dateOfBirth: z.string().nullable(),
  niNumber: z.string().nullable(),
  postcode: z.string().nullable(),
  phone: z.string().nullable(),
  level: z.enum(['certain', 'probable', 'possible', 'none']),
  score: z.number(),
  explanation: z.string(),
});
export type DuplicateCandidate = z.infer<typeof duplicateCandidateSchema>;

export const referralRowSchema = z.object({
  /** Null for the first referral, which is the record's own. */
  id: idSchema.nullable(),
  /** 1 for the first participation, 2 for the first re-referral, … */
  number: z.number().int(),
  referralDate: z.string().nullable(),
  referralSource: z.string().nullable(),
  referrerName: z.string().nullable(),
  startDate: z.string().nullable(),
  notes: z.string().nullable(),
  source: z.enum(['record', 'form', 'import']),
  createdAt: z.string().nullable(),
  createdBy: z.string().nullable(),
});
export type ReferralRow = z.infer<typeof referralRowSchema>;

const optionalText = (max: number, label: string) =>
  z
    .string()
    .trim()
    .max(max, `${label} must be ${max} characters or fewer`)
    .nullish()
    .transform((v) => v || null);

export const addReferralSchema = z
  .object({
    participantId: idSchema,
    referralDate: isoDateSchema,
    referralSource: z
      .string()
      .regex(/^[a-z0-9_]{1,40}$/, 'Choose a referral source from the list')
      .nullish()
      .transform((v) => v || null),
    referrerName: optionalText(100, 'Referrer'),
    startDate: isoDateSchema.nullish().transform((v) => v ?? null),
    notes: optionalText(1000, 'Notes'),
  })
  .strict();

export const closeMatchSchema = z.object({
  id: idSchema,
  reference: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  dateOfBirth: z.string().nullable(),
  postcode: z.string().nullable(),
  /** Why it is suggested: "sounds like “Nowak”". */
  why: z.string(),
});

export const timelineItemSchema = z.object({
  at: z.string(),
  kind: z.string(),
  title: z.string(),
  detail: z.string().nullable(),
  /** A note's text (notes, site-ready sign-offs): null for viewers. */
  note: freeText(z.string().nullable()),
});
export type TimelineItem = z.infer<typeof timelineItemSchema>;

export const historyEntrySchema = z.object({
  id: idSchema,
  at: z.string(),
  staff: z.string().nullable(),
  action: z.string(),
  summary: z.string(),
  changes: fieldChanges(z.array(z.object({ field: z.string(), before: z.unknown(), after: z.unknown() }))),
});

/** What a saved grid view remembers: columns shown, widths and order, sort, filters, search, preset. */
export const viewStateSchema = z.object({
  columns: z
    .array(z.object({ colId: z.string().max(64), hide: z.boolean().optional(), width: z.number().optional() }))
    .max(100)
    .default([]),
  sort: z
    .array(z.object({ colId: z.string().max(64), sort: z.enum(['asc', 'desc']) }))
    .max(5)
    .default([]),
  filters: z.record(z.string(), z.unknown()).default({}),
  search: z.string().max(200).default(''),
  preset: z.string().max(64).optional(),
});
export type ViewState = z.infer<typeof viewStateSchema>;
export const savedViewSchema = z.object({
  id: idSchema,
  grid: z.string(),
  name: z.string(),
  shared: z.boolean(),
  mine: z.boolean(),
  state: viewStateSchema,
});
export type SavedView = z.infer<typeof savedViewSchema>;

const gridName = z
  .string()
  .trim()
  .min(1)
  .max(40)
  .regex(/^[a-z0-9-]+$/, 'Unknown grid');
const versionInput = z.number().int().min(1);
const keysSchema = z.object({
  firstName: z.string().max(100).default(''),
  lastName: z.string().max(100).default(''),
  dateOfBirth: isoDateSchema.nullish().transform((v) => v ?? null),
  niNumber: z
    .string()
    .max(20)
    .nullish()
    .transform((v) => v ?? null),
  postcode: z
    .string()
    .max(10)
    .nullish()
    .transform((v) => v ?? null),
  phone: z
    .string()
    .max(30)
    .nullish()
    .transform((v) => v ?? null),
});

/** The participants grid's special-category columns (ethnic group, disability): showing them asks
 * why first. The backend's registry-derived set must equal this (participants-record.test.ts). */
export const participantSpecialGridColumns = ['ethnicity', 'disability'] as const;

export const participantsContract = {
  'participants.page': channel({
    effect: reads,
    summary: 'List participants',
    role: 'viewer',
    input: gridQuerySchema,
    output: pageOf(participantGridRowSchema),
  }),
  'participants.options': channel({
    effect: reads,
    summary: 'Lists the participant form needs',
    role: 'viewer',
    input: z.object({}).strict(),
    output: z.object({
      staff: z.array(z.object({ id: idSchema, name: z.string() })),
      fundingStreams: z.array(z.object({ id: idSchema, name: z.string() })),
      barriers: specialItems(
        'barrier',
        z.array(z.object({ code: z.string(), label: z.string(), specialCategory: z.boolean() })),
      ),
      benefits: specialItems(
        'benefit',
        z.array(z.object({ code: z.string(), label: z.string(), specialCategory: z.boolean() })),
      ),
      /** Settings → Reference lists; retired ones too, so a record holding one shows its label. */
      referralSources: z.array(z.object({ code: z.string(), label: z.string(), isActive: z.boolean() })),
      districts: z.array(z.string()),
      localLabel: z.string(),
      today: z.string(),
    }),
  }),
  'participants.create': channel({
    effect: writes('participants'),
    summary: 'Register a participant',
    role: 'officer',
    input: z.object({
      record: participantRecordSchema,
      notDuplicateOf: z.array(idSchema).max(50).default([]),
      duplicatesReviewed: z.boolean().default(false),
    }),
    output: z.object({ id: idSchema, reference: z.string() }),
  }),
  'participants.get': channel({
    effect: writes('audit'),
    summary: 'Open a participant',
    role: 'viewer',
    input: z.object({ id: idSchema }),
    output: participantDetailSchema,
  }),
  'participants.update': channel({
    effect: writes('participants'),
    summary: 'Save a participant',
    role: 'officer',
    input: z.object({ id: idSchema, version: versionInput, record: participantRecordSchema }),
    output: z.object({ version: z.number().int() }),
  }),
  'participants.addNote': channel({
    effect: writes('participants'),
    summary: 'Add a note',
    role: 'officer',
    input: z.object({
      id: idSchema,
      body: z.string().trim().min(1, 'Enter the note').max(5000, 'Note must be 5,000 characters or fewer'),
    }),
    output: z.object({ id: idSchema }),
  }),
  'participants.notes': channel({
    effect: reads,
    summary: 'Notes on a participant',
    role: 'viewer',
    input: z.object({ id: idSchema }),
    output: z.array(
      z.object({
        id: idSchema,
        /** Null for viewers: a note may say anything about the person. */
        body: freeText(z.string().nullable()),
        createdAt: z.string(),
        createdBy: z.string().nullable(),
      }),
    ),
  }),
  'participants.recordEligibilityCheck': channel({
    effect: writes('participants'),
    summary: 'Record an eligibility check',
    role: 'officer',
    input: z
      .object({
        id: idSchema,
        checkCode: z.enum(eligibilityCheckCodes, { error: 'Choose which check' }),
        outcome: z.enum(['met', 'not_met', 'pending'], { error: 'Choose the outcome of the check' }),
        evidenceType: z
          .string()
          .max(60)
          .nullish()
          .transform((v) => v || null),
        seenOn: isoDateSchema.nullish().transform((v) => v ?? null),
        notes: z
          .string()
          .trim()
          .max(1000, 'Notes must be 1,000 characters or fewer')
          .nullish()
          .transform((v) => v || null),
      })
      .superRefine((c, ctx) => {
        if (c.outcome === 'met' && !c.evidenceType)
          ctx.addIssue({ code: 'custom', path: ['evidenceType'], message: 'Choose the evidence seen' });
        if (c.evidenceType && (!evidenceType(c.evidenceType) || evidenceType(c.evidenceType)?.legacy))
          ctx.addIssue({ code: 'custom', path: ['evidenceType'], message: 'Choose the evidence seen from the list' });
        else if (c.outcome === 'met' && c.evidenceType) {
          // Whether the person has no fixed abode is the backend's to check (a local-connection
          // statement is for them only).
          const a = evidenceAcceptance(c.checkCode, c.evidenceType, c.seenOn, { noFixedAbode: true });
          if (!a.accepted) ctx.addIssue({ code: 'custom', path: ['evidenceType'], message: a.reason });
        }
        if (c.outcome === 'met' && !c.seenOn)
          ctx.addIssue({ code: 'custom', path: ['seenOn'], message: 'Enter the date the evidence was seen' });
      }),
    output: z.object({ eligibilityStatus: z.enum(['eligible', 'pending', 'not_eligible']) }),
  }),
  'participants.toReview': channel({
    effect: reads,
    summary: 'Records to review',
    role: 'viewer',
    input: z.object({}).strict(),
    output: z.object({
      /** Labour-market status at entry disagreeing with time out of work (listed, never changed). */
      labourMarket: z.array(
        z.object({
          id: idSchema,
          reference: z.string(),
          name: z.string(),
          labourMarketStatus: z.string(),
          timeOutOfWork: z.string(),
          message: z.string(),
          suggested: z.string().nullable(),
        }),
      ),
      total: z.number().int(),
    }),
  }),
  'participants.duplicates': channel({
    effect: reads,
    summary: 'Find likely duplicates',
    role: 'viewer',
    input: z.object({ keys: keysSchema, excludeId: idSchema.optional() }),
    output: z.array(duplicateCandidateSchema),
  }),
  'participants.closeMatches': channel({
    effect: reads,
    summary: 'Suggest people whose names are close to a search',
    role: 'viewer',
    input: z.object({ search: z.string().max(200), excludeIds: z.array(idSchema).max(200).default([]) }).strict(),
    output: z.array(closeMatchSchema),
  }),
  'participants.referrals': channel({
    effect: reads,
    summary: 'The referrals of a person',
    role: 'viewer',
    input: z.object({ id: idSchema }).strict(),
    output: z.array(referralRowSchema),
  }),
  'participants.addReferral': channel({
    effect: writes('participants'),
    summary: 'Add a new referral of a person already on the record',
    role: 'officer',
    input: addReferralSchema,
    output: z.object({ id: idSchema, number: z.number().int() }),
  }),
  'participants.markNotDuplicate': channel({
    effect: writes('participants'),
    summary: 'Mark two records as different people',
    role: 'officer',
    input: z.object({ a: idSchema, b: idSchema }),
    output: okOutput,
  }),
  'participants.mergePreview': channel({
    effect: writes('audit'),
    summary: 'Compare two records to merge',
    role: 'officer',
    input: z.object({ a: idSchema, b: idSchema }),
    output: z.object({
      a: participantDetailSchema,
      b: participantDetailSchema,
      linked: z.object({ a: z.record(z.string(), z.number()), b: z.record(z.string(), z.number()) }),
    }),
  }),
  'participants.merge': channel({
    effect: writes('participants', 'courses', 'outcomes', 'returns'),
    summary: 'Merge two records',
    role: 'officer',
    input: z.object({
      survivorId: idSchema,
      mergedId: idSchema,
      survivorVersion: versionInput,
      mergedVersion: versionInput,
      /** For each differing field, whose value to keep (default: the survivor's). */
      take: z.record(z.string().max(40), z.enum(['survivor', 'merged'])).default({}),
    }),
    output: z.object({ mergeId: idSchema, moved: z.record(z.string(), z.number()) }),
  }),
  'participants.unmerge': channel({
    effect: writes('participants', 'courses', 'outcomes', 'returns'),
    summary: 'Undo a merge',
    role: 'officer',
    input: z.object({ mergeId: idSchema }),
    output: z.object({ survivorId: idSchema, restoredId: idSchema }),
  }),
  'participants.timeline': channel({
    effect: reads,
    summary: 'Timeline of a participant',
    role: 'viewer',
    input: z.object({ id: idSchema }),
    output: z.object({ items: z.array(timelineItemSchema), specialCategoryHidden: z.boolean() }),
  }),
  'participants.history': channel({
    effect: reads,
    summary: 'Change history of a participant',
    role: 'viewer',
    input: z.object({ id: idSchema }),
    output: z.object({ entries: z.array(historyEntrySchema), specialCategoryHidden: z.boolean() }),
  }),
  'participants.showSpecialColumns': channel({
    effect: writes('audit'),
    summary: 'Record why special-category columns are shown in the participants grid',
    role: 'officer', // viewers never get these columns
    input: z
      .object({ columns: z.array(z.enum(participantSpecialGridColumns)).min(1), purpose: exportPurposeSchema })
      .strict(),
    output: okOutput,
  }),
  'participants.export': exportChannel({
    summary: 'Export participants',
    role: 'officer', // a file of personal data leaves the app: never for viewers
    // Ethnic group or disability in the file needs a purpose (kept in the audit log).
    input: gridQuerySchema.extend({
      columns: z.array(z.string().max(64)).max(60).default([]),
      purpose: exportPurposeSchema.optional(),
    }),
  }),
  'participants.setDistricts': channel({
    effect: bulkWrites('pre-bulk', 'participants', 'settings'),
    summary: 'Set the programme area',
    role: 'administrator',
    input: z.object({
      districts: z
        .array(
          z
            .string()
            .trim()
            .toUpperCase()
            .regex(/^[A-Z]{1,2}\d[A-Z\d]?$/, 'Enter postcode districts like SG1'),
        )
        .min(1, 'Enter at least one postcode district')
        .max(50),
    }),
    output: z.object({ districts: z.array(z.string()), recalculated: z.number().int() }),
  }),
  'reference.lists': channel({
    effect: reads,
    summary:
      'The editable reference lists (barriers, benefits, referral sources, evidence types, kinds of event and of ' +
      'contract measure) with each item and how many records use it',
    role: 'administrator',
    input: z.object({}),
    output: z.array(referenceListSchema),
  }),
  'reference.choices': channel({
    effect: reads,
    summary: 'The referral sources and evidence types to choose from, with the labels of retired ones',
    role: 'viewer',
    input: z.object({}),
    output: referenceChoicesSchema,
  }),
  'reference.saveItem': channel({
    effect: writes('participants'),
    summary: 'Add an item to a reference list, or change its label (audited)',
    role: 'administrator',
    input: z.object({
      list: referenceListName,
      /** The item changed; absent to add one. */
      code: z.string().min(1).max(60).optional(),
      label: z.string().trim().min(1, 'Enter the label').max(120, 'The label must be 120 characters or fewer'),
    }),
    output: z.object({ code: z.string() }),
  }),
  'reference.setActive': channel({
    effect: writes('participants'),
    summary: 'Retire a reference item (kept for records that use it) or bring it back (audited)',
    role: 'administrator',
    input: z.object({ list: referenceListName, code: z.string().min(1).max(60), isActive: z.boolean() }),
    output: okOutput,
  }),
  'views.list': channel({
    effect: reads,
    summary: 'List saved views',
    role: 'viewer',
    input: z.object({ grid: gridName }),
    output: z.array(savedViewSchema),
  }),
  'views.save': channel({
    effect: writes('views'),
    summary: 'Save a view',
    role: 'viewer',
    input: z.object({
      grid: gridName,
      name: z.string().trim().min(1, 'Enter a name for the view').max(60, 'View name must be 60 characters or fewer'),
      shared: z.boolean().default(false),
      state: viewStateSchema,
    }),
    output: savedViewSchema,
  }),
  'views.delete': channel({
    effect: writes('views'),
    summary: 'Delete a saved view',
    role: 'viewer',
    input: z.object({ id: idSchema }),
    output: okOutput,
  }),
} as const;
