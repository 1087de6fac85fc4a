// One outcome with everything its page shows: links, evidence, sustainment checks (for job and
// apprenticeship starts) and its history from the audit log.
import type { OutcomeDetail } from '../../../shared/contract/outcomes-schemas';
import {
  SUSTAINABLE_OUTCOME_TYPES,
  sustainmentSchedule,
  sustainmentState,
  type SustainmentWeeks,
} from '../../../shared/domain/outcome-rules';
import { formatUkDate } from '../../../shared/domain/dates';
import type { Tx } from '../../store/schema';
import { readableAuditRows } from '../audit/audit.repository';
import { personIds } from '../participants/participant-timeline.service';
import { listEvidence } from './evidence.repository';
import { outcomeGridRow } from './outcomes.repository';

function jsonField(json: string | null, key: string): unknown {
  if (!json) return undefined;
  try {
    return (JSON.parse(json) as Record<string, unknown>)[key];
  } catch {
    return undefined;
  }
}

export async function outcomeHistory(tx: Tx, outcomeId: number, participantId: number) {
  const entries = await tx
    .selectFrom('audit_log as a')
    .leftJoin('staff as s', 's.id', 'a.staff_id')
    .select([
      'a.id',
      'a.at',
      's.display_name',
      'a.action',
      'a.entity',
      'a.entity_id',
      'a.participant_id',
      'a.summary',
      'a.before_json',
      'a.after_json',
    ])
    .where('a.participant_id', 'in', await personIds(tx, participantId)) // entries written before a merge keep the merged record's id
    .where('a.entity', 'in', ['outcome', 'evidence_item', 'sustainment_check'])
    .orderBy('a.id')
    .execute();
  // Entries about a person are sealed with their audit key (trust area): open them before reading.
  return (await readableAuditRows(tx, entries))
    .filter((e) => {
      if (e.entity === 'outcome') return e.entity_id === String(outcomeId);
      const key = e.entity === 'evidence_item' ? 'outcome_id' : 'start_outcome_id';
      return jsonField(e.after_json, key) === outcomeId || jsonField(e.before_json, key) === outcomeId;
    })
    .map((e) => ({ id: e.id, at: e.at, staffName: e.display_name, action: e.action, summary: e.summary }));
}

export async function getOutcomeDetail(tx: Tx, id: number, today: string): Promise<OutcomeDetail | null> {
  const row = await outcomeGridRow(tx, id);
  if (!row) return null;
  const o = await tx
    .selectFrom('outcomes as o')
    .innerJoin('outcome_types as t', 't.code', 'o.outcome_type')
    .innerJoin('participants as p', 'p.id', 'o.participant_id')
    .leftJoin('placements as pl', 'pl.id', 'o.placement_id')
    .leftJoin('outcomes as parent', 'parent.id', 'o.parent_outcome_id')
    .leftJoin('outcome_types as pt', 'pt.code', 'parent.outcome_type')
    .select([
      't.category',
      'o.employer_org_id',
      'o.contract_id',
      'o.course_run_id',
      'o.placement_id',
      'pl.kind as placement_kind',
      'o.parent_outcome_id',
      'pt.label as parent_type',
      'parent.outcome_date as parent_date',
      'o.apprenticeship_standard',
      'o.apprenticeship_level',
      'o.qualification_title',
      'o.notes',
      'o.verification_reason',
      'o.created_at',
      'p.phone',
      'p.email',
    ])
    .where('o.id', '=', id)
    .executeTakeFirstOrThrow();
  const sustainment: OutcomeDetail['sustainment'] = [];
  if ((SUSTAINABLE_OUTCOME_TYPES as readonly string[]).includes(row.outcomeType)) {
    const checks = await tx.selectFrom('sustainment_checks').selectAll().where('start_outcome_id', '=', id).execute();
    for (const weeks of [13, 26] as SustainmentWeeks[]) {
      const schedule = sustainmentSchedule(row.outcomeDate, weeks);
      const check = checks.find((c) => c.weeks === weeks);
      sustainment.push({
        ...schedule,
        state: sustainmentState(schedule, today),
        check: check
          ? {
              id: check.id,
              sustained: check.sustained === 1,
              sustainedOn: check.sustained_on,
              checkedOn: check.checked_on,
              outcomeId: check.outcome_id,
              notes: check.notes,
            }
          : null,
      });
    }
  }
  return {
    ...row,
    typeCategory: o.category,
    employerOrgId: o.employer_org_id,
    contractId: o.contract_id,
    courseRunId: o.course_run_id,
    placementId: o.placement_id,
    placementKind: o.placement_kind,
    parentOutcomeId: o.parent_outcome_id,
    parentLabel: o.parent_type ? `${o.parent_type} on ${formatUkDate(o.parent_date)}` : null,
    apprenticeshipStandard: o.apprenticeship_standard,
    apprenticeshipLevel: o.apprenticeship_level,
    qualificationTitle: o.qualification_title,
    notes: o.notes,
    verificationReason: o.verification_reason,
    createdAt: o.created_at,
    participantPhone: o.phone,
    participantEmail: o.email,
    evidence: await listEvidence(tx, id),
    sustainment,
    history: await outcomeHistory(tx, id, row.participantId),
  };
}
