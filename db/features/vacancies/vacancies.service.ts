// Rules for vacancies: saving one (its employer and contract must exist; each change audited in
// the caller's transaction) and one vacancy with its candidate pipeline.
import { AppFailure } from '../../../shared/result';
import type { VacancyDetail, VacancyInput } from '../../../shared/contract/vacancies-schemas';
import { startOutcomeForVacancy } from '../../../shared/domain/candidate-stages';
import type { Db, Tx } from '../../store/schema';
import { appendAudit, changedFields } from '../audit/audit.repository';
import type { Actor } from '../participants/participants.service';
import { checkLinks } from '../outcomes/references.service';
import { insertVacancy, pipelineOf, updateVacancy, vacancyGridRow, vacancyRecord } from './vacancies.repository';

export async function vacancyDetail(db: Db, id: number, today: string): Promise<VacancyDetail> {
  const [row, record] = [await vacancyGridRow(db, id, today), await vacancyRecord(db, id)];
  if (!row || !record) throw new AppFailure('not-found', 'That vacancy does not exist.');
  return {
    ...row,
    employerOrgId: record.employer_org_id,
    contractId: record.contract_id,
    apprenticeshipStandard: record.apprenticeship_standard,
    apprenticeshipLevel: record.apprenticeship_level,
    requiresSiteReady: record.requires_site_ready === 1,
    cardTypeRequired: record.card_type_required,
    description: record.description,
    startOutcome: startOutcomeForVacancy(record.kind),
    pipeline: await pipelineOf(db, id),
    createdAt: record.created_at,
  };
}

export async function saveVacancy(tx: Tx, actor: Actor, input: VacancyInput): Promise<{ id: number }> {
  const { now, staffId } = actor;
  await checkLinks(tx, { employerOrgId: input.employerOrgId, contractId: input.contractId });
  const isApprenticeship = input.kind === 'apprenticeship';
  const values = {
    employer_org_id: input.employerOrgId,
    job_title: input.jobTitle,
    site: input.site,
    sector: input.sector,
    kind: input.kind,
    apprenticeship_standard: isApprenticeship ? input.apprenticeshipStandard : null,
    apprenticeship_level: isApprenticeship ? input.apprenticeshipLevel : null,
    places: input.places,
    hours_per_week: input.hoursPerWeek,
    wage_pence: input.wagePence,
    wage_per: input.wagePence === null ? null : input.wagePer,
    closing_date: input.closingDate,
    starts_on: input.startsOn,
    contract_id: input.contractId,
    requires_site_ready: input.requiresSiteReady ? 1 : 0,
    card_type_required: input.cardTypeRequired,
    status: input.status,
    description: input.description,
  };
  if (input.id) {
    const before = await vacancyRecord(tx, input.id);
    if (!before) throw new AppFailure('not-found', 'That vacancy does not exist.');
    await updateVacancy(tx, input.id, { ...values, updated_at: now });
    await appendAudit(tx, now, staffId, {
      action: 'update',
      entity: 'vacancy',
      entityId: input.id,
      summary: `Vacancy ${input.jobTitle} changed`,
      ...changedFields(before, values),
    });
    return { id: input.id };
  }
  const id = await insertVacancy(tx, { ...values, created_at: now, created_by: staffId, updated_at: now });
  await appendAudit(tx, now, staffId, {
    action: 'create',
    entity: 'vacancy',
    entityId: id,
    summary: `Vacancy ${input.jobTitle} added`,
    after: values,
  });
  return { id };
}
