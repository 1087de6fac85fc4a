// Saved grid views, generic by grid name so every grid can use the same channels.
import { defineHandlers } from '../../backend/handler';
import { roleAtLeast } from '../../../shared/contract/define';
import { appendAudit } from '../audit/audit.repository';
import { deleteView, listViews, saveView } from './saved-views.repository';
import { actorOf } from './actor';

export const viewsHandlers = defineHandlers({
  async 'views.list'(input, ctx) {
    return listViews(ctx.db, input.grid, ctx.staffId);
  },

  async 'views.save'(input, ctx) {
    const actor = actorOf(ctx);
    return ctx.db.transaction().execute(async (tx) => {
      const { view, replaced } = await saveView(
        tx,
        { ...input, shared: input.shared && roleAtLeast(actor.role, 'officer') },
        ctx.staffId,
        actor.now,
      );
      await appendAudit(tx, actor.now, actor.staffId, {
        action: replaced ? 'update' : 'create',
        entity: 'saved_view',
        entityId: view.id,
        summary: `Saved view "${view.name}" on ${view.grid}`,
      });
      return view;
    });
  },

  async 'views.delete'(input, ctx) {
    const actor = actorOf(ctx);
    await ctx.db.transaction().execute(async (tx) => {
      const gone = await deleteView(tx, input.id, ctx.staffId, roleAtLeast(actor.role, 'officer'));
      await appendAudit(tx, actor.now, actor.staffId, {
        action: 'delete',
        entity: 'saved_view',
        entityId: input.id,
        summary: `Deleted view "${gone.name}" on ${gone.grid}`,
      });
    });
    return { ok: true as const };
  },
});
