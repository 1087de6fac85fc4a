// The participant record's use cases: register, open, save (optimistic locking), notes and
// eligibility checks. Each write runs inside the caller's transaction and appends its audit entry.
import { AppFailure } from '../../../shared/result';
import { datedProblems, type ParticipantRecord } from '../../../shared/domain/participant-record';
import type { ParticipantDetail } from '../../../shared/contract/participants.contract';
import type { Role } from '../../../shared/contract/define';
import type { Db, Tx } from '../../store/schema';
import { explainMatch, type PersonKeys } from '../../../shared/domain/person-match';
import { defaultBarriers, defaultBenefits } from '../../../shared/domain/reference-lists';
import { evidenceAcceptance, type EligibilityCheckCode } from '../../../shared/domain/eligibility-evidence';
import { labourMarketProblem } from '../../../shared/domain/labour-market';
import { closeMatchKeys, rankCloseMatches, searchWords } from '../../../shared/domain/close-match';
import { appendAudit } from '../audit/audit.repository';
import { findMatchCandidates } from './match-candidates';
import { toColumns, toRecord } from './participant-mapping';
import {
  checksOf,
  closeMatchQuery,
  countExisting,
  findParticipant,
  fundingStreamName,
  insertNotDuplicatePair,
  insertNote,
  labourMarketFacts,
  latestUndoableMerge,
  staffExists,
  updateParticipantRow,
  insertParticipant,
  listActiveFundingStreams,
  listBarrierItems,
  listBenefitItems,
  listKeyWorkers,
  nextReference,
  setBarriers,
  setBenefits,
  setsOf,
  staffName,
} from './participants.repository';
import { eligibilityOf, loadEligibilitySettings, refreshEligibility, refreshParticipant } from './eligibility.service';
import { participantGeography } from '../geography/resolution';
import { insertEligibilityCheck } from './eligibility.repository';
import { canSeeSpecial, hasSpecialCategoryData, redactRecord } from './special-category';
import { loadSpecialItems } from '../trust/special-items.repository';
import { staleRecordFailure } from '../staff/stale-record';
import { isListed, referenceChoices } from './reference-items.service';

export interface Actor {
  staffId: number | null;
  role: Role;
  now: string;
  today: string;
}

type Rec = ParticipantDetail['record'];

/** Field-by-field difference of two records (for the audit log's before/after). */
export function diffRecords(
  before: Partial<Rec>,
  after: Partial<Rec>,
): { before: Record<string, unknown>; after: Record<string, unknown> } {
  const b: Record<string, unknown> = {};
  const a: Record<string, unknown> = {};
  for (const key of Object.keys(after) as Array<keyof Rec>) {
    if (JSON.stringify(before[key] ?? null) !== JSON.stringify(after[key] ?? null)) {
      b[key] = before[key] ?? null;
      a[key] = after[key] ?? null;
    }
  }
  return { before: b, after: a };
}

/** Every problem the schema cannot see (today's date, the lists' current entries) at once, so
 * a caller that skipped the form's checks still hears about all of them in one answer. */
async function checkRecord(db: Db, record: ParticipantRecord, today: string): Promise<void> {
  const fields: Array<{ path: string[]; message: string }> = datedProblems(record, today).map((p) => ({
    ...p,
    path: ['record', ...p.path],
  }));
  if (record.keyWorkerId && !(await staffExists(db, record.keyWorkerId))) {
    fields.push({ path: ['record', 'keyWorkerId'], message: 'Choose a key worker from the list' });
  }
  if (record.fundingStreamId && (await fundingStreamName(db, record.fundingStreamId)) === null) {
    fields.push({ path: ['record', 'fundingStreamId'], message: 'Choose a funding stream from the list' });
  }
  if (record.referralSource && !(await isListed(db, 'referral_source', record.referralSource))) {
    fields.push({ path: ['record', 'referralSource'], message: 'Choose a referral source from the list' });
  }
  if (fields.length) throw new AppFailure('validation', 'Some details need correcting.', fields);
}

