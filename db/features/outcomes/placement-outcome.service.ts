// The rule that a paid job or apprenticeship placement that has started is a job start or an
// apprenticeship start outcome, kept in step with the placement without double entry: created
// once through recordOutcomeOnce, then updated (audited) when the placement's details change.
import { AppFailure } from '../../../shared/result';
import { duplicateOutcomeMessage } from '../../../shared/domain/outcome-rules';
import { startOutcomeLabel, startOutcomeOf } from '../../../shared/domain/placement-rules';
import type { Tx } from '../../store/schema';
import type { PlacementRow } from '../../store/tables/outcomes.tables';
import { appendAudit, changedFields } from '../audit/audit.repository';
import { recordOutcomeOnce } from './outcome-writer';
import { outcomeOn, outcomeRecord, placementOutcome, updateOutcome } from './outcome-records.repository';
import { organisationSector } from './organisations.repository';

export async function syncPlacementOutcome(
  tx: Tx,
  at: string,
  staffId: number | null,
  p: PlacementRow,
): Promise<{ outcomeId: number | null; created: boolean }> {
  const type = startOutcomeOf(p);
  if (!type) return { outcomeId: null, created: false };
  const details = {
    outcome_date: p.starts_on,
    employer_org_id: p.employer_org_id,
    contract_id: p.contract_id,
    sector: p.employer_org_id ? await organisationSector(tx, p.employer_org_id) : null,
    hours_per_week: p.hours_per_week,
    apprenticeship_standard: type === 'apprenticeship_start' ? p.apprenticeship_standard : null,
    apprenticeship_level: type === 'apprenticeship_start' ? p.apprenticeship_level : null,
  };
  const linked = await placementOutcome(tx, p.id, type);
  if (linked) {
    const diff = changedFields(linked, details);
    if (!Object.keys(diff.after).length) return { outcomeId: linked.id, created: false };
    if (details.outcome_date !== linked.outcome_date) {
      const clash = await outcomeOn(tx, {
        participantId: p.participant_id,
        outcomeType: type,
        outcomeDate: details.outcome_date,
      });
      if (clash) {
        const message = duplicateOutcomeMessage(startOutcomeLabel(type), details.outcome_date);
        throw new AppFailure('conflict', message, [{ path: ['startsOn'], message }]);
      }
    }
    await updateOutcome(tx, linked.id, { ...details, updated_at: at });
    await appendAudit(tx, at, staffId, {
      action: 'update',
      entity: 'outcome',
      entityId: linked.id,
      participantId: p.participant_id,
      summary: `Outcome ${type} kept in step with placement #${p.id}`,
      ...diff,
    });
    return { outcomeId: linked.id, created: false };
  }
  const result = await recordOutcomeOnce(tx, at, staffId, {
    participantId: p.participant_id,
    outcomeType: type,
    outcomeDate: p.starts_on,
    source: 'placement',
    sourceRef: `placement:${p.id}`,
    placementId: p.id,
    employerOrgId: p.employer_org_id,
    contractId: p.contract_id,
    courseRunId: p.course_run_id,
    sector: details.sector,
    hoursPerWeek: p.hours_per_week,
    apprenticeshipStandard: details.apprenticeship_standard,
    apprenticeshipLevel: details.apprenticeship_level,
  });
  if (!result.created) {
    // The same start was already recorded by hand (or by an import): link it rather than duplicate.
    const existing = await outcomeRecord(tx, result.id);
    if (existing && existing.placement_id === null) {
      await updateOutcome(tx, result.id, { placement_id: p.id, updated_at: at });
      await appendAudit(tx, at, staffId, {
        action: 'update',
        entity: 'outcome',
        entityId: result.id,
        participantId: p.participant_id,
        summary: `Outcome ${type} linked to placement #${p.id}`,
        before: { placement_id: null },
        after: { placement_id: p.id },
      });
    }
  }
  return { outcomeId: result.id, created: result.created };
}
