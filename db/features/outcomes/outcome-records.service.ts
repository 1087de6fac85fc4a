// Rules for outcomes recorded by officers: recording one (an active type, not sustainment, not in
// the future, never twice on the same date), changing its details, verification decisions, and
// the outcome types administrators add. Every change is audited in the caller's transaction.
import { AppFailure } from '../../../shared/result';
import { duplicateOutcomeMessage } from '../../../shared/domain/outcome-rules';
import { labelFor, verificationStatuses } from '../../../shared/domain/outcome-lists';
import type {
  OutcomeInput,
  OutcomeTypeInput,
  OutcomeUpdate,
  VerifyInput,
} from '../../../shared/contract/outcomes-schemas';
import type { Db, Tx } from '../../store/schema';
import { appendAudit, changedFields } from '../audit/audit.repository';
import type { Actor } from '../participants/participants.service';
import { recordOutcomeOnce } from './outcome-writer';
import { staleRecordFailure } from '../staff/stale-record';
import { outcomeOn, outcomeRecord, updateOutcome } from './outcome-records.repository';
import {
  evidenceNeeded,
  evidenceOfKinds,
  insertOutcomeType,
  nextTypeSortOrder,
  outcomeTypeRecord,
  updateOutcomeType,
} from './outcome-types.repository';
import { checkLinks } from './references.service';
import { labelOfListed } from '../participants/reference-items.service';

/** Types the app counts by (starts and their sustainment): their category cannot change. */
const BUILT_IN_TYPES = ['job_start', 'apprenticeship_start', 'sustained_13_weeks', 'sustained_26_weeks'];

function invalid(field: string, message: string): AppFailure {
  return new AppFailure('validation', 'Some details need correcting.', [{ path: [field], message }]);
}

async function refuseDuplicate(
  db: Db,
  key: { participantId: number; outcomeType: string; outcomeDate: string },
  exceptId?: number,
): Promise<void> {
  const clash = await outcomeOn(db, key);
  if (clash && clash.id !== exceptId) {
    const label = (await outcomeTypeRecord(db, key.outcomeType))?.label ?? key.outcomeType;
    const message = duplicateOutcomeMessage(label, key.outcomeDate);
    throw new AppFailure('conflict', message, [{ path: ['outcomeDate'], message }]);
  }
}

async function mustExist(db: Db, id: number) {
  const row = await outcomeRecord(db, id);
  if (!row) throw new AppFailure('not-found', 'That outcome does not exist.');
  return row;
}

export async function recordOutcome(tx: Tx, actor: Actor, input: OutcomeInput): Promise<{ id: number }> {
  const type = await outcomeTypeRecord(tx, input.outcomeType);
  if (!type || type.is_active !== 1) throw invalid('outcomeType', 'Choose the type of outcome from the list');
  if (type.category === 'sustainment')
    throw invalid('outcomeType', 'Record sustainment from the sustainment worklist, so it is linked to the job start');
  if (input.outcomeDate > actor.today) throw invalid('outcomeDate', 'An outcome cannot be dated in the future');
  await checkLinks(tx, input);
  await refuseDuplicate(tx, input);
  const result = await recordOutcomeOnce(tx, actor.now, actor.staffId, { ...input, source: 'manual' });
  return { id: result.id };
}

