// What each indicator of a set chooses people by, as the window shows it and the dispatcher reads
// it: the barriers of its rule (and of the indicators whose people it leaves out), labelled from
// the reference data. When one is a special-category item, the people behind the figure (the
// drill-down, the warnings, what changed since a return was submitted) are marked `selectedBy` in
// the contract, so a viewer gets the count and not who is counted.
import { barrierCriteria } from '../../../shared/domain/counting-rule';
import type { Criteria } from '../../../shared/contract/returns.contract';
import type { Warning } from '../../../shared/domain/return-warnings';
import type { Db } from '../../store/schema';
import type { SetVersion } from './indicator-sets.repository';
import type { ClaimLine } from './indicator-engine';
import { barrierLabels } from './returns.repository';
import { loadSpecialItems } from '../trust/special-items.repository';

/** Each indicator's criteria, by code. */
export async function criteriaByIndicator(db: Db, sv: SetVersion): Promise<Map<string, Criteria>> {
  const labels = await barrierLabels(db);
  const special = await loadSpecialItems(db);
  const out = new Map<string, Criteria>();
  for (const ind of sv.indicators)
    out.set(
      ind.code,
      barrierCriteria(ind.rule, sv.rules).map((code) => ({
        code,
        label: labels.get(code) ?? code,
        // For the window's message; the dispatcher reads the reference data itself.
        specialCategory: special.has('barrier', code),
      })),
    );
  return out;
}

/** The criteria common to every one of `codes` (a person counted under several indicators is
 * chosen by a criterion only when all of them choose by it). */
function common(codes: Iterable<string>, criteria: ReadonlyMap<string, Criteria>): Criteria {
  let shared: Criteria | null = null;
  for (const code of codes) {
    const these = criteria.get(code) ?? [];
    shared = shared === null ? these : shared.filter((c) => these.some((t) => t.code === c.code));
  }
  return shared ?? [];
}

/** Warnings with the criteria their people were chosen by: a warning about an indicator's line has
 * that indicator's; a warning about people has what every indicator they are counted under shares. */
export function warningsWithCriteria(
  warnings: Warning[],
  lines: ReadonlyMap<string, ClaimLine[]>,
  criteria: ReadonlyMap<string, Criteria>,
): Array<Warning & { criteria: Criteria }> {
  const countedUnder = new Map<number, Set<string>>();
  for (const [code, ls] of lines)
    for (const l of ls)
      if (l.personId !== null) countedUnder.set(l.personId, (countedUnder.get(l.personId) ?? new Set()).add(code));
  return warnings.map((w) => {
    if (w.indicatorCode) return { ...w, criteria: criteria.get(w.indicatorCode) ?? [] };
    // A warning naming two people says what it says of each: it carries every criterion that
    // chooses either of them.
    const all: Criteria = [];
    for (const id of w.people)
      for (const c of common(countedUnder.get(id) ?? [], criteria))
        if (!all.some((a) => a.code === c.code)) all.push(c);
    return { ...w, criteria: all };
  });
}
