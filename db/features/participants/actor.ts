// Who is acting and when, taken from the handler context once per request.
import type { CallContext } from '../../backend/context';
import { todayIso } from '../../backend/clock';
import type { Actor } from './participants.service';
import type { GridScope } from './participants.repository';
import { canSeeSpecial } from './special-category';

export function actorOf(ctx: CallContext): Actor {
  return {
    staffId: ctx.staffId,
    role: ctx.client.session?.staff.role ?? 'viewer',
    now: ctx.clock.now().toISOString(),
    today: todayIso(ctx.clock),
  };
}

export function scopeOf(ctx: CallContext): GridScope {
  return { staffId: ctx.staffId, canSeeSpecial: canSeeSpecial(ctx.client.session?.staff.role ?? 'viewer') };
}
