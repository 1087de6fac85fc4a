// Setting an indicator's target and profile: checked (whole amounts, periods in order and within
// the agreement, the profile not above the target) and audited with the figures before and after.
import { AppFailure } from '../../../shared/result';
import { profileProblem } from '../../../shared/domain/targets';
import type { TargetView } from '../../../shared/contract/returns.contract';
import type { Tx } from '../../store/schema';
import { appendAudit } from '../audit/audit.repository';
import { loadSetVersion } from './indicator-sets.repository';
import { listTargets, upsertTarget } from './targets.repository';

export async function saveTarget(
  tx: Tx,
  input: TargetView & { setId: number },
  at: string,
  staffId: number | null,
): Promise<void> {
  const sv = await loadSetVersion(tx, input.setId);
  if (!sv.indicators.some((i) => i.code === input.indicatorCode))
    throw new AppFailure('not-found', `There is no indicator ${input.indicatorCode} in this set.`);
  const problem = profileProblem(input.profile, input.target);
  if (problem) throw new AppFailure('validation', problem, [{ path: ['profile'], message: problem }]);
  const a = sv.set.agreement;
  if (a && input.profile.some((p) => p.from < a.startsOn || (a.endsOn !== null && p.to > a.endsOn)))
    throw new AppFailure('validation', 'The profile runs outside the funding agreement.', [
      { path: ['profile'], message: `Profile periods must fall within ${a.name}` },
    ]);
  const { setId, ...target } = input;
  const before = (await listTargets(tx, setId)).find((t) => t.indicatorCode === input.indicatorCode) ?? null;
  await upsertTarget(tx, setId, target, at, staffId);
  await appendAudit(tx, at, staffId, {
    action: 'update',
    entity: 'indicator_set',
    entityId: setId,
    summary: `Target and profile of ${input.indicatorCode} in ${sv.set.code} set`,
    before,
    after: target,
  });
}
