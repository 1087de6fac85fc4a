// Keyworker support: a participant's action plan and contact log, each change audited in the
// caller's transaction. The contact is recorded as made by the signed-in member of staff.
import { AppFailure } from '../../../shared/result';
import type { KeyworkerView } from '../../../shared/contract/keyworker.contract';
import type { z } from 'zod';
import type { contactInputSchema, planItemInputSchema } from '../../../shared/contract/keyworker.contract';
import { contactMethods, planItemKinds } from '../../../shared/domain/keyworker';
import { labelFor } from '../../../shared/domain/outcome-lists';
import { formatUkDate } from '../../../shared/domain/dates';
import type { Db, Tx } from '../../store/schema';
import type { Role } from '../../../shared/contract/define';
import { appendAudit, changedFields } from '../audit/audit.repository';
import type { Actor } from './participants.service';
import { findParticipant } from './participants.repository';
import { contactsOf, insertContact, insertPlanItem, planItem, planOf, updatePlanItem } from './keyworker.repository';

export async function keyworkerOf(db: Db, participantId: number, reader: Role): Promise<KeyworkerView> {
  const plan = await planOf(db, participantId, reader);
  const contacts = await contactsOf(db, participantId, reader);
  return {
    plan: plan.map((p) => ({ id: p.id, kind: p.kind, text: p.text, dueOn: p.due_on, doneOn: p.done_on })),
    contacts: contacts.map((c) => ({
      id: c.id,
      contactOn: c.contact_on,
      method: c.method,
      minutes: c.minutes,
      staffName: c.display_name,
      notes: c.notes,
    })),
  };
}

async function mustBeParticipant(db: Db, id: number): Promise<void> {
  if (!(await findParticipant(db, id, 'viewer'))) throw new AppFailure('not-found', 'That participant does not exist.');
}

export async function savePlanItem(
  tx: Tx,
  actor: Actor,
  input: z.output<typeof planItemInputSchema>,
): Promise<{ id: number }> {
  await mustBeParticipant(tx, input.participantId);
  const values = { kind: input.kind, text: input.text, due_on: input.dueOn, done_on: input.doneOn };
  const what = labelFor(planItemKinds, input.kind);
  if (input.id) {
    const before = await planItem(tx, input.id);
    if (!before || before.participant_id !== input.participantId)
      throw new AppFailure('not-found', 'That plan item does not exist.');
    const diff = changedFields(before, values);
    if (!Object.keys(diff.after).length) return { id: input.id };
    await updatePlanItem(tx, input.id, { ...values, updated_at: actor.now });
    await appendAudit(tx, actor.now, actor.staffId, {
      action: 'update',
      entity: 'keyworker_plan_item',
      entityId: input.id,
      participantId: input.participantId,
      summary: `${what} in the keyworker plan ${input.doneOn && !before.done_on ? 'done' : 'changed'}`,
      ...diff,
    });
    return { id: input.id };
  }
  const id = await insertPlanItem(tx, {
    participant_id: input.participantId,
    ...values,
    created_at: actor.now,
    created_by: actor.staffId,
    updated_at: actor.now,
  });
  await appendAudit(tx, actor.now, actor.staffId, {
    action: 'create',
    entity: 'keyworker_plan_item',
    entityId: id,
    participantId: input.participantId,
    summary: `${what} added to the keyworker plan`,
    after: values,
  });
  return { id };
}

export async function addContact(
  tx: Tx,
  actor: Actor,
  input: z.output<typeof contactInputSchema>,
): Promise<{ id: number }> {
  await mustBeParticipant(tx, input.participantId);
  if (input.contactOn > actor.today)
    throw new AppFailure('validation', 'Some details need correcting.', [
      { path: ['contactOn'], message: 'The contact cannot be in the future' },
    ]);
  const values = {
    participant_id: input.participantId,
    contact_on: input.contactOn,
    method: input.method,
    minutes: input.minutes,
    staff_id: actor.staffId,
    notes: input.notes,
  };
  const id = await insertContact(tx, { ...values, created_at: actor.now, created_by: actor.staffId });
  await appendAudit(tx, actor.now, actor.staffId, {
    action: 'create',
    entity: 'keyworker_contact',
    entityId: id,
    participantId: input.participantId,
    summary: `Keyworker contact (${labelFor(contactMethods, input.method).toLowerCase()}) on ${formatUkDate(input.contactOn)}`,
    after: values,
  });
  return { id };
}
