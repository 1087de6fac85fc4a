// Helpers shared by the area's handlers: not-found failures and "data changed" events.
import { AppFailure } from '../../../shared/result';
import type { HandlerContext } from '../../backend/context';

export function mustFind<T>(value: T | null | undefined, message: string): T {
  if (value === null || value === undefined) throw new AppFailure('not-found', message);
  return value;
}

/** Tells open screens (this area's, and participants' timelines) to reload. */
export function dataChanged(ctx: HandlerContext): void {
  ctx.emit({ type: 'data-changed', areas: ['outcomes', 'participants'] });
}
