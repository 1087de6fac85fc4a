// Everything that happened to a person, newest first (referral, checks, notes, courses, tests,
// cards, PPE, site-ready, vacancies put forward for, placements, outcomes, evidence, record
// changes), and the field-level change history from the audit log, across any records merged
// into them. The rows come from participant-timeline.repository.ts; this module words them.
import { AppFailure } from '../../../shared/result';
import type { TimelineItem } from '../../../shared/contract/participants.contract';
import { checkLabels, evidenceLabel, type EligibilityCheckCode } from '../../../shared/domain/eligibility-evidence';
import { labelOfListed } from './reference-items.service';
import { fieldLabels } from '../../../shared/domain/participant-record';
import { formatUkDate } from '../../../shared/domain/dates';
import { labelOfStage } from '../../../shared/domain/candidate-stages';
import { contactMethods, planItemKinds } from '../../../shared/domain/keyworker';
import { labelOfCode, readable, wordsOf } from '../../../shared/domain/labels';
import { cardTypeLabel } from '../../../shared/domain/cscs';
import {
  labelFor,
  evidenceKinds,
  placementKinds,
  placementStatuses,
  verificationStatuses,
} from '../../../shared/domain/outcome-lists';
import type { Db } from '../../store/schema';
import { findParticipant } from './participants.repository';
import { laterReferrals } from './referrals.repository';
import { auditEntriesAbout, personIds, timelineFacts } from './participant-timeline.repository';
import { readableAuditRows } from '../audit/audit.repository';
import { readerFor } from '../../store/tables/readable-columns';
import { redactValues } from './special-category';
import { loadSpecialItems } from '../trust/special-items.repository';

const day = (iso: string | null | undefined) => (iso ? `${iso.slice(0, 10)}T00:00:00.000Z` : '');

