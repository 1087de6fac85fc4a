// The one way to create an outcome, used by every area that causes one (a CSCS card recorded,
// site-ready reached, a placement that became a job, a sustainment check, an import): an
// outcome of the same type and date for the same person is never created twice. The insert
// stays here rather than in a repository so that nothing else can create an outcome.
import type { Tx } from '../../store/schema';
import type { OutcomeSource } from '../../store/tables/outcomes.tables';
import { appendAudit } from '../audit/audit.repository';
import { outcomeOn } from './outcome-records.repository';

export interface OutcomeToRecord {
  participantId: number;
  outcomeType: string;
  outcomeDate: string;
  source: OutcomeSource;
  sourceRef?: string | null;
  placementId?: number | null;
  employerOrgId?: number | null;
  courseRunId?: number | null;
  contractId?: number | null;
  parentOutcomeId?: number | null;
  sector?: string | null;
  hoursPerWeek?: number | null;
  apprenticeshipStandard?: string | null;
  apprenticeshipLevel?: number | null;
  qualificationTitle?: string | null;
  notes?: string | null;
}

/** Records an outcome unless the same type and date already exists; returns its id either way. */
export async function recordOutcomeOnce(
  tx: Tx,
  at: string,
  staffId: number | null,
  o: OutcomeToRecord,
): Promise<{ id: number; created: boolean }> {
  const existing = await outcomeOn(tx, o);
  if (existing) return { id: existing.id, created: false };
  const row = {
    participant_id: o.participantId,
    outcome_type: o.outcomeType,
    outcome_date: o.outcomeDate,
    placement_id: o.placementId ?? null,
    employer_org_id: o.employerOrgId ?? null,
    course_run_id: o.courseRunId ?? null,
    contract_id: o.contractId ?? null,
    parent_outcome_id: o.parentOutcomeId ?? null,
    sector: o.sector ?? null,
    hours_per_week: o.hoursPerWeek ?? null,
    apprenticeship_standard: o.apprenticeshipStandard ?? null,
    apprenticeship_level: o.apprenticeshipLevel ?? null,
    qualification_title: o.qualificationTitle ?? null,
    notes: o.notes ?? null,
    source: o.source,
    source_ref: o.sourceRef ?? null,
    verified_by: null,
    verified_at: null,
    verification_reason: null,
    created_at: at,
    created_by: staffId,
    updated_at: at,
  };
  const inserted = await tx.insertInto('outcomes').values(row).returning('id').executeTakeFirstOrThrow();
  await appendAudit(tx, at, staffId, {
    action: 'create',
    entity: 'outcome',
    entityId: inserted.id,
    participantId: o.participantId,
    summary: `Outcome ${o.outcomeType} on ${o.outcomeDate} recorded (${o.source})`,
    after: row,
  });
  return { id: inserted.id, created: true };
}
