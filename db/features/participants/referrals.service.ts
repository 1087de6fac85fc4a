// A person's referrals: the first participation (the record's own referral) and each later one.
// Adding a later referral never changes the first: the record keeps the first participation's
// dates, which is what counting uses unless an indicator counts re-entries (counting-rule.ts).
import { AppFailure } from '../../../shared/result';
import { newReferralProblems } from '../../../shared/domain/referrals';
import { formatUkDate } from '../../../shared/domain/dates';
import type { z } from 'zod';
import type { addReferralSchema, ReferralRow } from '../../../shared/contract/participants.contract';
import type { Db, Tx } from '../../store/schema';
import { appendAudit } from '../audit/audit.repository';
import { findParticipant, staffName } from './participants.repository';
import { insertReferral, laterReferrals } from './referrals.repository';
import type { Actor } from './participants.service';
import { isListed, labelOfListed } from './reference-items.service';

export async function referralsOf(db: Db, participantId: number): Promise<ReferralRow[]> {
  // Read as a viewer reads it: the referral needs none of what a viewer does not read.
  const p = await findParticipant(db, participantId, 'viewer');
  if (!p) throw new AppFailure('not-found', 'That participant does not exist.');
  const later = await laterReferrals(db, participantId);
  return [
    {
      id: null,
      number: 1,
      referralDate: p.referral_date,
      referralSource: p.referral_source,
      referrerName: p.referrer_name,
      startDate: p.start_date,
      notes: null,
      source: 'record' as const,
      createdAt: p.created_at,
      createdBy: await staffName(db, p.created_by),
    },
    ...later.map((r, i) => ({
      id: r.id,
      number: i + 2,
      referralDate: r.referral_date,
      referralSource: r.referral_source,
      referrerName: r.referrer_name,
      startDate: r.start_date,
      notes: r.notes,
      source: r.source,
      createdAt: r.created_at,
      createdBy: r.created_by_name,
    })),
  ];
}

export async function addReferral(
  tx: Tx,
  actor: Actor,
  input: z.output<typeof addReferralSchema>,
): Promise<{ id: number; number: number }> {
  const p = await findParticipant(tx, input.participantId);
  if (!p) throw new AppFailure('not-found', 'That participant does not exist.');
  if (p.status === 'merged' || p.status === 'anonymised')
    throw new AppFailure('conflict', `This record was ${p.status}; add the referral to the record it now lives on.`);
  const later = await laterReferrals(tx, p.id);
  const problems = newReferralProblems(
    { first: p.referral_date, later: later.map((r) => r.referral_date) },
    input,
    actor.today,
  );
  if (input.referralSource && !(await isListed(tx, 'referral_source', input.referralSource)))
    problems.push({ path: ['referralSource'], message: 'Choose a referral source from the list' });
  if (problems.length) throw new AppFailure('validation', 'Some details need correcting.', problems);
  const id = await insertReferral(tx, {
    participant_id: p.id,
    referral_date: input.referralDate,
    referral_source: input.referralSource,
    referrer_name: input.referrerName,
    start_date: input.startDate,
    notes: input.notes,
    source: 'form',
    import_batch_id: null,
    created_at: actor.now,
    created_by: actor.staffId,
  });
  const number = later.filter((r) => r.referral_date < input.referralDate).length + 2;
  const by = input.referralSource ? ` by ${await labelOfListed(tx, 'referral_source', input.referralSource)}` : '';
  const first = formatUkDate(p.referral_date) || 'undated';
  await appendAudit(tx, actor.now, actor.staffId, {
    action: 'create',
    entity: 'participant_referral',
    entityId: id,
    participantId: p.id,
    summary: `Referred again on ${formatUkDate(input.referralDate)}${by} (referral ${number}; the first, ${first}, is kept)`,
    after: input,
  });
  return { id, number };
}
