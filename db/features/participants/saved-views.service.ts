// Saving and deleting grid views, audited. Only officers and administrators may share a view or
// delete a shared one.
import { roleAtLeast } from '../../../shared/contract/define';
import type { SavedView, ViewState } from '../../../shared/contract/participants.contract';
import type { Tx } from '../../store/schema';
import { appendAudit } from '../audit/audit.repository';
import { deleteView, saveView } from './saved-views.repository';
import type { Actor } from './participants.service';

export async function saveSavedView(
  tx: Tx,
  actor: Actor,
  input: { grid: string; name: string; shared: boolean; state: ViewState },
): Promise<SavedView> {
  const { view, replaced } = await saveView(
    tx,
    { ...input, shared: input.shared && roleAtLeast(actor.role, 'officer') },
    actor.staffId,
    actor.now,
  );
  await appendAudit(tx, actor.now, actor.staffId, {
    action: replaced ? 'update' : 'create',
    entity: 'saved_view',
    entityId: view.id,
    summary: `Saved view "${view.name}" on ${view.grid}`,
  });
  return view;
}

export async function deleteSavedView(tx: Tx, actor: Actor, id: number): Promise<void> {
  const gone = await deleteView(tx, id, actor.staffId, roleAtLeast(actor.role, 'officer'));
  await appendAudit(tx, actor.now, actor.staffId, {
    action: 'delete',
    entity: 'saved_view',
    entityId: id,
    summary: `Deleted view "${gone.name}" on ${gone.grid}`,
  });
}
