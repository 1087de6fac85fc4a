// Queries of indicator targets and profiles (one row per set and indicator code).
import type { ProfileAmount } from '../../../shared/domain/targets';
import type { TargetView } from '../../../shared/contract/returns.contract';
import type { Db, Tx } from '../../store/schema';

export async function listTargets(db: Db, setId: number): Promise<TargetView[]> {
  const rows = await db
    .selectFrom('indicator_targets')
    .select(['indicator_code', 'target', 'profile_kind', 'profile_json'])
    .where('set_id', '=', setId)
    .orderBy('indicator_code')
    .execute();
  return rows.map((r) => ({
    indicatorCode: r.indicator_code,
    target: r.target,
    profileKind: r.profile_kind,
    profile: JSON.parse(r.profile_json) as ProfileAmount[],
  }));
}

export async function upsertTarget(
  tx: Tx,
  setId: number,
  t: TargetView,
  at: string,
  staffId: number | null,
): Promise<void> {
  const values = {
    target: t.target,
    profile_kind: t.profileKind,
    profile_json: JSON.stringify(t.profile),
    updated_at: at,
    updated_by: staffId,
  };
  await tx
    .insertInto('indicator_targets')
    .values({ set_id: setId, indicator_code: t.indicatorCode, ...values })
    .onConflict((oc) => oc.columns(['set_id', 'indicator_code']).doUpdateSet(values))
    .execute();
}
