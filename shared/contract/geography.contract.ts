// Channels of the geography area: the postcode directory, deprivation and names files an
// administrator loads (sent in chunks, loaded as a job), "local" as a setting, where a postcode is
// (for the form), and re-resolving everyone after a newer file.
import { z } from 'zod';
import { channel, ownBulkTransactions, ownTransactions, reads, bulkWrites } from './define';
import { idSchema, isoDateSchema, emptyInput } from './common';
import { geoStatuses, GSS_CODE } from '../domain/geography';

/** Largest piece of a file sent at once (the harness takes a request body up to 80 MB as base64). */
export const UPLOAD_CHUNK_BYTES = 8 * 1024 * 1024;

export const lookupVersionSchema = z.object({
  id: idSchema,
  kind: z.enum(['postcodes', 'deprivation', 'names']),
  format: z.string(),
  fileName: z.string(),
  fileDate: z.string(),
  label: z.string(),
  lsoaVintage: z.string().nullable(),
  rowCount: z.number().int(),
  status: z.enum(['loading', 'current', 'replaced', 'failed']),
  loadedAt: z.string(),
  loadedBy: z.string().nullable(),
  message: z.string().nullable(),
});
export type LookupVersion = z.infer<typeof lookupVersionSchema>;

/** A load or recompute job as the window waits for it (the shape of imports.job). */
const jobStateSchema = z.object({
  state: z.enum(['running', 'done', 'failed', 'cancelled']),
  done: z.number(),
  total: z.number(),
  message: z.string().nullable(),
  result: z.unknown(),
});

/** Where a postcode is, as the form and a participant's page show it. */
export const postcodeResolutionSchema = z.object({
  postcode: z.string().nullable(),
  status: z.enum(geoStatuses),
  laCode: z.string().nullable(),
  laName: z.string().nullable(),
  wardCode: z.string().nullable(),
  wardName: z.string().nullable(),
  lsoaCode: z.string().nullable(),
  lsoaName: z.string().nullable(),
  imdDecile: z.number().int().nullable(),
  imdRank: z.number().int().nullable(),
  terminatedOn: z.string().nullable(),
  isLocal: z.boolean().nullable(),
  lookup: z.string().nullable(),
  deprivation: z.string().nullable(),
  warning: z.string().nullable(),
});

/** Where a stored participant lives, with the files it was worked out from. */
export const participantGeographySchema = z.object({
  status: z.enum(geoStatuses),
  laCode: z.string().nullable(),
  laName: z.string().nullable(),
  wardCode: z.string().nullable(),
  wardName: z.string().nullable(),
  lsoaCode: z.string().nullable(),
  lsoaName: z.string().nullable(),
  imdDecile: z.number().int().nullable(),
  terminatedOn: z.string().nullable(),
  isLocal: z.boolean(),
  lookup: z.string().nullable(),
  deprivation: z.string().nullable(),
  stale: z.boolean(),
  warning: z.string().nullable(),
});
export type ParticipantGeography = z.infer<typeof participantGeographySchema>;

const areaChoice = z.object({ code: z.string(), name: z.string().nullable() });

/** The dashboard's breakdown by ward and by deprivation decile: starts and outcomes in the period. */
export const dashboardAreasSchema = z.object({
  byWard: z.array(
    z.object({ key: z.string(), label: z.string(), starts: z.number().int(), outcomes: z.number().int() }),
  ),
  byDecile: z.array(
    z.object({ key: z.string(), label: z.string(), starts: z.number().int(), outcomes: z.number().int() }),
  ),
});
export type DashboardAreas = z.infer<typeof dashboardAreasSchema>;

/** A return's people (each once) by ward and by deprivation decile. */
export const peopleAreasSchema = z.object({
  people: z.number().int(),
  byWard: z.array(z.object({ key: z.string(), label: z.string(), people: z.number().int() })),
  byDecile: z.array(z.object({ key: z.string(), label: z.string(), people: z.number().int() })),
});
export type PeopleAreas = z.infer<typeof peopleAreasSchema>;

export const geographyContract = {
  'geography.status': channel({
    effect: reads,
    summary: 'Geography files and the local area',
    role: 'viewer',
    input: emptyInput,
    output: z.object({
      postcodes: lookupVersionSchema.nullable(),
      deprivation: lookupVersionSchema.nullable(),
      names: z.array(lookupVersionSchema),
      history: z.array(lookupVersionSchema),
      localAuthorities: z.array(areaChoice),
      /** Local authorities in the postcode directory, to choose the local ones from. */
      authoritiesInDirectory: z.array(areaChoice.extend({ postcodes: z.number().int() })),
      people: z.array(z.object({ status: z.string(), label: z.string(), count: z.number().int() })),
      /** People resolved against an older file than the one in use (a recompute catches them up). */
      stale: z.number().int(),
    }),
  }),
  'geography.lookupPostcode': channel({
    effect: reads,
    summary: 'Where a postcode is',
    role: 'viewer',
    input: z.object({ postcode: z.string().trim().max(12) }).strict(),
    output: postcodeResolutionSchema,
  }),
  'geography.upload': channel({
    // Writes a piece of an ONS file (open data, no personal data) to a temporary file beside the
    // store; nothing in the store changes until geography.load.
    effect: reads,
    summary: 'Send part of a geography file',
    role: 'administrator',
    input: z
      .object({
        uploadId: z.string().uuid().optional(),
        fileName: z.string().min(1).max(255),
        offset: z.number().int().min(0),
        bytes: z.instanceof(Uint8Array).refine((b) => b.length <= UPLOAD_CHUNK_BYTES, 'A piece of the file is too big'),
      })
      .strict(),
    output: z.object({ uploadId: z.string().uuid(), received: z.number().int() }),
  }),
  'geography.load': channel({
    effect: ownBulkTransactions('pre-bulk', 'geography', 'participants'),
    summary: 'Load a geography file',
    role: 'administrator',
    input: z
      .object({
        uploadId: z.string().uuid(),
        fileDate: isoDateSchema.nullish().transform((v) => v ?? null),
      })
      .strict(),
    output: z.object({ jobId: z.string() }),
  }),
  'geography.setLocalAuthorities': channel({
    effect: bulkWrites('pre-bulk', 'geography', 'participants', 'settings'),
    summary: 'Set the local area',
    role: 'administrator',
    input: z
      .object({
        codes: z
          .array(z.string().trim().toUpperCase().regex(GSS_CODE, 'Enter local authority codes like E07000243'))
          .min(1, 'Choose at least one local authority')
          .max(20),
      })
      .strict(),
    output: z.object({ codes: z.array(z.string()), recalculated: z.number().int(), local: z.number().int() }),
  }),
  'geography.returnAreas': channel({
    effect: reads,
    summary: 'Where the people in a return live',
    role: 'viewer',
    input: z.union([
      z.object({ returnId: idSchema }).strict(),
      z.object({ setId: idSchema, from: isoDateSchema, to: isoDateSchema, versionId: idSchema.optional() }).strict(),
    ]),
    output: peopleAreasSchema,
  }),
  'geography.job': channel({
    effect: reads,
    summary: 'State and result of a geography job',
    role: 'administrator',
    input: z.object({ jobId: z.string().max(64) }).strict(),
    output: jobStateSchema,
  }),
  'geography.recompute': channel({
    effect: ownTransactions('geography', 'participants'),
    summary: 'Work out where everyone lives again',
    role: 'administrator',
    input: emptyInput,
    output: z.object({ jobId: z.string() }),
  }),
} as const;