export async function createParticipant(
  tx: Tx,
  actor: Actor,
  input: { record: ParticipantRecord; notDuplicateOf: number[]; duplicatesReviewed: boolean },
): Promise<{ id: number; reference: string }> {
  await checkRecord(tx, input.record, actor.today);
  if (!input.duplicatesReviewed) {
    const candidates = await findMatchCandidates(tx, input.record, { minLevel: 'probable' });
    const open = candidates.filter((c) => !input.notDuplicateOf.includes(c.id));
    if (open.length) {
      throw new AppFailure(
        'conflict',
        `This person may already be registered (${open.map((c) => c.reference).join(', ')}). Check the possible duplicates before saving.`,
      );
    }
  }
  const reference = await nextReference(tx);
  const id = await insertParticipant(tx, {
    ...toColumns(input.record),
    reference,
    status: 'active',
    merged_into_id: null,
    first_name: input.record.firstName,
    last_name: input.record.lastName,
    created_at: actor.now,
    created_by: actor.staffId,
    updated_at: actor.now,
    updated_by: actor.staffId,
  });
  await setBarriers(tx, id, input.record.barriers);
  await setBenefits(tx, id, input.record.benefits);
  for (const other of new Set(input.notDuplicateOf)) await rememberNotDuplicate(tx, actor, id, other);
  await refreshParticipant(tx, id, actor.today);
  const after = toRecord((await findParticipant(tx, id))!, input.record);
  await appendAudit(tx, actor.now, actor.staffId, {
    action: 'create',
    entity: 'participant',
    entityId: id,
    participantId: id,
    summary: `Registered ${reference}`,
    after,
  });
  return { id, reference };
}

export async function updateParticipant(
  tx: Tx,
  actor: Actor,
  input: { id: number; version: number; record: ParticipantRecord },
): Promise<{ version: number }> {
  const row = await findParticipant(tx, input.id);
  if (!row) throw new AppFailure('not-found', 'That participant does not exist.');
  if (row.status === 'merged')
    throw new AppFailure('conflict', 'This record was merged into another; edit the record it was merged into.');
  await checkRecord(tx, input.record, actor.today);
  const before = toRecord(row, await setsOf(tx, input.id));
  const written = await updateParticipantRow(
    tx,
    input.id,
    { ...toColumns(input.record), version: input.version + 1, updated_at: actor.now, updated_by: actor.staffId },
    input.version,
  );
  // Refused when someone saved after the form was opened: on a team database their UPDATE holds
  // the row until it commits, then this one finds the version moved on and writes nothing.
  if (!written) throw await staleRecordFailure(tx, (await findParticipant(tx, input.id)) ?? row);
  await setBarriers(tx, input.id, input.record.barriers);
  await setBenefits(tx, input.id, input.record.benefits);
  await refreshParticipant(tx, input.id, actor.today);
  const after = toRecord((await findParticipant(tx, input.id))!, input.record);
  const diff = diffRecords(before, after);
  if (Object.keys(diff.after).length) {
    await appendAudit(tx, actor.now, actor.staffId, {
      action: 'update',
      entity: 'participant',
      entityId: input.id,
      participantId: input.id,
      summary: `Changed ${Object.keys(diff.after).length} field(s)`,
      ...diff,
    });
  }
  return { version: input.version + 1 };
}

