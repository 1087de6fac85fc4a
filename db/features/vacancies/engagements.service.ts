// Rules for employer engagement: an entry names one of the organisation's own contacts (or
// none), promises are kept only on the kinds that promise something (pledges, mentor offers),
// and each change is audited in the caller's transaction.
import { AppFailure } from '../../../shared/result';
import type { EngagementInput, EngagementRow } from '../../../shared/contract/vacancies-schemas';
import { pledgeState, promisingKinds, type EngagementKindCode } from '../../../shared/domain/vacancy-lists';
import type { Db, Tx } from '../../store/schema';
import { appendAudit, changedFields } from '../audit/audit.repository';
import type { Actor } from '../participants/participants.service';
import { checkLinks } from '../outcomes/references.service';
import {
  contactOf,
  deleteEngagement,
  engagementRecord,
  engagementRows,
  insertEngagement,
  updateEngagement,
} from './engagements.repository';

export async function listEngagements(
  db: Db,
  filter: { organisationId?: number | undefined; pledgesOnly: boolean },
  today: string,
): Promise<EngagementRow[]> {
  const rows = await engagementRows(db, {
    pledgesOnly: filter.pledgesOnly,
    ...(filter.organisationId ? { organisationId: filter.organisationId } : {}),
  });
  return rows.map((g) => {
    const promising = promisingKinds.includes(g.kind as EngagementKindCode);
    return {
      id: g.id,
      organisationId: g.organisation_id,
      organisationName: g.organisation_name,
      kind: g.kind,
      occurredOn: g.occurred_on,
      contactId: g.contact_id,
      contactName: g.contact_name,
      summary: g.summary,
      promised: g.promised,
      promisedCount: g.promised_count,
      delivered: g.delivered,
      deliveredCount: g.delivered_count,
      dueOn: g.due_on,
      followUpOn: g.follow_up_on,
      pledgeState: promising
        ? pledgeState(
            {
              promisedCount: g.promised_count,
              deliveredCount: g.delivered_count,
              delivered: g.delivered,
              dueOn: g.due_on,
            },
            today,
          )
        : null,
      recordedBy: g.staff_name,
    };
  });
}

export async function saveEngagement(tx: Tx, actor: Actor, input: EngagementInput): Promise<{ id: number }> {
  const { now, staffId } = actor;
  await checkLinks(tx, { employerOrgId: input.organisationId });
  if (input.contactId && !(await contactOf(tx, input.contactId, input.organisationId)))
    throw new AppFailure('validation', 'Some details need correcting.', [
      { path: ['contactId'], message: 'Choose one of the organisation’s contacts' },
    ]);
  const promising = promisingKinds.includes(input.kind);
  const values = {
    organisation_id: input.organisationId,
    kind: input.kind,
    occurred_on: input.occurredOn,
    contact_id: input.contactId,
    summary: input.summary,
    promised: promising ? input.promised : null,
    promised_count: promising ? input.promisedCount : null,
    delivered: promising ? input.delivered : null,
    delivered_count: promising ? input.deliveredCount : null,
    due_on: promising ? input.dueOn : null,
    follow_up_on: input.followUpOn,
  };
  if (input.id) {
    const before = await engagementRecord(tx, input.id);
    if (!before) throw new AppFailure('not-found', 'That engagement entry does not exist.');
    await updateEngagement(tx, input.id, { ...values, updated_at: now });
    await appendAudit(tx, now, staffId, {
      action: 'update',
      entity: 'employer_engagement',
      entityId: input.id,
      summary: `Employer engagement (${input.kind}) on ${input.occurredOn} changed`,
      ...changedFields(before, values),
    });
    return { id: input.id };
  }
  const id = await insertEngagement(tx, { ...values, staff_id: staffId, created_at: now, updated_at: now });
  await appendAudit(tx, now, staffId, {
    action: 'create',
    entity: 'employer_engagement',
    entityId: id,
    summary: `Employer engagement (${input.kind}) on ${input.occurredOn} recorded`,
    after: values,
  });
  return { id };
}

export async function removeEngagement(tx: Tx, actor: Actor, input: { id: number; reason: string }): Promise<void> {
  const before = await engagementRecord(tx, input.id);
  if (!before) throw new AppFailure('not-found', 'That engagement entry does not exist.');
  await deleteEngagement(tx, input.id);
  await appendAudit(tx, actor.now, actor.staffId, {
    action: 'delete',
    entity: 'employer_engagement',
    entityId: input.id,
    summary: `Employer engagement on ${before.occurred_on} removed: ${input.reason}`,
    before,
  });
}
