// Everything that happened to a person, newest first (referral, checks, notes, courses, tests,
// cards, PPE, site-ready, placements, outcomes, evidence, record changes), and the field-level
// change history from the audit log, across any records merged into them.
import { sql } from 'kysely';
import { AppFailure } from '../../../shared/result';
import type { TimelineItem } from '../../../shared/contract/participants.contract';
import { checkLabels, evidenceLabel, type EligibilityCheckCode } from '../../../shared/domain/eligibility';
import { labelOf, referralSources } from '../../../shared/domain/reference-lists';
import { fieldLabels } from '../../../shared/domain/participant-record';
import { formatUkDate } from '../../../shared/domain/dates';
import type { Db } from '../../store/schema';
import { findParticipant } from './participants.repository';
import { readableAuditRows } from '../audit/audit.repository';
import { redactValues } from './special-category';
import { loadSpecialItems } from '../trust/special-items.repository';

/** The person's own id and every record merged into it (and into those, and so on). */
export async function personIds(db: Db, id: number): Promise<number[]> {
  const rows = await sql<{
    id: number;
  }>`with recursive m(id) as (select ${id} union select p.id from participants p join m on p.merged_into_id = m.id) select id from m`.execute(
    db,
  );
  return rows.rows.map((r) => r.id);
}

const day = (iso: string | null | undefined) => (iso ? `${iso.slice(0, 10)}T00:00:00.000Z` : '');

export async function timelineOf(db: Db, id: number, canSeeSpecial: boolean): Promise<TimelineItem[]> {
  const p = await db.selectFrom('participants').selectAll().where('id', '=', id).executeTakeFirst();
  if (!p) throw new AppFailure('not-found', 'That participant does not exist.');
  const items: TimelineItem[] = [];
  const push = (at: string | null | undefined, kind: string, title: string, detail: string | null = null) => {
    if (at) items.push({ at, kind, title, detail });
  };
  push(
    day(p.referral_date),
    'referral',
    `Referred${p.referral_source ? ` by ${labelOf(referralSources, p.referral_source)}` : ''}`,
    p.referrer_name,
  );
  push(p.created_at, 'registered', `Registered as ${p.reference}`);
  push(day(p.start_date), 'start', 'Started on the programme');
  push(day(p.leave_date), 'left', 'Left the programme');

  for (const c of await db
    .selectFrom('eligibility_checks as c')
    .leftJoin('staff as s', 's.id', 'c.seen_by')
    .select(['c.check_code', 'c.outcome', 'c.evidence_type', 'c.seen_on', 'c.recorded_at', 's.display_name'])
    .where('c.participant_id', '=', id)
    .execute()) {
    const label = checkLabels[c.check_code as EligibilityCheckCode] ?? c.check_code;
    const seen = c.evidence_type
      ? `${evidenceLabel(c.evidence_type)} seen${c.display_name ? ` by ${c.display_name}` : ''}${c.seen_on ? ` on ${formatUkDate(c.seen_on)}` : ''}`
      : null;
    push(c.recorded_at, 'eligibility', `Eligibility check: ${label} — ${c.outcome.replace('_', ' ')}`, seen);
  }
  for (const n of await db
    .selectFrom('participant_notes as n')
    .leftJoin('staff as s', 's.id', 'n.created_by')
    .select(['n.body', 'n.created_at', 's.display_name'])
    .where('n.participant_id', '=', id)
    .execute()) {
    push(n.created_at, 'note', `Note${n.display_name ? ` by ${n.display_name}` : ''}`, n.body);
  }
  const enrolments = await db
    .selectFrom('enrolments as e')
    .innerJoin('course_runs as r', 'r.id', 'e.course_run_id')
    .innerJoin('course_types as t', 't.id', 'r.course_type_id')
    .select(['e.id', 'e.status', 'e.enrolled_on', 'e.completed_on', 'e.withdrawn_on', 't.name', 'r.start_date'])
    .where('e.participant_id', '=', id)
    .execute();
  for (const e of enrolments) {
    const marks = await db
      .selectFrom('attendance')
      .select(['mark', (eb) => eb.fn.countAll<number>().as('n')])
      .where('enrolment_id', '=', e.id)
      .groupBy('mark')
      .execute();
    const summary = marks.length ? marks.map((m) => `${m.n} ${m.mark}`).join(', ') : null;
    push(
      day(e.enrolled_on),
      'enrolment',
      `Enrolled on ${e.name} (starting ${formatUkDate(e.start_date)})`,
      summary ? `Attendance: ${summary}` : null,
    );
    push(day(e.completed_on), 'enrolment', `Completed ${e.name}`);
    push(day(e.withdrawn_on), 'enrolment', `Withdrew from ${e.name}`);
  }
  for (const t of await db
    .selectFrom('hse_tests')
    .select(['taken_on', 'score'])
    .where('participant_id', '=', id)
    .execute()) {
    push(day(t.taken_on), 'hse', `HS&E test: ${t.score >= 45 ? 'passed' : 'not passed'} (${t.score}/50)`);
  }
  for (const a of await db
    .selectFrom('l1_awards')
    .select(['achieved_on', 'awarding_body'])
    .where('participant_id', '=', id)
    .execute()) {
    push(day(a.achieved_on), 'l1', 'Level 1 Award in Health and Safety achieved', a.awarding_body);
  }
  for (const c of await db
    .selectFrom('cscs_cards')
    .select(['card_type', 'issued_on', 'expires_on'])
    .where('participant_id', '=', id)
    .execute()) {
    push(day(c.issued_on), 'cscs', `CSCS ${c.card_type} card issued`, `Expires ${formatUkDate(c.expires_on)}`);
  }
  for (const x of await db
    .selectFrom('ppe_issues')
    .select(['issued_on', 'items'])
    .where('participant_id', '=', id)
    .execute())
    push(day(x.issued_on), 'ppe', 'PPE issued', x.items);
  for (const s of await db
    .selectFrom('site_ready_signoffs')
    .select(['signed_on', 'revoked_on', 'notes'])
    .where('participant_id', '=', id)
    .execute()) {
    push(day(s.signed_on), 'site-ready', 'Signed off as site ready', s.notes);
    push(day(s.revoked_on), 'site-ready', 'Site-ready sign-off revoked');
  }
  for (const pl of await db
    .selectFrom('placements as pl')
    .leftJoin('organisations as o', 'o.id', 'pl.employer_org_id')
    .select(['pl.kind', 'pl.starts_on', 'pl.ends_on', 'pl.status', 'o.name'])
    .where('pl.participant_id', '=', id)
    .execute()) {
    push(
      day(pl.starts_on),
      'placement',
      `Placement (${pl.kind.replace(/_/g, ' ')}) started${pl.name ? ` with ${pl.name}` : ''}`,
      `Status: ${pl.status}`,
    );
    push(day(pl.ends_on), 'placement', `Placement (${pl.kind.replace(/_/g, ' ')}) ended`);
  }
  for (const o of await db
    .selectFrom('outcomes as o')
    .innerJoin('outcome_types as t', 't.code', 'o.outcome_type')
    .select(['t.label', 'o.outcome_date', 'o.verification_status'])
    .where('o.participant_id', '=', id)
    .execute()) {
    push(day(o.outcome_date), 'outcome', `Outcome: ${o.label}`, `Verification: ${o.verification_status}`);
  }
  for (const ev of await db
    .selectFrom('evidence_items')
    .select(['kind', 'received_on', 'created_at', 'file_name'])
    .where('participant_id', '=', id)
    .execute()) {
    push(
      ev.received_on ? day(ev.received_on) : ev.created_at,
      'evidence',
      `Evidence received: ${ev.kind.replace(/_/g, ' ')}`,
      ev.file_name,
    );
  }
  for (const h of await historyOf(db, id, canSeeSpecial)) {
    if (h.action === 'view' || h.action === 'create') continue; // creation is "Registered" above; views are in History
    push(h.at, 'change', h.summary, h.changes.map((c) => fieldLabels[c.field] ?? c.field).join(', ') || null);
  }
  return items.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
}

