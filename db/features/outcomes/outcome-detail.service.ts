// One outcome with everything its page shows: links, evidence, sustainment checks (for job and
// apprenticeship starts) and its history from the audit log.
import { readable } from '../../../shared/domain/labels';
import { AppFailure } from '../../../shared/result';
import type { OutcomeDetail } from '../../../shared/contract/outcomes-schemas';
import {
  SUSTAINABLE_OUTCOME_TYPES,
  sustainmentSchedule,
  sustainmentState,
  type SustainmentWeeks,
} from '../../../shared/domain/outcome-rules';
import { formatUkDate } from '../../../shared/domain/dates';
import type { Db } from '../../store/schema';
import type { Role } from '../../../shared/contract/define';
import { readableAuditRows } from '../audit/audit.repository';
import { personIds } from '../participants/participant-timeline.repository';
import { listEvidence } from './evidence.repository';
import { outcomeGridRow } from './outcomes.repository';
import { evidenceNeeded } from './outcome-types.repository';
import { outcomeAuditEntries, outcomeLinks, sustainmentChecksOf } from './outcome-detail.repository';
import { labelOfListed } from '../participants/reference-items.service';

function jsonField(json: string | null, key: string): unknown {
  if (!json) return undefined;
  try {
    return (JSON.parse(json) as Record<string, unknown>)[key];
  } catch {
    return undefined;
  }
}

async function outcomeHistory(db: Db, outcomeId: number, participantId: number, reader: Role) {
  // Entries written before a merge keep the merged record's id.
  const entries = await outcomeAuditEntries(db, await personIds(db, participantId));
  // Entries about a person are sealed with their audit key (trust area): open them before reading.
  return (await readableAuditRows(db, entries, reader))
    .filter((e) => {
      if (e.entity === 'outcome') return e.entity_id === String(outcomeId);
      const key = e.entity === 'evidence_item' ? 'outcome_id' : 'start_outcome_id';
      return jsonField(e.after_json, key) === outcomeId || jsonField(e.before_json, key) === outcomeId;
    })
    .map((e) => ({ id: e.id, at: e.at, staffName: e.display_name, action: e.action, summary: readable(e.summary) }));
}

async function sustainmentOf(
  db: Db,
  id: number,
  start: { outcomeType: string; outcomeDate: string },
  today: string,
  reader: Role,
) {
  const sustainment: OutcomeDetail['sustainment'] = [];
  if (!(SUSTAINABLE_OUTCOME_TYPES as readonly string[]).includes(start.outcomeType)) return sustainment;
  const checks = await sustainmentChecksOf(db, id, reader);
  for (const weeks of [13, 26] as SustainmentWeeks[]) {
    const schedule = sustainmentSchedule(start.outcomeDate, weeks);
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
  return sustainment;
}

/** One outcome as `reader` reads it (a viewer's reading has no free text). */
export async function outcomeDetail(db: Db, id: number, today: string, reader: Role): Promise<OutcomeDetail> {
  const row = await outcomeGridRow(db, id);
  if (!row) throw new AppFailure('not-found', 'That outcome does not exist.');
  const o = await outcomeLinks(db, id, reader);
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
    endedOn: o.ended_on,
    notes: o.notes,
    verificationReason: o.verification_reason,
    verifiedWithoutEvidence: o.verified_without_evidence === 1,
    evidenceNeeded: await Promise.all(
      (await evidenceNeeded(db, row.outcomeType)).map(async (code) => ({
        code,
        label: await labelOfListed(db, 'evidence_kind', code),
      })),
    ),
    createdAt: o.created_at,
    version: o.version,
    participantPhone: o.phone,
    participantEmail: o.email,
    evidence: await listEvidence(db, id, reader),
    sustainment: await sustainmentOf(db, id, row, today, reader),
    history: await outcomeHistory(db, id, row.participantId, reader),
  };
}
