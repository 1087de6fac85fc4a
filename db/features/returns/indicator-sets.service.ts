// Saving a new version of an indicator set: refused when someone saved one meanwhile or when a
// rule refers to an indicator not in the set; audited with the set before and after.
import { AppFailure } from '../../../shared/result';
import type { IndicatorInput } from '../../../shared/contract/returns.contract';
import type { Tx } from '../../store/schema';
import { appendAudit } from '../audit/audit.repository';
import { insertSetVersion, loadSetVersion } from './indicator-sets.repository';

export async function saveSetVersion(
  tx: Tx,
  input: { setId: number; basedOnVersionId: number; note: string; indicators: IndicatorInput[] },
  at: string,
  staffId: number | null,
): Promise<{ versionId: number; version: number }> {
  const current = await loadSetVersion(tx, input.setId);
  if (current.versionId !== input.basedOnVersionId) {
    throw new AppFailure(
      'conflict',
      `Someone saved version ${current.version} of this set while you were editing. Reload it and make your change again.`,
    );
  }
  const codes = new Set(input.indicators.map((i) => i.code));
  input.indicators.forEach((ind, i) => {
    for (const other of ind.rule.notCountedUnder ?? []) {
      if (!codes.has(other) || other === ind.code)
        throw new AppFailure('validation', 'A rule refers to an indicator that is not in the set.', [
          {
            path: ['indicators', i, 'rule', 'notCountedUnder'],
            message: `${other} is not another indicator in this set`,
          },
        ]);
    }
  });
  const saved = await insertSetVersion(tx, input.setId, input.note, input.indicators, staffId, at);
  await appendAudit(tx, at, staffId, {
    action: 'update',
    entity: 'indicator_set',
    entityId: input.setId,
    summary: `Indicator set ${current.set.code} saved as version ${saved.version}: ${input.note}`,
    before: { version: current.version, indicators: current.indicators.map(({ sentence: _s, ...i }) => i) },
    after: { version: saved.version, indicators: input.indicators },
  });
  return saved;
}
