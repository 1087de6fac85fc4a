// Checks that the records a form links to exist, so a wrong id gets a message on its field
// rather than a foreign-key failure. Every problem found is reported at once.
import { AppFailure, type FieldError } from '../../../shared/result';
import type { Db } from '../../store/schema';
import {
  contractExists,
  courseRunExists,
  organisationExists,
  participantStatus,
  placementExists,
  staffExists,
} from './references.repository';

export async function checkLinks(
  db: Db,
  links: {
    participantId?: number;
    employerOrgId?: number | null;
    contractorOrgId?: number | null;
    contractId?: number | null;
    courseRunId?: number | null;
    placementId?: number | null;
    seenBy?: number | null;
  },
): Promise<void> {
  const problems: FieldError[] = [];
  if (links.participantId !== undefined) {
    const status = await participantStatus(db, links.participantId);
    if (status === null) problems.push({ path: ['participantId'], message: 'Choose a participant' });
    else if (status === 'merged')
      problems.push({
        path: ['participantId'],
        message: 'This record was merged into another; choose the record it was merged into',
      });
  }
  if (links.employerOrgId && !(await organisationExists(db, links.employerOrgId)))
    problems.push({ path: ['employerOrgId'], message: 'Choose an employer from the list' });
  if (links.contractorOrgId && !(await organisationExists(db, links.contractorOrgId)))
    problems.push({ path: ['contractorOrgId'], message: 'Choose a contractor from the list' });
  if (links.contractId && !(await contractExists(db, links.contractId)))
    problems.push({ path: ['contractId'], message: 'Choose a contract from the list' });
  if (links.courseRunId && !(await courseRunExists(db, links.courseRunId)))
    problems.push({ path: ['courseRunId'], message: 'Choose a course from the list' });
  if (links.placementId && !(await placementExists(db, links.placementId)))
    problems.push({ path: ['placementId'], message: 'Choose a placement from the list' });
  if (links.seenBy && !(await staffExists(db, links.seenBy)))
    problems.push({ path: ['seenBy'], message: 'Choose who saw the evidence from the list' });
  if (problems.length) throw new AppFailure('validation', 'Some details need correcting.', problems);
}
