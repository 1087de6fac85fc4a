// Outcomes that course results cause, always through recordOutcomeOnce: a completed course, the
// L1 Award (a qualification), a CSCS card, and becoming site ready. Re-recording a result never
// adds a second outcome; correcting its date moves the outcome it caused (unless verified).
import { siteReadySpells, type SiteReadyRule } from '../../../shared/domain/site-ready';
import type { Tx } from '../../store/schema';
import { appendAudit } from '../audit/audit.repository';
import { recordOutcomeOnce } from '../outcomes/outcome-writer';
import { loadFacts, ticketTypesOf } from './site-ready.repository';
import {
  deleteOutcome,
  findCourseOutcome,
  hasEvidence,
  hasOutcomeBetween,
  moveOutcomeDate,
  outcomeDatesOf,
} from './course-outcomes.repository';

export interface CourseOutcome {
  participantId: number;
  outcomeType: 'course_completed' | 'qualification' | 'cscs_card' | 'site_ready';
  outcomeDate: string;
  sourceRef: string;
  courseRunId: number | null;
  qualificationTitle?: string | null;
}

/** Records the outcome a result causes; returns true if a new outcome was created. */
export async function recordCourseOutcome(
  tx: Tx,
  at: string,
  staffId: number | null,
  o: CourseOutcome,
): Promise<boolean> {
  const earlier = await findCourseOutcome(tx, o.participantId, o.sourceRef, o.outcomeType);
  if (earlier) {
    if (earlier.outcome_date !== o.outcomeDate && earlier.verification_status === 'unverified') {
      const clash = await hasOutcomeBetween(tx, o.participantId, o.outcomeType, o.outcomeDate, o.outcomeDate);
      if (!clash) {
        await moveOutcomeDate(tx, earlier.id, o.outcomeDate, at);
        await appendAudit(tx, at, staffId, {
          action: 'update',
          entity: 'outcome',
          entityId: earlier.id,
          participantId: o.participantId,
          summary: `Outcome ${o.outcomeType} moved to ${o.outcomeDate} after its course result was corrected`,
          before: { outcome_date: earlier.outcome_date },
          after: { outcome_date: o.outcomeDate },
        });
      }
    }
    return false;
  }
  const r = await recordOutcomeOnce(tx, at, staffId, {
    participantId: o.participantId,
    outcomeType: o.outcomeType,
    outcomeDate: o.outcomeDate,
    source: 'course',
    sourceRef: o.sourceRef,
    courseRunId: o.courseRunId,
    qualificationTitle: o.qualificationTitle ?? null,
  });
  return r.created;
}

/** Removes the unverified outcome a result caused when the result is removed as a mistake. */
export async function removeCourseOutcome(
  tx: Tx,
  at: string,
  staffId: number | null,
  participantId: number,
  sourceRef: string,
  reason: string,
): Promise<void> {
  const o = await findCourseOutcome(tx, participantId, sourceRef);
  if (!o || o.verification_status !== 'unverified') return;
  if (await hasEvidence(tx, o.id)) return;
  await deleteOutcome(tx, o.id);
  await appendAudit(tx, at, staffId, {
    action: 'delete',
    entity: 'outcome',
    entityId: o.id,
    participantId,
    summary: `Outcome ${o.outcome_type} removed with its course result: ${reason}`,
    before: o,
  });
}

/**
 * The one definition of site ready made durable: for each spell in which the person met the
 * programme's rule (siteReadySpells), begun by today, a 'site_ready' outcome dated the spell's
 * first day, unless one already falls within the spell. The headline figure, the dashboard's
 * funnel and the candidates list for a period all count these. Returns how many were created.
 */
export async function refreshSiteReady(
  tx: Tx,
  at: string,
  today: string,
  staffId: number | null,
  participantIds: number[],
  rule: SiteReadyRule,
  /** Told of each outcome created (an import lists them in its batch so an undo removes them). */
  onCreated?: (outcome: { id: number; participantId: number; date: string }) => void,
): Promise<number> {
  if (!participantIds.length) return 0;
  const facts = await loadFacts(tx, participantIds, ticketTypesOf(rule));
  const recorded = await outcomeDatesOf(tx, [...facts.keys()], 'site_ready');
  let created = 0;
  for (const [id, f] of facts) {
    const dates = recorded.get(id) ?? [];
    for (const spell of siteReadySpells(rule, f)) {
      if (spell.start > today) continue;
      const end = spell.end === null || spell.end > today ? today : spell.end;
      if (dates.some((d) => d >= spell.start && d <= end)) continue;
      const done = await recordOutcomeOnce(tx, at, staffId, {
        participantId: id,
        outcomeType: 'site_ready',
        outcomeDate: spell.start,
        source: 'course',
        sourceRef: `site_ready:${spell.start}`,
      });
      if (done.created) {
        created++;
        onCreated?.({ id: done.id, participantId: id, date: spell.start });
      }
      dates.push(spell.start);
    }
  }
  return created;
}
