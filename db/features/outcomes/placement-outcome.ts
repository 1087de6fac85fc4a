// The rule that a paid job or apprenticeship placement that has started is a job start or an
// apprenticeship start outcome, kept in step with the placement without double entry: created
// once through recordOutcomeOnce, then updated (audited) when the placement's details change.
import { AppFailure } from '../../../shared/result';
import { duplicateOutcomeMessage } from '../../../shared/domain/outcome-rules';
import type { Tx } from '../../store/schema';
import type { PlacementRow } from '../../store/tables/outcomes.tables';
import { appendAudit, changedFields } from '../audit/audit.repository';
import { recordOutcomeOnce } from './outcome-writer';

/** Placement statuses that mean the job has started (ended early still started). */
export const STARTED_STATUSES = new Set(['active', 'completed', 'ended_early']);

export function startOutcomeType(kind: string): 'job_start' | 'apprenticeship_start' | null {
  return kind === 'paid_job' ? 'job_start' : kind === 'apprenticeship' ? 'apprenticeship_start' : null;
}

export async function syncPlacementOutcome(
  tx: Tx,
  at: string,
  staffId: number | null,
  p: PlacementRow,
): Promise<{ outcomeId: number | null; created: boolean }> {
  const type = startOutcomeType(p.kind);
  if (!type || !STARTED_STATUSES.has(p.status)) return { outcomeId: null, created: false };
  const employer = p.employer_org_id
    ? await tx.selectFrom('organisations').select('sector').where('id', '=', p.employer_org_id).executeTakeFirst()
    : undefined;
  const details = {
    outcome_date: p.starts_on,
    employer_org_id: p.employer_org_id,
    contract_id: p.contract_id,
    sector: employer?.sector ?? null,
    hours_per_week: p.hours_per_week,
    apprenticeship_standard: type === 'apprenticeship_start' ? p.apprenticeship_standard : null,
    apprenticeship_level: type === 'apprenticeship_start' ? p.apprenticeship_level : null,
  };
  const linked = await tx
    .selectFrom('outcomes')
    .selectAll()
    .where('placement_id', '=', p.id)
    .where('outcome_type', '=', type)
    .executeTakeFirst();
  if (linked) {
    const diff = changedFields(linked, details);
    if (!Object.keys(diff.after).length) return { outcomeId: linked.id, created: false };
    if (details.outcome_date !== linked.outcome_date) {
      const clash = await tx
        .selectFrom('outcomes')
        .select('id')
        .where('participant_id', '=', p.participant_id)
        .where('outcome_type', '=', type)
        .where('outcome_date', '=', details.outcome_date)
        .executeTakeFirst();
      if (clash)
        throw new AppFailure(
          'conflict',
          duplicateOutcomeMessage(type === 'job_start' ? 'Job start' : 'Apprenticeship start', details.outcome_date),
          [
            {
              path: ['startsOn'],
              message: duplicateOutcomeMessage(
                type === 'job_start' ? 'Job start' : 'Apprenticeship start',
                details.outcome_date,
              ),
            },
          ],
        );
    }
    await tx
      .updateTable('outcomes')
      .set({ ...details, updated_at: at })
      .where('id', '=', linked.id)
      .execute();
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
    const existing = await tx
      .selectFrom('outcomes')
      .select(['id', 'placement_id'])
      .where('id', '=', result.id)
      .executeTakeFirstOrThrow();
    if (existing.placement_id === null) {
      await tx
        .updateTable('outcomes')
        .set({ placement_id: p.id, updated_at: at })
        .where('id', '=', result.id)
        .execute();
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
