// Saved grid views for any grid ("participants", "courses", ...): a person's own views and the
// shared ones (staff_id null). The state is what the grid needs to look the same again.
import { AppFailure } from '../../../shared/result';
import type { SavedView, ViewState } from '../../../shared/contract/participants.contract';
import { viewStateSchema } from '../../../shared/contract/participants.contract';
import type { Db, Tx } from '../../store/schema';

function toView(
  row: { id: number; grid: string; name: string; staff_id: number | null; state_json: string },
  staffId: number | null,
): SavedView {
  const parsed = viewStateSchema.safeParse(JSON.parse(row.state_json));
  return {
    id: row.id,
    grid: row.grid,
    name: row.name,
    shared: row.staff_id === null,
    mine: row.staff_id !== null && row.staff_id === staffId,
    state: parsed.success ? parsed.data : viewStateSchema.parse({}),
  };
}

export async function listViews(db: Db, grid: string, staffId: number | null): Promise<SavedView[]> {
  const rows = await db
    .selectFrom('saved_views')
    .selectAll()
    .where('grid', '=', grid)
    .where((eb) => eb.or([eb('staff_id', 'is', null), eb('staff_id', '=', staffId ?? -1)]))
    .orderBy('name')
    .execute();
  return rows.map((r) => toView(r, staffId));
}

/** Saves under a name, replacing the caller's (or the shared) view of that name. */
export async function saveView(
  tx: Tx,
  input: { grid: string; name: string; shared: boolean; state: ViewState },
  staffId: number | null,
  at: string,
): Promise<{ view: SavedView; replaced: boolean }> {
  const owner = input.shared ? null : staffId;
  const existing = await tx
    .selectFrom('saved_views')
    .select('id')
    .where('grid', '=', input.grid)
    .where('name', '=', input.name)
    .where(owner === null ? (eb) => eb('staff_id', 'is', null) : (eb) => eb('staff_id', '=', owner))
    .executeTakeFirst();
  const state_json = JSON.stringify(input.state);
  let id: number;
  if (existing) {
    await tx.updateTable('saved_views').set({ state_json }).where('id', '=', existing.id).execute();
    id = existing.id;
  } else {
    id = (
      await tx
        .insertInto('saved_views')
        .values({ grid: input.grid, name: input.name, staff_id: owner, state_json, created_at: at })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  }
  return {
    view: toView({ id, grid: input.grid, name: input.name, staff_id: owner, state_json }, staffId),
    replaced: !!existing,
  };
}

export async function deleteView(
  tx: Tx,
  id: number,
  staffId: number | null,
  mayDeleteShared: boolean,
): Promise<{ grid: string; name: string }> {
  const row = await tx
    .selectFrom('saved_views')
    .select(['id', 'grid', 'name', 'staff_id'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw new AppFailure('not-found', 'That view does not exist.');
  if (row.staff_id === null ? !mayDeleteShared : row.staff_id !== staffId)
    throw new AppFailure('forbidden', 'You can only delete your own views (officers can delete shared views).');
  await tx.deleteFrom('saved_views').where('id', '=', id).execute();
  return { grid: row.grid, name: row.name };
}
