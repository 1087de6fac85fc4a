// Work in progress lives in the backend's memory, never in the store: opened files, previews
// and reconciliations, keyed by a random id and dropped oldest-first. Nothing is written until
// the user commits, so closing the app mid-way leaves no trace.
import { randomUUID } from 'node:crypto';
import { AppFailure } from '../../../shared/result';
import type { ImportProfile } from '../../../shared/domain/import-profile';
import type { PreviewStatus, ReconcileStatus } from '../../../shared/contract/imports.contract';
import type { CellProblem, FieldValue } from '../../../shared/domain/import-rows';
import type { ImportSource } from './import-source';

export interface Candidate {
  id: number;
  reference: string;
  name: string;
  dateOfBirth: string | null;
  level: string;
  score: number;
  explanation: string;
}

export interface FieldChange {
  field: string;
  label: string;
  from: string | null;
  to: string;
}

export interface PreviewRowState {
  id: number;
  rowNumber: number;
  status: PreviewStatus;
  decision: 'accept' | 'reject';
  values: Record<string, FieldValue>;
  problems: CellProblem[];
  warnings: CellProblem[];
  changes: FieldChange[];
  candidates: Candidate[];
  matchId: number | null;
  matchLabel: string | null;
  duplicateOfRow: number | null;
  reviewReason: string | null;
  /** Kind-specific ids found while planning (course run, employer, existing record). */
  target: Record<string, number | string | null>;
}

export interface PreviewState {
  id: string;
  source: ImportSource;
  sheet: string;
  profile: ImportProfile;
  rows: PreviewRowState[];
  missingColumns: string[];
  ambiguousDates: string[];
  committedBatchId: number | null;
  committing: boolean;
}

/** What accepting the partner's value for one field writes: these columns of one row. */
export interface ReconcilePatch {
  table: 'enrolments' | 'l1_awards' | 'hse_tests' | 'cscs_cards' | 'placements';
  id: number;
  participantId: number;
  set: Record<string, string | number | null>;
}

export interface ReconcileItem {
  id: number;
  status: ReconcileStatus;
  rowNumber: number | null;
  participantId: number | null;
  entityId: number | null;
  reference: string | null;
  name: string;
  detail: string;
  differences: Array<{ field: string; label: string; ours: string | null; theirs: string }>;
  accepted: string[];
  /** Enrolments, results and placements: what accepting each field writes (none: import the file). */
  patches: Record<string, ReconcilePatch>;
}

export interface ReconcileState {
  id: string;
  source: ImportSource;
  sheet: string;
  profile: ImportProfile;
  from: string | null;
  to: string | null;
  items: ReconcileItem[];
  errors: Array<{ rowNumber: number; column: string; message: string }>;
}

interface Memory {
  uploads: Map<string, ImportSource>;
  previews: Map<string, PreviewState>;
  reconciles: Map<string, ReconcileState>;
}

const KEEP = 6;
const memories = new WeakMap<object, Memory>();

/** The memory of one backend and staff member (keyed by their job runner, so tests with many backends stay apart
 * and one person cannot open the files another has open). */
export function importMemory(owner: object): Memory {
  let m = memories.get(owner);
  if (!m) {
    m = { uploads: new Map(), previews: new Map(), reconciles: new Map() };
    memories.set(owner, m);
  }
  return m;
}

export function remember<T>(map: Map<string, T>, value: T, id: string = randomUUID()): string {
  map.set(id, value);
  while (map.size > KEEP) map.delete(map.keys().next().value as string);
  return id;
}

export function recall<T>(map: Map<string, T>, id: string, what: string): T {
  const v = map.get(id);
  if (!v)
    throw new AppFailure(
      'not-found',
      `That ${what} is no longer open (the app keeps the last few). Open the file again.`,
    );
  return v;
}
