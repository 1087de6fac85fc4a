// Typing for handlers: each area exports a map from its channels to functions that take the
// parsed input and the context. `defineHandlers` makes the compiler check names and types, and
// gives each handler the context its channel's effect allows: a `write` handler gets the
// transaction the dispatcher opened (`ctx.tx`) and no other handle, a `read` handler gets `ctx.db`,
// an `own` handler gets `ctx.transact`.
import type { ChannelName, ChannelOutput, Contract, ParsedInput } from '../../shared/contract/index';
import type { OwnTransactionsContext, ReadContext, WriteContext } from './context';

type EffectKind<C extends ChannelName> = Contract[C]['effect']['kind'];

export type ContextFor<C extends ChannelName> =
  EffectKind<C> extends 'write' ? WriteContext : EffectKind<C> extends 'read' ? ReadContext : OwnTransactionsContext;

export type Handler<C extends ChannelName> = (
  input: ParsedInput<C>,
  ctx: ContextFor<C>,
) => Promise<ChannelOutput<C>> | ChannelOutput<C>;
export type HandlerMap<K extends ChannelName> = { [C in K]: Handler<C> };

export function defineHandlers<K extends ChannelName>(handlers: HandlerMap<K>): HandlerMap<K> {
  return handlers;
}
