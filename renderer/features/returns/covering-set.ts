// Which indicator set a returns screen opens on when the officer has not chosen one: a set whose
// funding agreement covers the period (else the first). UKSPF closed in March 2026, so opening on
// the first set for this year's period showed an error before anything else.
import type { SetSummary } from '../../../shared/contract/returns.contract';

export function coveringSet(sets: readonly SetSummary[], from: string, to: string): SetSummary | undefined {
  return (
    sets.find((s) => s.agreement && s.agreement.startsOn <= to && (s.agreement.endsOn ?? '9999') >= from) ?? sets[0]
  );
}
