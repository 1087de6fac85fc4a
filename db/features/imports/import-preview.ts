// Builds the preview of an import: table → typed rows → each matched to a person (the same
// findMatchCandidates and scores as registration) → planned (new / changed / unchanged) or
// sent to review or marked in error. Runs as a job; nothing is written.
import type { Db } from '../../store/schema';
import type { JobControl } from '../../backend/jobs';
import { tableOf } from '../../../shared/domain/import-sheet';
import { typeRows, type TypedRow } from '../../../shared/domain/import-rows';
import { judgeDateColumn } from '../../../shared/domain/import-values';
import { headerIndex, importFields, type ImportProfile } from '../../../shared/domain/import-profile';
import { explainMatch, nameKey, type PersonKeys } from '../../../shared/domain/person-match';
import type { MatchCandidate } from '../participants/match-candidates';
import {
  loadLookups,
  planRow,
  prefetchParticipants,
  storeCodes,
  type Lookups,
  type ParticipantCache,
} from './import-plan';
import { BulkMatcher } from './bulk-match';
import type { Candidate, PreviewRowState, PreviewState } from './import-state';
import type { ImportSource } from './import-source';
import { normalisePostcode } from '../../../shared/domain/identifiers';
import { postcodeWarnings } from '../geography/resolution';

export function personKeys(values: Record<string, string | number>): PersonKeys {
  const s = (k: string) => (values[k] === undefined ? null : String(values[k]));
  return {
    firstName: s('first_name') ?? '',
    lastName: s('last_name') ?? '',
    dateOfBirth: s('date_of_birth'),
    niNumber: s('ni_number'),
    postcode: s('postcode'),
    phone: s('phone'),
  };
}

/** The key that says two rows of one file are the same person: NI number, else name + birth date. */
export function inFileKey(values: Record<string, string | number>): string | null {
  if (values.ni_number) return `ni:${values.ni_number}`;
  if (values.date_of_birth && values.last_name && values.first_name)
    return `p:${values.date_of_birth}|${nameKey(String(values.last_name))}|${nameKey(String(values.first_name))}`;
  if (values.uln) return `uln:${values.uln}`;
  return null;
}

const toCandidate = (c: MatchCandidate): Candidate => ({
  id: c.id,
  reference: c.reference,
  name: `${c.firstName} ${c.lastName}`,
  dateOfBirth: c.dateOfBirth,
  level: c.match.level,
  score: c.match.score,
  explanation: explainMatch(c.match),
});

export async function loadNotDuplicatePairs(db: Db): Promise<Set<string>> {
  const pairs = await db.selectFrom('not_duplicate_pairs').select(['participant_a', 'participant_b']).execute();
  return new Set(pairs.map((p) => `${p.participant_a}|${p.participant_b}`));
}
const pairKey = (a: number, b: number) => (a < b ? `${a}|${b}` : `${b}|${a}`);

export interface MatchVerdict {
  matchId: number | null;
  candidates: Candidate[];
  review: string | null;
}

/** Certain → matched; probable → review; remembered "not the same person" pairs respected. */
export type CandidateFinder = (keys: PersonKeys) => MatchCandidate[] | Promise<MatchCandidate[]>;

export async function fileFinder(db: Db, rows: Array<Record<string, string | number>>): Promise<CandidateFinder> {
  const matcher = await BulkMatcher.load(db, rows.map(personKeys), { minLevel: 'probable' });
  return (keys) => matcher.candidates(keys, { minLevel: 'probable', limit: 5 });
}

