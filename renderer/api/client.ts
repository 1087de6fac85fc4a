// The typed client: `api.call('participants.page', {...})` with input and output types taken
// from the contract. Errors come back as data, never thrown.
import type { ChannelInput, ChannelName, ChannelOutput } from '../../shared/contract/index';
import type { Result } from '../../shared/result';
import type { BackendEvent } from '../../shared/events';
import { transport } from './transport';

export const api = {
  call<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<Result<ChannelOutput<C>>> {
    return transport.call(channel, input) as Promise<Result<ChannelOutput<C>>>;
  },
  onEvent(listener: (event: BackendEvent) => void): () => void {
    return transport.onEvent(listener);
  },
  onMenuCommand(listener: (command: string) => void): () => void {
    return transport.onMenuCommand(listener);
  },
};
