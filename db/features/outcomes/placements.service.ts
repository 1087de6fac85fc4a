// Rules for placements: saving one (a placement stays with its person; a job or apprenticeship
// that has started keeps its start outcome in step) and converting a work placement into a
// job (once, not before it started; the placement is completed and the job start recorded).
import { AppFailure } from '../../../shared/result';
import { labelFor, placementKinds, workPlacementKinds } from '../../../shared/domain/outcome-lists';
import { endOnConversion, placementDetails } from '../../../shared/domain/placement-rules';
import type { ConvertToJobInput, PlacementDetail, PlacementInput } from '../../../shared/contract/outcomes-schemas';
import type { Db, Tx } from '../../store/schema';
import type { Role } from '../../../shared/contract/define';
import { appendAudit, changedFields } from '../audit/audit.repository';
import type { Actor } from '../participants/participants.service';
import { staleRecordFailure } from '../staff/stale-record';
import { syncPlacementOutcome } from './placement-outcome.service';
import { checkLinks } from './references.service';
import { conversionOf, getPlacement, insertPlacement, placementRecord, updatePlacement } from './placements.repository';

export async function placementDetail(db: Db, id: number, reader: Role): Promise<PlacementDetail> {
  const placement = await getPlacement(db, id, reader);
  if (!placement) throw new AppFailure('not-found', 'That placement does not exist.');
  return placement;
}

async function mustExist(db: Db, id: number) {
  const row = await placementRecord(db, id);
  if (!row) throw new AppFailure('not-found', 'That placement does not exist.');
  return row;
}

export async function savePlacement(
  tx: Tx,
  actor: Actor,
  input: PlacementInput,
): Promise<{ id: number; outcomeId: number | null; outcomeCreated: boolean }> {
  const { now, staffId } = actor;
  const details = placementDetails(input);
  const values = {
    participant_id: input.participantId,
    kind: input.kind,
    employer_org_id: input.employerOrgId,
    contract_id: input.contractId,
    course_run_id: input.courseRunId,
    site: input.site,
    starts_on: input.startsOn,
    ends_on: input.endsOn,
    hours_per_week: input.hoursPerWeek,
    hourly_wage_pence: input.hourlyWagePence,
    supervisor: input.supervisor,
    status: input.status,
    ended_reason: details.endedReason,
    apprenticeship_standard: details.apprenticeshipStandard,
    apprenticeship_level: details.apprenticeshipLevel,
    notes: input.notes,
  };
  await checkLinks(tx, {
    participantId: input.participantId,
    employerOrgId: input.employerOrgId,
    contractId: input.contractId,
    courseRunId: input.courseRunId,
  });
  let id: number;
  if (input.id) {
    const before = await mustExist(tx, input.id);
    if (before.participant_id !== input.participantId)
      throw new AppFailure('validation', 'Some details need correcting.', [
        { path: ['participantId'], message: 'A placement cannot move to another person; end it and record a new one' },
      ]);
    const written = await updatePlacement(
      tx,
      input.id,
      { ...values, updated_at: now, updated_by: staffId },
      input.version,
    );
    if (!written) throw await staleRecordFailure(tx, await mustExist(tx, input.id));
    await appendAudit(tx, now, staffId, {
      action: 'update',
      entity: 'placement',
      entityId: input.id,
      participantId: input.participantId,
      summary: `Placement #${input.id} changed`,
      ...changedFields(before, values),
    });
    id = input.id;
  } else {
    id = await insertPlacement(tx, {
      ...values,
      converted_from_id: null,
      created_at: now,
      created_by: staffId,
      updated_at: now,
      updated_by: staffId,
    });
    await appendAudit(tx, now, staffId, {
      action: 'create',
      entity: 'placement',
      entityId: id,
      participantId: input.participantId,
      summary: `${labelFor(placementKinds, input.kind)} placement recorded`,
      after: values,
    });
  }
  const outcome = await syncPlacementOutcome(tx, now, staffId, await mustExist(tx, id));
  return { id, outcomeId: outcome.outcomeId, outcomeCreated: outcome.created };
}

export async function convertToJob(
  tx: Tx,
  actor: Actor,
  input: ConvertToJobInput,
): Promise<{ placementId: number; outcomeId: number }> {
  const { now, staffId } = actor;
  const original = await mustExist(tx, input.placementId);
  if (!workPlacementKinds.includes(original.kind))
    throw new AppFailure(
      'conflict',
      'Only a work experience, work trial or work academy placement can be converted to a job.',
    );
  const already = await conversionOf(tx, original.id);
  if (already) throw new AppFailure('conflict', `This placement was already converted (see placement #${already.id}).`);
  if (input.startsOn < original.starts_on)
    throw new AppFailure('validation', 'Some details need correcting.', [
      { path: ['startsOn'], message: 'The job cannot start before the work placement did' },
    ]);
  const employerOrgId = input.employerOrgId ?? original.employer_org_id;
  const contractId = input.contractId ?? original.contract_id;
  await checkLinks(tx, { employerOrgId, contractId });
  const details = placementDetails({
    ...input,
    status: 'active',
    endedReason: null,
  });
  const values = {
    participant_id: original.participant_id,
    kind: input.kind,
    employer_org_id: employerOrgId,
    contract_id: contractId,
    course_run_id: original.course_run_id,
    site: input.site ?? original.site,
    starts_on: input.startsOn,
    ends_on: null,
    hours_per_week: input.hoursPerWeek,
    hourly_wage_pence: input.hourlyWagePence,
    supervisor: input.supervisor ?? original.supervisor,
    status: 'active' as const,
    ended_reason: null,
    converted_from_id: original.id,
    apprenticeship_standard: details.apprenticeshipStandard,
    apprenticeship_level: details.apprenticeshipLevel,
    notes: null,
  };
  const jobId = await insertPlacement(tx, {
    ...values,
    created_at: now,
    created_by: staffId,
    updated_at: now,
    updated_by: staffId,
  });
  await appendAudit(tx, now, staffId, {
    action: 'create',
    entity: 'placement',
    entityId: jobId,
    participantId: original.participant_id,
    summary: `Placement #${original.id} converted to a ${input.kind === 'paid_job' ? 'paid job' : 'apprenticeship'}`,
    after: values,
  });
  const ended = endOnConversion(
    { status: original.status, startsOn: original.starts_on, endsOn: original.ends_on },
    input.startsOn,
  );
  if (ended) {
    const change = { status: ended.status, ends_on: ended.endsOn };
    await updatePlacement(tx, original.id, { ...change, updated_at: now, updated_by: staffId });
    await appendAudit(tx, now, staffId, {
      action: 'update',
      entity: 'placement',
      entityId: original.id,
      participantId: original.participant_id,
      summary: `Placement #${original.id} completed: converted to a job`,
      ...changedFields(original, change),
    });
  }
  const outcome = await syncPlacementOutcome(tx, now, staffId, await mustExist(tx, jobId));
  // A job placement that is active always has its start outcome (see startOutcomeOf).
  return { placementId: jobId, outcomeId: outcome.outcomeId! };
}
