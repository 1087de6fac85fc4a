// Checks that the records a form links to exist, so a wrong id gets a message on its field
// rather than a foreign-key failure.
import { AppFailure, type FieldError } from '../../../shared/result';
import type { Tx } from '../../store/schema';

export async function checkLinks(
  tx: Tx,
  links: {
    participantId?: number;
    employerOrgId?: number | null;
    contractId?: number | null;
    courseRunId?: number | null;
    placementId?: number | null;
  },
): Promise<void> {
  const problems: FieldError[] = [];
  if (links.participantId !== undefined) {
    const p = await tx
      .selectFrom('participants')
      .select(['id', 'status'])
      .where('id', '=', links.participantId)
      .executeTakeFirst();
    if (!p) problems.push({ path: ['participantId'], message: 'Choose a participant' });
    else if (p.status === 'merged')
      problems.push({
        path: ['participantId'],
        message: 'This record was merged into another; choose the record it was merged into',
      });
  }
  if (links.employerOrgId) {
    if (!(await tx.selectFrom('organisations').select('id').where('id', '=', links.employerOrgId).executeTakeFirst()))
      problems.push({ path: ['employerOrgId'], message: 'Choose an employer from the list' });
  }
  if (links.contractId) {
    if (
      !(await tx
        .selectFrom('social_value_contracts')
        .select('id')
        .where('id', '=', links.contractId)
        .executeTakeFirst())
    )
      problems.push({ path: ['contractId'], message: 'Choose a contract from the list' });
  }
  if (links.courseRunId) {
    if (!(await tx.selectFrom('course_runs').select('id').where('id', '=', links.courseRunId).executeTakeFirst()))
      problems.push({ path: ['courseRunId'], message: 'Choose a course from the list' });
  }
  if (links.placementId) {
    if (!(await tx.selectFrom('placements').select('id').where('id', '=', links.placementId).executeTakeFirst()))
      problems.push({ path: ['placementId'], message: 'Choose a placement from the list' });
  }
  if (problems.length) throw new AppFailure('validation', 'Some details need correcting.', problems);
}
