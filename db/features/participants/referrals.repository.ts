// Later referrals of a person (participant_referrals, migration 0161). The first referral is the
// participants row's own.
import type { Insertable } from 'kysely';
import type { Db, Tx } from '../../store/schema';
import type { ParticipantReferralsTable } from '../../store/tables/participants.tables';

export async function laterReferrals(db: Db, participantId: number) {
  return db
    .selectFrom('participant_referrals as r')
    .leftJoin('staff as s', 's.id', 'r.created_by')
    .select([
      'r.id',
      'r.referral_date',
      'r.referral_source',
      'r.referrer_name',
      'r.start_date',
      'r.notes',
      'r.source',
      'r.created_at',
      's.display_name as created_by_name',
    ])
    .where('r.participant_id', '=', participantId)
    .orderBy('r.referral_date')
    .orderBy('r.id')
    .execute();
}

/** Each listed person's later referral dates (for planning an import in a few queries). */
export async function laterReferralDates(db: Db, participantIds: number[]): Promise<Map<number, string[]>> {
  const out = new Map<number, string[]>();
  const CHUNK = 900;
  for (let i = 0; i < participantIds.length; i += CHUNK) {
    const rows = await db
      .selectFrom('participant_referrals')
      .select(['participant_id', 'referral_date'])
      .where('participant_id', 'in', participantIds.slice(i, i + CHUNK))
      .execute();
    for (const r of rows) out.set(r.participant_id, [...(out.get(r.participant_id) ?? []), r.referral_date]);
  }
  return out;
}

export async function insertReferral(tx: Tx, values: Insertable<ParticipantReferralsTable>): Promise<number> {
  const row = await tx.insertInto('participant_referrals').values(values).returning('id').executeTakeFirstOrThrow();
  return row.id;
}
