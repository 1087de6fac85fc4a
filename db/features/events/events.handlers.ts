// Handlers of the events area, one per channel in shared/contract/events.contract.ts. The
// dispatcher opens each write's transaction and says what changed after the commit; the work is
// in the service.
import { defineHandlers } from '../../backend/handler';
import { todayIso } from '../../backend/clock';
import { addDaysIso, addMonthsIso } from '../../../shared/domain/dates';
import { actorOf } from '../participants/actor';
import { pageEvents } from './events.repository';
import { addAttendee, eventDetail, listEventKinds, removeAttendee, saveEvent, saveHeadcounts } from './events.service';

export const eventsHandlers = defineHandlers({
  'events.page'(input, ctx) {
    const today = todayIso(ctx.clock);
    const monthStart = `${today.slice(0, 7)}-01`;
    return pageEvents(ctx.db, input, { today, monthStart, monthEnd: addDaysIso(addMonthsIso(monthStart, 1), -1) });
  },

  'events.get': (input, ctx) => eventDetail(ctx.db, input.id),

  'events.kinds': (_input, ctx) => listEventKinds(ctx.db),

  'events.save': (input, ctx) => saveEvent(ctx.tx, actorOf(ctx), input),

  'events.saveHeadcounts': (input, ctx) => saveHeadcounts(ctx.tx, actorOf(ctx), input),

  'events.addAttendee': (input, ctx) => addAttendee(ctx.tx, actorOf(ctx), input),

  'events.removeAttendee': (input, ctx) => removeAttendee(ctx.tx, actorOf(ctx), input),
});