export async function changeOutcome(tx: Tx, actor: Actor, input: OutcomeUpdate): Promise<void> {
  const before = await mustExist(tx, input.id);
  await checkLinks(tx, input);
  await refuseDuplicate(
    tx,
    { participantId: before.participant_id, outcomeType: before.outcome_type, outcomeDate: input.outcomeDate },
    before.id,
  );
  const values = {
    outcome_date: input.outcomeDate,
    employer_org_id: input.employerOrgId,
    course_run_id: input.courseRunId,
    contract_id: input.contractId,
    placement_id: input.placementId,
    sector: input.sector,
    hours_per_week: input.hoursPerWeek,
    apprenticeship_standard: input.apprenticeshipStandard,
    apprenticeship_level: input.apprenticeshipLevel,
    qualification_title: input.qualificationTitle,
    notes: input.notes,
    ended_on: input.endedOn,
  };
  // A save over a colleague's newer change is refused even when this one changes nothing.
  if (before.version !== input.version) throw await staleRecordFailure(tx, before);
  const diff = changedFields(before, values);
  if (!Object.keys(diff.after).length) return;
  const written = await updateOutcome(
    tx,
    input.id,
    { ...values, updated_at: actor.now, updated_by: actor.staffId },
    input.version,
  );
  if (!written) throw await staleRecordFailure(tx, await mustExist(tx, input.id));
  await appendAudit(tx, actor.now, actor.staffId, {
    action: 'update',
    entity: 'outcome',
    entityId: input.id,
    participantId: before.participant_id,
    summary: `Outcome ${before.outcome_type} changed`,
    ...diff,
  });
}

export async function verifyOutcome(tx: Tx, actor: Actor, input: VerifyInput): Promise<void> {
  const before = await mustExist(tx, input.id);
  // Verifying an outcome whose type needs evidence none of which is recorded takes a reason, and
  // is flagged so returns show it as verified without evidence (issue 20).
  let withoutEvidence = 0;
  if (input.status === 'verified') {
    const needed = await evidenceNeeded(tx, before.outcome_type);
    if (needed.length && (await evidenceOfKinds(tx, input.id, needed)) === 0) {
      const kinds = (await Promise.all(needed.map((k) => labelOfListed(tx, 'evidence_kind', k)))).join(', ');
      if (!input.reason)
        throw invalid(
          'reason',
          `This outcome has none of the evidence its type needs (${kinds}): add it, or say why it is verified without it`,
        );
      withoutEvidence = 1;
    }
  }
  const values = {
    verification_status: input.status,
    verified_by: actor.staffId,
    verified_at: actor.now,
    verification_reason: input.reason,
    verified_without_evidence: withoutEvidence,
  };
  await updateOutcome(tx, input.id, { ...values, updated_at: actor.now, updated_by: actor.staffId });
  const from = labelFor(verificationStatuses, before.verification_status);
  const to = labelFor(verificationStatuses, input.status);
  await appendAudit(tx, actor.now, actor.staffId, {
    action: 'verify',
    entity: 'outcome',
    entityId: input.id,
    participantId: before.participant_id,
    summary: `Verification ${from} → ${to}${withoutEvidence ? ' without evidence' : ''}${input.reason ? `: ${input.reason}` : ''}`,
    before: {
      verification_status: before.verification_status,
      verified_by: before.verified_by,
      verified_at: before.verified_at,
      verification_reason: before.verification_reason,
      verified_without_evidence: before.verified_without_evidence,
    },
    after: values,
  });
}

export async function saveOutcomeType(tx: Tx, actor: Actor, input: OutcomeTypeInput): Promise<void> {
  const before = await outcomeTypeRecord(tx, input.code);
  const values = { label: input.label, category: input.category, is_active: input.isActive ? 1 : 0 };
  if (before) {
    if (before.category !== input.category && BUILT_IN_TYPES.includes(before.code))
      throw invalid('category', 'The category of a built-in type the app counts by cannot change');
    await updateOutcomeType(tx, input.code, values);
    await appendAudit(tx, actor.now, actor.staffId, {
      action: 'update',
      entity: 'outcome_type',
      entityId: input.code,
      summary: `Outcome type ${input.label} changed`,
      ...changedFields(before, values),
    });
    return;
  }
  const row = { code: input.code, ...values, sort_order: await nextTypeSortOrder(tx) };
  await insertOutcomeType(tx, row);
  await appendAudit(tx, actor.now, actor.staffId, {
    action: 'create',
    entity: 'outcome_type',
    entityId: input.code,
    summary: `Outcome type ${input.label} added`,
    after: row,
  });
}
