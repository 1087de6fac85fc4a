// Which reference items are special category, as the reference data says: a stored item whose
// extra_json says `"specialCategory": true`, or an item seeded so (shared/domain/reference-lists.ts;
// stores seeded before items carried the flag, and lists used straight from the seed, still say
// it there).
import {
  referenceListsWithSpecialItems,
  referenceSeeds,
  type ReferenceListName,
} from '../../../shared/domain/reference-lists';
import type { Db } from '../../store/schema';

export interface SpecialItems {
  has(list: ReferenceListName, code: string): boolean;
}

function saysSpecial(extraJson: string | null): boolean {
  if (!extraJson) return false;
  try {
    const extra: unknown = JSON.parse(extraJson);
    return typeof extra === 'object' && extra !== null && 'specialCategory' in extra && extra.specialCategory === true;
  } catch {
    return false;
  }
}

const keyOf = (list: string, code: string) => `${list}\u0000${code}`;

export async function loadSpecialItems(db: Db): Promise<SpecialItems> {
  const special = new Set<string>();
  for (const list of referenceListsWithSpecialItems)
    for (const o of referenceSeeds[list]) if (o.specialCategory) special.add(keyOf(list, o.code));
  const stored = await db
    .selectFrom('reference_items')
    .select(['list', 'code', 'extra_json'])
    .where('list', 'in', referenceListsWithSpecialItems)
    .execute();
  for (const item of stored) if (saysSpecial(item.extra_json)) special.add(keyOf(item.list, item.code));
  return { has: (list, code) => special.has(keyOf(list, code)) };
}