export async function matchPerson(
  find: CandidateFinder,
  values: Record<string, string | number>,
  notDuplicates: Set<string>,
): Promise<MatchVerdict> {
  const keys = personKeys(values);
  const found = await find(keys);
  const certain = found.filter((c) => c.match.level === 'certain');
  if (certain.length === 1) {
    const id = certain[0]!.id;
    const rest = found.filter((c) => c.id !== id && !notDuplicates.has(pairKey(id, c.id)));
    return { matchId: id, candidates: [certain[0]!, ...rest].map(toCandidate), review: null };
  }
  if (certain.length > 1)
    return {
      matchId: null,
      candidates: found.map(toCandidate),
      review: 'Several people in our records share this NI number',
    };
  if (found.length) {
    // Two probable people already decided to be different are both still offered: only a human can tell.
    return {
      matchId: null,
      candidates: found.map(toCandidate),
      review: `Possibly ${found[0]!.firstName} ${found[0]!.lastName} (${found[0]!.reference}): ${explainMatch(found[0]!.match)}`,
    };
  }
  return { matchId: null, candidates: [], review: null };
}

export function displayName(values: Record<string, string | number>): string {
  return (
    [values.first_name, values.last_name].filter(Boolean).join(' ') ||
    String(values.ni_number ?? values.uln ?? '(no name)')
  );
}

/** Plans one row against a chosen person (or none) and sets its status and default decision. */
export async function applyPlan(
  db: Db,
  profile: ImportProfile,
  row: PreviewRowState,
  participantId: number | null,
  lookups: Lookups,
  cache?: ParticipantCache,
): Promise<void> {
  const plan = await planRow(db, profile, row.values, participantId, lookups, cache);
  row.matchId = participantId;
  row.status = plan.status;
  row.changes = plan.changes;
  row.target = plan.target;
  row.warnings = row.warnings.filter((w) => w.column !== 'match');
  if (plan.warning) row.warnings.push({ field: '', column: 'match', message: plan.warning });
  row.problems = row.problems.filter((p) => p.column !== 'match');
  if (plan.problem) row.problems.push({ field: '', column: 'match', message: plan.problem });
  row.decision = plan.status === 'new' || plan.status === 'changed' ? 'accept' : 'reject';
  const chosen = row.candidates.find((c) => c.id === participantId);
  row.matchLabel = chosen ? `${chosen.reference} ${chosen.name}` : null;
}

export async function buildPreview(
  db: Db,
  source: ImportSource,
  sheet: string,
  profile: ImportProfile,
  job?: JobControl,
): Promise<Omit<PreviewState, 'id'>> {
  const table = tableOf(source.readSheet(sheet), profile.headerRow);
  const lookups = await loadLookups(db);
  const { rows: typed, missingColumns } = typeRows(table, profile, source.date1904, storeCodes(lookups));
  const ambiguousDates: string[] = [];
  for (const f of importFields[profile.kind].filter((x) => x.type === 'date')) {
    const header = profile.columns[f.key];
    const idx = header ? headerIndex(table.headers, header) : -1;
    if (idx >= 0 && judgeDateColumn(table.rows.map((r) => r.cells[idx] ?? null)).ambiguous)
      ambiguousDates.push(table.headers[idx]!);
  }
  if (profile.kind === 'participants') await warnAboutPostcodes(db, typed, profile.columns.postcode ?? 'postcode');
  const notDuplicates = await loadNotDuplicatePairs(db);
  await job?.progress(0, typed.length, 'Finding people in our records');
  const find = await fileFinder(
    db,
    typed.filter((t) => !t.problems.length).map((t) => t.values),
  );
  // First every row's person, then every matched person's record in a few queries, then the plan.
  const seen = new Map<string, number>();
  const identical = new Map<string, number>();
  const rows: PreviewRowState[] = [];
  for (let i = 0; i < typed.length; i++) {
    if (i % 1000 === 0) {
      job?.throwIfCancelled();
      await job?.progress(
        i,
        typed.length * 2,
        `Matching row ${i.toLocaleString('en-GB')} of ${typed.length.toLocaleString('en-GB')}`,
      );
    }
    rows.push(await matchRow(profile, typed[i]!, i + 1, { seen, identical }, notDuplicates, find));
  }
  const toPlan = rows.filter((r) => r.status === 'error' && !r.problems.length);
  const cache = await prefetchParticipants(
    db,
    profile.kind === 'participants' ? toPlan.flatMap((r) => (r.matchId !== null ? [r.matchId] : [])) : [],
  );
  for (let i = 0; i < toPlan.length; i++) {
    if (i % 1000 === 0) {
      job?.throwIfCancelled();
      await job?.progress(
        typed.length + Math.round((i / toPlan.length) * typed.length),
        typed.length * 2,
        'Comparing rows with our records',
      );
    }
    await applyPlan(db, profile, toPlan[i]!, toPlan[i]!.matchId, lookups, cache);
  }
  await job?.progress(typed.length * 2, typed.length * 2, 'Preview ready');
  return {
    source,
    sheet: table.sheet,
    profile,
    rows,
    missingColumns,
    ambiguousDates,
    committedBatchId: null,
    committing: false,
  };
}

