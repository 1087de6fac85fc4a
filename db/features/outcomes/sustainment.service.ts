// Rules for a 13- or 26-week sustainment check: it follows a job or apprenticeship start that
// was not rejected, once per start and length, dated between the start and today; a sustained
// check records the sustained outcome (through recordOutcomeOnce) and may carry evidence.
import { AppFailure } from '../../../shared/result';
import {
  SUSTAINABLE_OUTCOME_TYPES,
  SUSTAINMENT_OUTCOME_TYPE,
  sustainedOnProblem,
  sustainmentSchedule,
} from '../../../shared/domain/outcome-rules';
import { formatUkDate } from '../../../shared/domain/dates';
import type { SustainmentRecordInput } from '../../../shared/contract/outcomes-schemas';
import type { Tx } from '../../store/schema';
import { appendAudit } from '../audit/audit.repository';
import type { Actor } from '../participants/participants.service';
import { recordOutcomeOnce } from './outcome-writer';
import { outcomeRecord } from './outcome-records.repository';
import { insertSustainmentCheck, recordedCheck } from './sustainment.repository';
import { addEvidenceItem, storeEvidenceFile } from './evidence.service';
import { isListed } from '../participants/reference-items.service';

function invalid(field: string, message: string): AppFailure {
  return new AppFailure('validation', 'Some details need correcting.', [{ path: [field], message }]);
}

export async function recordSustainmentCheck(
  tx: Tx,
  actor: Actor,
  input: SustainmentRecordInput,
): Promise<{ checkId: number; outcomeId: number | null }> {
  const { now, staffId } = actor;
  const start = await outcomeRecord(tx, input.startOutcomeId);
  if (!start) throw new AppFailure('not-found', 'That job start does not exist.');
  if (!(SUSTAINABLE_OUTCOME_TYPES as readonly string[]).includes(start.outcome_type))
    throw new AppFailure('validation', 'Sustainment checks follow job and apprenticeship starts only.');
  if (start.verification_status === 'rejected')
    throw new AppFailure('conflict', 'This job start was rejected, so it has no sustainment checks.');
  const done = await recordedCheck(tx, start.id, input.weeks);
  if (done)
    throw new AppFailure(
      'conflict',
      `The ${input.weeks}-week check was already recorded on ${formatUkDate(done.checked_on)}.`,
    );
  if (input.checkedOn > actor.today) throw invalid('checkedOn', 'The date of the check cannot be in the future');
  if (input.checkedOn < start.outcome_date) throw invalid('checkedOn', 'The check cannot be before the start');
  let outcomeId: number | null = null;
  if (input.sustained) {
    // The contract requires the date sustained whenever the check says sustained.
    const sustainedOn = input.sustainedOn!;
    const problem = sustainedOnProblem(
      sustainmentSchedule(start.outcome_date, input.weeks),
      sustainedOn,
      input.checkedOn,
    );
    if (problem) throw invalid('sustainedOn', problem);
    const recorded = await recordOutcomeOnce(tx, now, staffId, {
      participantId: start.participant_id,
      outcomeType: SUSTAINMENT_OUTCOME_TYPE[input.weeks],
      outcomeDate: sustainedOn,
      source: 'sustainment',
      sourceRef: `start:${start.id}:${input.weeks}`,
      parentOutcomeId: start.id,
      placementId: start.placement_id,
      employerOrgId: start.employer_org_id,
      contractId: start.contract_id,
      sector: start.sector,
      hoursPerWeek: start.hours_per_week,
      notes: input.notes,
    });
    outcomeId = recorded.id;
  }
  const check = {
    start_outcome_id: start.id,
    participant_id: start.participant_id,
    weeks: input.weeks,
    sustained: input.sustained ? 1 : 0,
    sustained_on: input.sustained ? input.sustainedOn : null,
    checked_on: input.checkedOn,
    outcome_id: outcomeId,
    notes: input.notes,
    created_at: now,
    created_by: staffId,
  };
  const checkId = await insertSustainmentCheck(tx, check);
  await appendAudit(tx, now, staffId, {
    action: 'create',
    entity: 'sustainment_check',
    entityId: checkId,
    participantId: start.participant_id,
    summary: `${input.weeks}-week check recorded: ${input.sustained ? `sustained (${formatUkDate(input.sustainedOn)})` : 'not sustained'}`,
    after: check,
  });
  if (input.evidenceKind) {
    if (!(await isListed(tx, 'evidence_kind', input.evidenceKind)))
      throw new AppFailure('validation', 'Some details need correcting.', [
        { path: ['evidenceKind'], message: 'Choose the kind of evidence from the list' },
      ]);
    const file = input.evidenceFile ? await storeEvidenceFile(tx, now, input.evidenceFile, 'evidenceFile') : null;
    await addEvidenceItem(tx, now, staffId, {
      outcomeId: outcomeId ?? start.id,
      participantId: start.participant_id,
      kind: input.evidenceKind,
      receivedOn: input.checkedOn,
      seenBy: staffId,
      notes: null,
      file,
    });
  }
  return { checkId, outcomeId };
}
