// Every area's handlers in one map. Creating the backend fails if a channel has no handler or
// a handler has no channel, so a forgotten registration is found at start-up, not by a user.
import { channelNames, type ChannelName } from '../../shared/contract/index';
import type { Handler, HandlerMap } from './handler';
import { appHandlers } from '../features/app/app.handlers';
import { participantsHandlers } from '../features/participants/participants.handlers';
import { coursesHandlers } from '../features/courses/courses.handlers';
import { outcomesHandlers } from '../features/outcomes/outcomes.handlers';
import { returnsHandlers } from '../features/returns/returns.handlers';
import { importsHandlers } from '../features/imports/imports.handlers';
import { trustHandlers } from '../features/trust/trust.handlers';

const areas: Array<Record<string, Handler<any>>> = [
  appHandlers,
  participantsHandlers,
  coursesHandlers,
  outcomesHandlers,
  returnsHandlers,
  importsHandlers,
  trustHandlers,
];

export function collectHandlers(): HandlerMap<ChannelName> {
  const all: Record<string, Handler<any>> = {};
  for (const area of areas) {
    for (const [name, handler] of Object.entries(area)) {
      if (all[name]) throw new Error(`Two handlers for channel ${name}`);
      all[name] = handler;
    }
  }
  const missing = channelNames.filter((name) => !all[name]);
  const extra = Object.keys(all).filter((name) => !(channelNames as string[]).includes(name));
  if (missing.length || extra.length) {
    throw new Error(
      `Contract and handlers disagree. Missing handlers: ${missing.join(', ') || 'none'}; handlers without a channel: ${extra.join(', ') || 'none'}`,
    );
  }
  return all as HandlerMap<ChannelName>;
}