/** The record as the caller may see it; opening special-category data is itself audited. */
export async function getDetail(
  tx: Tx,
  actor: Actor,
  id: number,
  options: { auditView: boolean } = { auditView: true },
): Promise<ParticipantDetail> {
  const row = await findParticipant(tx, id, actor.role);
  if (!row) throw new AppFailure('not-found', 'That participant does not exist.');
  const record = toRecord(row, await setsOf(tx, id));
  const settings = await loadEligibilitySettings(tx);
  const eligibility = await eligibilityOf(tx, id, actor.today, settings);
  const see = canSeeSpecial(actor.role);
  const special = await loadSpecialItems(tx);
  if (see && options.auditView && hasSpecialCategoryData(record, special)) {
    await appendAudit(tx, actor.now, actor.staffId, {
      action: 'view',
      entity: 'participant',
      entityId: id,
      participantId: id,
      summary: `Opened ${row.reference} including special-category data`,
    });
  }
  const streamName = row.funding_stream_id ? await fundingStreamName(tx, row.funding_stream_id) : null;
  return {
    id,
    reference: row.reference,
    status: row.status,
    mergedIntoId: row.merged_into_id,
    version: row.version,
    record: see ? record : redactRecord(record, special),
    keyWorkerName: await staffName(tx, row.key_worker_id),
    fundingStreamName: streamName,
    eligibility,
    geography: await participantGeography(tx, row, settings.geo),
    labourMarketProblem: labourMarketProblem({
      status: row.labour_market_status,
      timeOutOfWork: row.time_out_of_work,
      dateOfBirth: row.date_of_birth,
      entryDate: row.start_date ?? row.referral_date ?? actor.today,
    }),
    checks: await checksOf(tx, id, actor.role),
    specialCategoryHidden: !see,
    undoableMerge: await latestUndoableMerge(tx, id),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export async function addNote(tx: Tx, actor: Actor, id: number, body: string): Promise<{ id: number }> {
  const p = await findParticipant(tx, id);
  if (!p) throw new AppFailure('not-found', 'That participant does not exist.');
  const note = await insertNote(tx, { participant_id: id, body, created_at: actor.now, created_by: actor.staffId });
  await appendAudit(tx, actor.now, actor.staffId, {
    action: 'create',
    entity: 'participant_note',
    entityId: note.id,
    participantId: id,
    summary: 'Added a note',
    after: { body },
  });
  return note;
}

export async function recordCheck(
  tx: Tx,
  actor: Actor,
  input: {
    id: number;
    checkCode: string;
    outcome: 'met' | 'not_met' | 'pending';
    evidenceType: string | null;
    seenOn: string | null;
    notes: string | null;
  },
) {
  const p = await findParticipant(tx, input.id);
  if (!p) throw new AppFailure('not-found', 'That participant does not exist.');
  if (input.seenOn && input.seenOn > actor.today)
    throw new AppFailure('validation', 'Some details need correcting.', [
      { path: ['seenOn'], message: 'Date evidence seen cannot be in the future' },
    ]);
  if (input.outcome === 'met') {
    const accepted = evidenceAcceptance(input.checkCode as EligibilityCheckCode, input.evidenceType, input.seenOn, {
      noFixedAbode: p.no_fixed_abode === 1,
    });
    if (!accepted.accepted)
      throw new AppFailure('validation', 'Some details need correcting.', [
        { path: ['evidenceType'], message: accepted.reason },
      ]);
  }
  const values = {
    participant_id: input.id,
    check_code: input.checkCode,
    outcome: input.outcome,
    evidence_type: input.evidenceType,
    seen_by: input.outcome === 'pending' ? null : actor.staffId,
    seen_on: input.seenOn,
    notes: input.notes,
    recorded_at: actor.now,
  };
  const check = await insertEligibilityCheck(tx, values);
  const before = p.eligibility_status;
  const result = await refreshEligibility(tx, input.id, actor.today);
  await appendAudit(tx, actor.now, actor.staffId, {
    action: 'create',
    entity: 'eligibility_check',
    entityId: check.id,
    participantId: input.id,
    summary: `Eligibility check ${input.checkCode}: ${input.outcome}${before !== result.status ? ` (status ${before} → ${result.status})` : ''}`,
    after: {
      checkCode: input.checkCode,
      outcome: input.outcome,
      evidenceType: input.evidenceType,
      seenOn: input.seenOn,
      seenBy: values.seen_by,
      eligibilityStatus: result.status,
    },
  });
  return { eligibilityStatus: result.status };
}

export async function rememberNotDuplicate(tx: Tx, actor: Actor, x: number, y: number): Promise<void> {
  if (x === y) throw new AppFailure('validation', 'A record cannot be a duplicate of itself.');
  const [a, b] = x < y ? [x, y] : [y, x];
  if ((await countExisting(tx, [a, b])) !== 2) throw new AppFailure('not-found', 'That participant does not exist.');
  const isNew = await insertNotDuplicatePair(tx, {
    participant_a: a,
    participant_b: b,
    decided_by: actor.staffId,
    decided_at: actor.now,
  });
  if (isNew) {
    for (const id of [a, b]) {
      await appendAudit(tx, actor.now, actor.staffId, {
        action: 'create',
        entity: 'not_duplicate_pair',
        entityId: `${a}-${b}`,
        participantId: id,
        summary: `Marked as not the same person as record ${id === a ? b : a}`,
      });
    }
  }
}

/** The lists the participant form offers; special-category barriers only to those who may see them. */
export async function participantOptions(db: Db, actor: Actor) {
  const items = await listBarrierItems(db);
  const special = await loadSpecialItems(db);
  const barriers = (items.length ? items : defaultBarriers).map((b) => ({
    code: b.code,
    label: b.label,
    specialCategory: special.has('barrier', b.code),
  }));
  const benefitItems = await listBenefitItems(db);
  const benefits = (benefitItems.length ? benefitItems : defaultBenefits).map((b) => ({
    code: b.code,
    label: b.label,
    specialCategory: special.has('benefit', b.code),
  }));
  const see = canSeeSpecial(actor.role);
  const settings = await loadEligibilitySettings(db);
  return {
    staff: await listKeyWorkers(db),
    fundingStreams: await listActiveFundingStreams(db),
    barriers: see ? barriers : barriers.filter((b) => !b.specialCategory),
    benefits: see ? benefits : benefits.filter((b) => !b.specialCategory),
    referralSources: (await referenceChoices(db)).referralSources,
    districts: settings.districts,
    localLabel: settings.geo.localLabel,
    today: actor.today,
  };
}

/** Records whose labour-market status disagrees with their time out of work: listed for an officer
 * to check, never changed by the app (the records migrated from before the check included). */
export async function recordsToReview(db: Db, today: string, limit = 1000) {
  const found = (await labourMarketFacts(db)).flatMap((p) => {
    const problem = labourMarketProblem({
      status: p.labour_market_status,
      timeOutOfWork: p.time_out_of_work,
      dateOfBirth: p.date_of_birth,
      entryDate: p.start_date ?? p.referral_date ?? today,
    });
    return problem
      ? [
          {
            id: p.id,
            reference: p.reference,
            name: `${p.first_name} ${p.last_name}`,
            labourMarketStatus: p.labour_market_status!,
            timeOutOfWork: p.time_out_of_work!,
            message: problem.message,
            suggested: problem.suggested,
          },
        ]
      : [];
  });
  return { labourMarket: found.slice(0, limit), total: found.length };
}

/** People who may be the one being registered, with why. */
export async function possibleDuplicates(db: Db, keys: PersonKeys, excludeId?: number) {
  const candidates = await findMatchCandidates(db, keys, {
    ...(excludeId ? { excludeId } : {}),
    minLevel: 'possible',
    limit: 10,
  });
  return candidates.map((c) => ({
    id: c.id,
    reference: c.reference,
    firstName: c.firstName,
    lastName: c.lastName,
    dateOfBirth: c.dateOfBirth,
    niNumber: c.niNumber,
    postcode: c.postcode,
    phone: c.phone,
    level: c.match.level,
    score: c.match.score,
    explanation: explainMatch(c.match),
  }));
}

/** Candidates read for close matches: the sound and prefix lookups of a few words rarely reach
 * this; it bounds the ranking work for a very common sound. */
const CLOSE_MATCH_CANDIDATES = 3_000;

/** People whose names are one slip from a search or sound the same, for "did you mean…". */
export async function closeMatches(db: Db, search: string, excludeIds: number[]) {
  const words = searchWords(search);
  const keys = closeMatchKeys(words);
  if (!keys.sounds.length && !keys.prefixes.length) return [];
  const exclude = new Set(excludeIds);
  const candidates = (await closeMatchQuery(db, keys, CLOSE_MATCH_CANDIDATES).execute()).filter(
    (c) => !exclude.has(c.id),
  );
  return rankCloseMatches(words, candidates).map(({ person, why }) => ({
    id: person.id,
    reference: person.reference,
    firstName: person.firstName,
    lastName: person.lastName,
    dateOfBirth: person.dateOfBirth,
    postcode: person.postcode,
    why,
  }));
}
