// Answers of costly read channels (the financial-year dashboard at 100,000 people takes hundreds
// of milliseconds to count), kept until the data they read changes. Every `data-changed` event
// goes through `changed` (backend.ts): our own writes after they commit, and on a team database
// other members' writes as their NOTIFY arrives, so a kept answer never outlives a change to
// what it read. An answer computed while a change happened is returned but not kept: it may have
// read the data from before the change.
import type { DataArea } from '../../shared/contract/define';

export interface ReadCache {
  /** The answer kept under `key`, or `compute`'s (kept until any of `areas` changes). The
   * answer is shared: callers must not change it (the dispatcher copies it when it checks it
   * against the channel's output schema). */
  remember<T>(key: string, areas: readonly DataArea[], compute: () => Promise<T>): Promise<T>;
  /** Forgets every answer that read any of `areas` ('*': everything). */
  changed(areas: readonly (DataArea | '*')[]): void;
}

/** Answers kept at most (the oldest is forgotten first): a few periods and roles of one screen. */
const MAX_KEPT = 32;

export function createReadCache(): ReadCache {
  const kept = new Map<string, { areas: readonly DataArea[]; value: unknown }>();
  let generation = 0;
  return {
    async remember<T>(key: string, areas: readonly DataArea[], compute: () => Promise<T>): Promise<T> {
      const hit = kept.get(key);
      if (hit) return hit.value as T;
      const startedAt = generation;
      const value = await compute();
      if (startedAt === generation) {
        kept.set(key, { areas, value });
        if (kept.size > MAX_KEPT) kept.delete(kept.keys().next().value!);
      }
      return value;
    },
    changed(areas) {
      generation++;
      for (const [key, entry] of kept)
        if (areas.includes('*') || entry.areas.some((a) => areas.includes(a))) kept.delete(key);
    },
  };
}