/** A postcode the postcode directory does not have, or no longer uses, is a warning on its row. */
async function warnAboutPostcodes(db: Db, typed: TypedRow[], column: string): Promise<void> {
  const code = (t: TypedRow) => (t.values.postcode ? normalisePostcode(String(t.values.postcode)) : null);
  const warnings = await postcodeWarnings(
    db,
    typed.flatMap((t) => {
      const pc = code(t);
      return pc ? [pc] : [];
    }),
  );
  if (!warnings.size) return;
  for (const t of typed) {
    const pc = code(t);
    const message = pc ? warnings.get(pc) : undefined;
    if (message) t.warnings.push({ field: 'postcode', column, message });
  }
}

/**
 * Text that is the same for two rows exactly when their values are: every field and its value in
 * field order, a number marked apart from text that reads the same. Built by hand, not as
 * JSON.stringify of the sorted entries: that made an array per field and per row, and was a sixth
 * of the preview's time for a 50,000-row file. Each value is written with its length, so no
 * value can run into the next whatever characters it holds (field names are fixed keys).
 */
export function valuesSignature(values: Record<string, string | number>): string {
  let out = '';
  for (const key of Object.keys(values).sort()) {
    const v = values[key]!;
    const text = String(v);
    out += `${key}\u0001${typeof v === 'number' ? 'n' : 's'}${text.length}\u0001${text}\u0002`;
  }
  return out;
}

/** Who the row is (or that it needs review); the plan against that person comes after. */
async function matchRow(
  profile: ImportProfile,
  t: TypedRow,
  id: number,
  earlier: { seen: Map<string, number>; identical: Map<string, number> },
  notDuplicates: Set<string>,
  find: CandidateFinder,
): Promise<PreviewRowState> {
  const { seen, identical } = earlier;
  const row: PreviewRowState = {
    id,
    rowNumber: t.rowNumber,
    status: 'error',
    decision: 'reject',
    values: t.values,
    problems: t.problems,
    warnings: t.warnings,
    changes: [],
    candidates: [],
    matchId: null,
    matchLabel: null,
    duplicateOfRow: null,
    reviewReason: null,
    target: {},
  };
  if (t.problems.length) return row;
  // A row pasted twice (every value the same as an earlier row's) is reported and imported once.
  const signature = valuesSignature(t.values);
  const sameAs = identical.get(signature);
  if (sameAs !== undefined) {
    row.status = 'repeat';
    row.duplicateOfRow = sameAs;
    row.reviewReason = `Repeat of row ${sameAs} (every value the same): imported once`;
    return row;
  }
  identical.set(signature, t.rowNumber);
  // Within the file: a participants file lists each person once; other kinds may repeat a person.
  const key = profile.kind === 'participants' ? inFileKey(t.values) : null;
  const firstRow = key ? seen.get(key) : undefined;
  if (key && firstRow === undefined) seen.set(key, t.rowNumber);
  const verdict = await matchPerson(find, t.values, notDuplicates);
  row.candidates = verdict.candidates;
  if (firstRow !== undefined) {
    row.status = 'review';
    row.duplicateOfRow = firstRow;
    row.reviewReason = `Same person as row ${firstRow} of this file`;
  } else if (verdict.review) {
    row.status = 'review';
    row.reviewReason = verdict.review;
  } else row.matchId = verdict.matchId; // planned next: status stays 'error' without problems until then
  return row;
}
