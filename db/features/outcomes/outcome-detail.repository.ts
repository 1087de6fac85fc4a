// The queries behind one outcome's page beyond its grid row: its links and details, the
// sustainment checks that follow it, and the audit entries about the person's outcomes,
// evidence and checks (the service picks those about this outcome).
import type { Db } from '../../store/schema';
import type { SustainmentChecksTable } from '../../store/tables/outcomes.tables';
import type { Selectable } from 'kysely';
import type { Role } from '../../../shared/contract/define';
import { rowAs, textAs } from '../../store/tables/readable-columns';

export async function outcomeLinks(db: Db, id: number, reader: Role) {
  return db
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
      textAs(reader, 'outcomes', 'o.notes', 'notes'),
      'o.ended_on',
      'o.verification_reason',
      'o.verified_without_evidence',
      'o.created_at',
      'o.version',
      'p.phone',
      'p.email',
    ])
    .where('o.id', '=', id)
    .executeTakeFirstOrThrow();
}

export async function sustainmentChecksOf(db: Db, startOutcomeId: number, reader: Role) {
  return db
    .selectFrom('sustainment_checks')
    .select(rowAs(reader, 'sustainment_checks'))
    .$castTo<Selectable<SustainmentChecksTable>>()
    .where('start_outcome_id', '=', startOutcomeId)
    .execute();
}

/** Audit entries about outcomes, evidence and sustainment checks of these people, oldest first
 * (still sealed: open them with readableAuditRows before reading). */
export async function outcomeAuditEntries(db: Db, participantIds: number[]) {
  return db
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
    .where('a.participant_id', 'in', participantIds)
    .where('a.entity', 'in', ['outcome', 'evidence_item', 'sustainment_check'])
    .orderBy('a.id')
    .execute();
}
