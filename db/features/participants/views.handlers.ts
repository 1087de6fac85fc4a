// Saved grid views, generic by grid name so every grid can use the same channels.
import { defineHandlers } from '../../backend/handler';
import { deleteSavedView, saveSavedView } from './saved-views.service';
import { listViews } from './saved-views.repository';
import { actorOf } from './actor';

export const viewsHandlers = defineHandlers({
  'views.list': (input, ctx) => listViews(ctx.db, input.grid, ctx.staffId),
  'views.save': (input, ctx) => saveSavedView(ctx.tx, actorOf(ctx), input),
  async 'views.delete'(input, ctx) {
    await deleteSavedView(ctx.tx, actorOf(ctx), input.id);
    return { ok: true as const };
  },
});