/** A person's history, or not-found when there is no such person. */
export async function historyFor(db: Db, id: number, canSeeSpecial: boolean) {
  if (!(await findParticipant(db, id))) throw new AppFailure('not-found', 'That participant does not exist.');
  return historyOf(db, id, canSeeSpecial);
}

async function historyOf(db: Db, id: number, canSeeSpecial: boolean) {
  const ids = await personIds(db, id);
  const rows = await db
    .selectFrom('audit_log as a')
    .leftJoin('staff as s', 's.id', 'a.staff_id')
    .select([
      'a.id',
      'a.at',
      's.display_name as staff',
      'a.action',
      'a.participant_id',
      'a.summary',
      'a.before_json',
      'a.after_json',
    ])
    .where('a.participant_id', 'in', ids)
    .orderBy('a.id', 'desc')
    .limit(2000)
    .execute();
  const special = await loadSpecialItems(db);
  // Entries about a person are sealed with their audit key (trust area): open them to read.
  return (await readableAuditRows(db, rows)).map((r) => {
    const parse = (json: string | null) => {
      if (!json) return null;
      try {
        return JSON.parse(json) as Record<string, unknown>; // an erased (anonymised) value is not JSON: no field changes to show
      } catch {
        return null;
      }
    };
    const before = canSeeSpecial ? parse(r.before_json) : redactValues(parse(r.before_json), special);
    const after = canSeeSpecial ? parse(r.after_json) : redactValues(parse(r.after_json), special);
    const fields = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])];
    return {
      id: r.id,
      at: r.at,
      staff: r.staff,
      action: r.action,
      summary: r.summary,
      changes: fields.map((field) => ({ field, before: before?.[field] ?? null, after: after?.[field] ?? null })),
    };
  });
}
