// What each demo step receives. Steps run in order inside one transaction.
import type { Tx } from '../store/schema';
import type { Random } from './random';
import type { DemoGeography } from './geography.demo';

export interface DemoContext {
  tx: Tx;
  rng: Random;
  /** The day the demo programme "ends": data spans the two years before it. */
  today: string;
  nowIso: string;
  size: number;
  staffIds: number[];
  fundingStreamIds: Record<string, number>;
  /** The synthetic geography loaded before the participants (geography.demo.ts). */
  geography?: DemoGeography;
  /** Participants created, with the facts later steps need to stay consistent. */
  participants: Array<{
    id: number;
    startDate: string;
    dateOfBirth: string | null;
    district: string;
    isEligible: boolean;
  }>;
  progress(done: number, total: number, message: string): Promise<void>;
  throwIfCancelled(): void;
}

export type DemoStep = { name: string; run(ctx: DemoContext): Promise<void> };

/** Inserts rows in multi-row statements of `size` (SQLite allows 32,766 bound values). */
export async function insertInChunks<T extends Record<string, unknown>>(
  rows: T[],
  size: number,
  insert: (chunk: T[]) => Promise<void>,
): Promise<void> {
  for (let i = 0; i < rows.length; i += size) await insert(rows.slice(i, i + size));
}
