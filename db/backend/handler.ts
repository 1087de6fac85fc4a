// Typing for handlers: each area exports a map from its channels to functions that take the
// parsed input and the context. `defineHandlers` makes the compiler check names and types.
import type { ChannelName, ChannelOutput, ParsedInput } from '../../shared/contract/index';
import type { HandlerContext } from './context';

export type Handler<C extends ChannelName> = (
  input: ParsedInput<C>,
  ctx: HandlerContext,
) => Promise<ChannelOutput<C>> | ChannelOutput<C>;
export type HandlerMap<K extends ChannelName> = { [C in K]: Handler<C> };

export function defineHandlers<K extends ChannelName>(handlers: HandlerMap<K>): HandlerMap<K> {
  return handlers;
}
