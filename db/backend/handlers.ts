// Every area's handlers in one map. Creating the backend fails if a channel has no handler or
// a handler has no channel, so a forgotten registration is found at start-up, not by a user.
import { channelNames, type ChannelName } from '../../shared/contract/index';
import type { HandlerMap } from './handler';
import { appHandlers } from '../features/app/app.handlers';
import { participantsHandlers } from '../features/participants/participants.handlers';
import { coursesHandlers } from '../features/courses/courses.handlers';
import { outcomesHandlers } from '../features/outcomes/outcomes.handlers';
import { returnsHandlers } from '../features/returns/returns.handlers';
import { importsHandlers } from '../features/imports/imports.handlers';
import { trustHandlers } from '../features/trust/trust.handlers';
import { fundingHandlers } from '../features/funding/funding.handlers';
import { geographyHandlers } from '../features/geography/geography.handlers';
import { vacanciesHandlers } from '../features/vacancies/vacancies.handlers';
import { keyworkerHandlers } from '../features/participants/keyworker.handlers';
import { eventsHandlers } from '../features/events/events.handlers';

// Each area's map covers some of the channels; together they must cover each exactly once.
const areas: Array<Partial<HandlerMap<ChannelName>>> = [
  appHandlers,
  participantsHandlers,
  coursesHandlers,
  outcomesHandlers,
  returnsHandlers,
  importsHandlers,
  trustHandlers,
  fundingHandlers,
  geographyHandlers,
  vacanciesHandlers,
  keyworkerHandlers,
  eventsHandlers,
];

export function collectHandlers(): HandlerMap<ChannelName> {
  const all = new Map<string, unknown>();
  for (const area of areas) {
    for (const [name, handler] of Object.entries(area)) {
      if (all.has(name)) throw new Error(`Two handlers for channel ${name}`);
      all.set(name, handler);
    }
  }
  const missing = channelNames.filter((name) => !all.has(name));
  const extra = [...all.keys()].filter((name) => !(channelNames as string[]).includes(name));
  if (missing.length || extra.length) {
    throw new Error(
      `Contract and handlers disagree. Missing handlers: ${missing.join(', ') || 'none'}; handlers without a channel: ${extra.join(', ') || 'none'}`,
    );
  }
  // Every channel has exactly one handler (checked above), each typed by its area's defineHandlers.
  return Object.fromEntries(all) as HandlerMap<ChannelName>;
}