export async function timelineOf(db: Db, id: number, canSeeSpecial: boolean): Promise<TimelineItem[]> {
  const facts = await timelineFacts(db, id, readerFor(canSeeSpecial));
  if (!facts) throw new AppFailure('not-found', 'That participant does not exist.');
  const p = facts.participant;
  const items: TimelineItem[] = [];
  const push = (
    at: string | null | undefined,
    kind: string,
    title: string,
    detail: string | null = null,
    note: string | null = null,
  ) => {
    // A note's text goes in `note`, which the contract marks as free text (viewers get null).
    if (at) items.push({ at, kind, title, detail, note });
  };
  push(
    day(p.referral_date),
    'referral',
    `Referred${p.referral_source ? ` by ${await labelOfListed(db, 'referral_source', p.referral_source)}` : ''}`,
    p.referrer_name,
  );
  push(p.created_at, 'registered', `Registered as ${p.reference}`);
  push(day(p.start_date), 'start', 'Started on the programme');
  push(day(p.leave_date), 'left', 'Left the programme');
  for (const [i, r] of (await laterReferrals(db, id)).entries()) {
    const by = r.referral_source ? ` by ${await labelOfListed(db, 'referral_source', r.referral_source)}` : '';
    push(day(r.referral_date), 'referral', `Referred again${by} (referral ${i + 2})`, r.referrer_name ?? r.notes);
    push(day(r.start_date), 'start', `Started again (referral ${i + 2})`);
  }

  for (const c of facts.checks) {
    const label = checkLabels[c.check_code as EligibilityCheckCode] ?? c.check_code;
    const seen = c.evidence_type
      ? `${evidenceLabel(c.evidence_type)} seen${c.display_name ? ` by ${c.display_name}` : ''}${c.seen_on ? ` on ${formatUkDate(c.seen_on)}` : ''}`
      : null;
    push(c.recorded_at, 'eligibility', `Eligibility check: ${label} — ${labelOfCode(c.outcome).toLowerCase()}`, seen);
  }
  for (const n of facts.notes) {
    push(n.created_at, 'note', `Note${n.display_name ? ` by ${n.display_name}` : ''}`, null, n.body);
  }
  for (const e of facts.enrolments) {
    const summary = e.marks.length ? e.marks.map((m) => `${m.n} ${m.mark}`).join(', ') : null;
    push(
      day(e.enrolled_on),
      'enrolment',
      `Enrolled on ${e.name} (starting ${formatUkDate(e.start_date)})`,
      summary ? `Attendance: ${summary}` : null,
    );
    push(day(e.completed_on), 'enrolment', `Completed ${e.name}`);
    push(day(e.withdrawn_on), 'enrolment', `Withdrew from ${e.name}`);
  }
  for (const t of facts.hseTests) {
    push(day(t.taken_on), 'hse', `HS&E test: ${t.score >= 45 ? 'passed' : 'not passed'} (${t.score}/50)`);
  }
  for (const a of facts.l1Awards) {
    push(day(a.achieved_on), 'l1', 'Level 1 Award in Health and Safety achieved', a.awarding_body);
  }
  for (const c of facts.cards) {
    push(
      day(c.issued_on),
      'cscs',
      `CSCS card issued: ${cardTypeLabel(c.card_type)}`,
      `Expires ${formatUkDate(c.expires_on)}`,
    );
  }
  for (const x of facts.ppe) push(day(x.issued_on), 'ppe', 'PPE issued', x.items);
  for (const s of facts.signoffs) {
    push(day(s.signed_on), 'site-ready', 'Signed off as site ready', null, s.notes);
    push(day(s.revoked_on), 'site-ready', 'Site-ready sign-off revoked');
  }
  for (const pl of facts.placements) {
    push(
      day(pl.starts_on),
      'placement',
      `Placement (${labelOfCode(pl.kind, placementKinds).toLowerCase()}) started${pl.name ? ` with ${pl.name}` : ''}`,
      `Status: ${labelOfCode(pl.status, placementStatuses).toLowerCase()}`,
    );
    push(day(pl.ends_on), 'placement', `Placement (${labelOfCode(pl.kind, placementKinds).toLowerCase()}) ended`);
  }
  for (const o of facts.outcomes) {
    push(
      day(o.outcome_date),
      'outcome',
      `Outcome: ${o.label}`,
      `Verification: ${labelOfCode(o.verification_status, verificationStatuses).toLowerCase()}`,
    );
  }
  for (const ev of facts.evidence) {
    push(
      ev.received_on ? day(ev.received_on) : ev.created_at,
      'evidence',
      `Evidence received: ${labelOfCode(ev.kind, evidenceKinds).toLowerCase()}`,
      ev.file_name,
    );
  }
  for (const k of facts.candidacies) {
    const job = `${k.job_title} at ${k.name}`;
    push(day(k.submitted_on), 'vacancy', `Put forward for ${job}`, `Now: ${labelOfStage(k.stage).toLowerCase()}`);
    push(day(k.interview_on), 'vacancy', `Interview${k.interview_guaranteed ? ' (guaranteed)' : ''} for ${job}`);
    push(day(k.offered_on), 'vacancy', `Offered ${job}`);
    push(day(k.started_on), 'vacancy', `Started ${job}`);
    push(day(k.closed_on), 'vacancy', `${labelOfStage(k.stage)} for ${job}`, k.closed_reason);
  }
  for (const c of facts.keyworkerContacts) {
    const how = `${labelFor(contactMethods, c.method)}${c.minutes ? `, ${c.minutes} minutes` : ''}`;
    push(
      day(c.contact_on),
      'keyworker',
      `Keyworker contact${c.display_name ? ` with ${c.display_name}` : ''}`,
      how,
      c.notes,
    );
  }
  for (const e of facts.events) {
    const where = [e.venue, e.organiser_name ? `run by ${e.organiser_name}` : null].filter(Boolean).join(', ');
    push(day(e.held_on), 'event', `Attended ${e.title} (${e.kind_label ?? labelOfCode(e.kind)})`, where || null);
  }
  for (const k of facts.keyworkerPlan) {
    // The plan's wording is free text (the `note`): viewers see only that an item was added or done.
    const what = labelFor(planItemKinds, k.kind);
    const due = k.due_on ? `Due ${formatUkDate(k.due_on)}` : null;
    push(k.created_at, 'keyworker', `${what} added to the keyworker plan`, due, k.text);
    push(day(k.done_on), 'keyworker', `${what} in the keyworker plan done`, null, k.text);
  }
  for (const h of await historyOf(db, id, canSeeSpecial)) {
    if (h.action === 'view' || h.action === 'create') continue; // creation is "Registered" above; views are in History
    push(h.at, 'change', h.summary, h.changes.map((c) => fieldLabels[c.field] ?? wordsOf(c.field)).join(', ') || null);
  }
  return items.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
}

/** A person's history, or not-found when there is no such person. */
export async function historyFor(db: Db, id: number, canSeeSpecial: boolean) {
  if (!(await findParticipant(db, id, readerFor(canSeeSpecial))))
    throw new AppFailure('not-found', 'That participant does not exist.');
  return historyOf(db, id, canSeeSpecial);
}

async function historyOf(db: Db, id: number, canSeeSpecial: boolean) {
  const rows = await auditEntriesAbout(db, await personIds(db, id));
  const special = await loadSpecialItems(db);
  // Entries about a person are sealed with their audit key (trust area): open them to read.
  return (await readableAuditRows(db, rows, readerFor(canSeeSpecial))).map((r) => {
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
      summary: readable(r.summary),
      changes: fields.map((field) => ({ field, before: before?.[field] ?? null, after: after?.[field] ?? null })),
    };
  });
}
