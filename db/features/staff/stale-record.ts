// Optimistic locking by version, the same for every editable record: a save names the version
// its form was opened at and writes only where the stored version is still that one (two
// officers on a team database, or two windows, never overwrite each other silently). When the
// write finds nothing, this says who changed the record and when.
import { StaleRecordFailure } from '../../../shared/result';
import type { Db } from '../../store/schema';
import { staffDisplayName } from './staff.repository';

/** The refusal for a record whose stored state is `current` (its version moved on). */
export async function staleRecordFailure(
  db: Db,
  current: { version: number; updated_at: string | null; updated_by: number | null },
): Promise<StaleRecordFailure> {
  const by = current.updated_by == null ? undefined : await staffDisplayName(db, current.updated_by);
  return new StaleRecordFailure({
    changedBy: by ?? null,
    changedAt: current.updated_at ?? '',
    version: current.version,
  });
}
