// Verification without evidence (issue 20). Each outcome type states the evidence it needs (any
// one of the kinds listed; none listed, none needed): reference data administrators edit, seeded
// here for the shipped types. An outcome verified without that evidence needs a reason and is
// flagged (outcomes.verified_without_evidence), and a return shows the flag on its claim lines
// (return_lines.verified_without_evidence, frozen with the line; null on lines claimed before).
// Outcomes already verified without the evidence their type now needs are flagged as such.
import { sql } from 'kysely';
import type { MigrationDb } from './migration-db';

const NEEDS: Record<string, string[]> = {
  job_start: ['payslip', 'employer_letter', 'contract_of_employment', 'jcp_confirmation'],
  apprenticeship_start: ['apprenticeship_agreement', 'employer_letter', 'contract_of_employment'],
  self_employment: ['self_declaration', 'other'],
  education_training: ['enrolment_confirmation'],
  qualification: ['certificate'],
  course_completed: ['certificate', 'enrolment_confirmation'],
  cscs_card: ['cscs_smart_check'],
  work_placement: ['employer_letter'],
  sustained_13_weeks: ['payslip', 'employer_letter', 'jcp_confirmation'],
  sustained_26_weeks: ['payslip', 'employer_letter', 'jcp_confirmation'],
};

export async function up(db: MigrationDb): Promise<void> {
  await db.schema
    .createTable('outcome_type_evidence')
    .addColumn('outcome_type', 'text', (c) => c.notNull().references('outcome_types.code'))
    .addColumn('evidence_kind', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('outcome_type_evidence_pk', ['outcome_type', 'evidence_kind'])
    .execute();
  const shipped = new Set(
    (await db.selectFrom('outcome_types').select('code').execute()).map((t: { code: string }) => t.code),
  );
  const rows = Object.entries(NEEDS)
    .filter(([type]) => shipped.has(type))
    .flatMap(([outcome_type, kinds]) => kinds.map((evidence_kind) => ({ outcome_type, evidence_kind })));
  if (rows.length) await db.insertInto('outcome_type_evidence').values(rows).execute();

  await db.schema
    .alterTable('outcomes')
    .addColumn('verified_without_evidence', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable('return_lines').addColumn('verified_without_evidence', 'integer').execute();

  await db
    .updateTable('outcomes')
    .set({ verified_without_evidence: 1 })
    .where('verification_status', '=', 'verified')
    .where(sql<boolean>`exists (select 1 from outcome_type_evidence te where te.outcome_type = outcomes.outcome_type)`)
    .where(
      sql<boolean>`not exists (select 1 from evidence_items ev inner join outcome_type_evidence te
        on te.evidence_kind = ev.kind and te.outcome_type = outcomes.outcome_type where ev.outcome_id = outcomes.id)`,
    )
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations are not reversed; restore a backup instead.');
}
