// Rules for events and activities: saving one (its kind from the reference list, organiser,
// partners and contract must exist), replacing its headcounts (numbers only, summed by age group
// and school), and naming participants as attending (16 or over on the day: under-16s are only
// ever counted). Every change is audited in the caller's transaction; naming someone is audited
// against the person so it shows in their history and subject access.
import { AppFailure, type FieldError } from '../../../shared/result';
import type { EventDetail, EventInput } from '../../../shared/contract/events.contract';
import { eventAgeGroups, namedAttendanceProblem, type EventAgeGroup } from '../../../shared/domain/events';
import { formatUkDate } from '../../../shared/domain/dates';
import { labelFor } from '../../../shared/domain/outcome-lists';
import type { Db, Tx } from '../../store/schema';
import { appendAudit, changedFields } from '../audit/audit.repository';
import type { Actor } from '../participants/participants.service';
import { findParticipant } from '../participants/participants.repository';
import { checkLinks } from '../outcomes/references.service';
import { organisationExists } from '../outcomes/references.repository';
import {
  attendeesOf,
  deleteAttendee,
  eventGridRow,
  eventKinds,
  eventRecord,
  headcountsOf,
  insertAttendee,
  insertEvent,
  isAttending,
  partnersOf,
  replaceHeadcounts,
  replacePartners,
  updateEvent,
} from './events.repository';

export async function eventDetail(db: Db, id: number): Promise<EventDetail> {
  const [row, record] = [await eventGridRow(db, id), await eventRecord(db, id)];
  if (!row || !record) throw new AppFailure('not-found', 'That event does not exist.');
  return {
    ...row,
    organiserOrgId: record.organiser_org_id,
    contractId: record.contract_id,
    notes: record.notes,
    partners: await partnersOf(db, id),
    headcounts: (await headcountsOf(db, id)).map((h) => ({
      ageGroup: h.age_group,
      school: h.school || null,
      headcount: h.headcount,
    })),
    people: (await attendeesOf(db, id)).map((p) => ({
      participantId: p.id,
      reference: p.reference,
      name: `${p.first_name} ${p.last_name}`,
    })),
    createdAt: record.created_at,
    updatedAt: record.updated_at,
  };
}

export async function listEventKinds(db: Db) {
  return (await eventKinds(db)).map((k) => ({ code: k.code, label: k.label, isActive: k.is_active === 1 }));
}

async function checkEventLinks(db: Db, input: EventInput, keptKind: string | null): Promise<void> {
  const problems: FieldError[] = [];
  const kind = (await eventKinds(db)).find((k) => k.code === input.kind);
  // A retired kind stays valid on the events that already have it.
  if (!kind || (kind.is_active !== 1 && kind.code !== keptKind))
    problems.push({ path: ['kind'], message: 'Choose the kind of event from the list' });
  if (input.organiserOrgId && !(await organisationExists(db, input.organiserOrgId)))
    problems.push({ path: ['organiserOrgId'], message: 'Choose the organiser from the list' });
  for (const id of input.partnerOrgIds)
    if (!(await organisationExists(db, id))) {
      problems.push({ path: ['partnerOrgIds'], message: 'Choose partners from the list' });
      break;
    }
  if (problems.length) throw new AppFailure('validation', 'Some details need correcting.', problems);
  await checkLinks(db, { contractId: input.contractId });
}

export async function saveEvent(tx: Tx, actor: Actor, input: EventInput): Promise<{ id: number }> {
  const { now, staffId } = actor;
  const before = input.id ? await eventRecord(tx, input.id) : undefined;
  if (input.id && !before) throw new AppFailure('not-found', 'That event does not exist.');
  await checkEventLinks(tx, input, before?.kind ?? null);
  const partnerIds = [...new Set(input.partnerOrgIds)].sort((a, b) => a - b);
  const values = {
    kind: input.kind,
    title: input.title,
    held_on: input.heldOn,
    organiser_org_id: input.organiserOrgId,
    venue: input.venue,
    school: input.school,
    contract_id: input.contractId,
    notes: input.notes,
  };
  if (input.id && before) {
    const partnersBefore = (await partnersOf(tx, input.id)).map((p) => p.id).sort((a, b) => a - b);
    const diff = changedFields(
      { ...before, partner_org_ids: partnersBefore },
      { ...values, partner_org_ids: partnerIds },
    );
    if (!Object.keys(diff.after).length) return { id: input.id };
    await updateEvent(tx, input.id, { ...values, updated_at: now });
    await replacePartners(tx, input.id, partnerIds);
    await appendAudit(tx, now, staffId, {
      action: 'update',
      entity: 'event',
      entityId: input.id,
      summary: `Event ${input.title} changed`,
      ...diff,
    });
    return { id: input.id };
  }
  const id = await insertEvent(tx, { ...values, created_at: now, created_by: staffId, updated_at: now });
  await replacePartners(tx, id, partnerIds);
  await appendAudit(tx, now, staffId, {
    action: 'create',
    entity: 'event',
    entityId: id,
    summary: `Event ${input.title} on ${formatUkDate(input.heldOn)} added`,
    after: { ...values, partner_org_ids: partnerIds },
  });
  return { id };
}

type HeadcountRow = { ageGroup: EventAgeGroup; school: string | null; headcount: number };

/** Replaces an event's headcounts. Rows for the same age group and school are added together;
 * zero rows are dropped. */
export async function saveHeadcounts(
  tx: Tx,
  actor: Actor,
  input: { eventId: number; rows: HeadcountRow[] },
): Promise<{ total: number }> {
  const event = await eventRecord(tx, input.eventId);
  if (!event) throw new AppFailure('not-found', 'That event does not exist.');
  const summed = new Map<string, { ageGroup: EventAgeGroup; school: string; headcount: number }>();
  for (const r of input.rows) {
    if (r.headcount === 0) continue;
    const school = r.school ?? '';
    const key = `${r.ageGroup}\u0000${school.toLowerCase()}`;
    const row = summed.get(key) ?? { ageGroup: r.ageGroup, school, headcount: 0 };
    row.headcount += r.headcount;
    summed.set(key, row);
  }
  const rows = [...summed.values()];
  const before = await headcountsOf(tx, input.eventId);
  const describe = (
    list: ReadonlyArray<{ age_group?: string; ageGroup?: string; school: string; headcount: number }>,
  ) =>
    list.map(
      (h) =>
        `${labelFor(eventAgeGroups, h.ageGroup ?? h.age_group ?? '')}${h.school ? ` (${h.school})` : ''}: ${h.headcount}`,
    );
  const beforeText = describe(before);
  const afterText = describe(rows);
  const total = rows.reduce((sum, r) => sum + r.headcount, 0);
  if (JSON.stringify([...beforeText].sort()) === JSON.stringify([...afterText].sort())) return { total };
  await replaceHeadcounts(tx, input.eventId, rows);
  await updateEvent(tx, input.eventId, { updated_at: actor.now });
  await appendAudit(tx, actor.now, actor.staffId, {
    action: 'update',
    entity: 'event',
    entityId: input.eventId,
    summary: `Headcounts of event ${event.title} changed (${total} in all)`,
    before: { headcounts: beforeText },
    after: { headcounts: afterText },
  });
  return { total };
}

export async function addAttendee(tx: Tx, actor: Actor, input: { eventId: number; participantId: number }) {
  const event = await eventRecord(tx, input.eventId);
  if (!event) throw new AppFailure('not-found', 'That event does not exist.');
  const person = await findParticipant(tx, input.participantId);
  if (!person || person.status === 'merged')
    throw new AppFailure('validation', 'Choose a participant from the list.', [
      { path: ['participantId'], message: 'Choose a participant from the list' },
    ]);
  const problem = namedAttendanceProblem(person.date_of_birth, event.held_on);
  if (problem)
    throw new AppFailure('validation', `${person.first_name} ${person.last_name} cannot be named: ${problem}.`, [
      { path: ['participantId'], message: problem },
    ]);
  if (await isAttending(tx, input.eventId, input.participantId))
    throw new AppFailure('conflict', `${person.first_name} ${person.last_name} is already named as attending.`);
  await insertAttendee(tx, { ...input, at: actor.now, by: actor.staffId });
  await appendAudit(tx, actor.now, actor.staffId, {
    action: 'create',
    entity: 'event_attendee',
    entityId: input.eventId,
    participantId: input.participantId,
    summary: `Named as attending ${event.title} on ${formatUkDate(event.held_on)}`,
  });
  return { ok: true as const };
}

export async function removeAttendee(tx: Tx, actor: Actor, input: { eventId: number; participantId: number }) {
  const event = await eventRecord(tx, input.eventId);
  if (!event) throw new AppFailure('not-found', 'That event does not exist.');
  if (!(await deleteAttendee(tx, input.eventId, input.participantId)))
    throw new AppFailure('not-found', 'That person is not named as attending this event.');
  await appendAudit(tx, actor.now, actor.staffId, {
    action: 'delete',
    entity: 'event_attendee',
    entityId: input.eventId,
    participantId: input.participantId,
    summary: `Taken off the attendance of ${event.title} on ${formatUkDate(event.held_on)}`,
  });
  return { ok: true as const };
}
