// React hook: load a channel's answer, reload it when the inputs change or when the backend
// says the data of one of `areas` changed.
import { useCallback, useEffect, useState } from 'react';
import type { ChannelInput, ChannelName, ChannelOutput } from '../../shared/contract/index';
import type { DataArea } from '../../shared/contract/define';
import type { AppError, Result } from '../../shared/result';
import { api } from './client';

export interface ChannelState<T> {
  data: T | undefined;
  error: AppError | undefined;
  loading: boolean;
  reload(): void;
}

/** Answers asked for before their screen rendered (sendEarly), each taken by the first useChannel
 * of the same channel and input; one not taken within a few seconds, or asked for before a data
 * change, is not used. */
const early = new Map<string, { at: number; answer: Promise<Result<unknown>> }>();
const EARLY_KEPT_MS = 5000;
let forgetEarlyOnChange = false;

/** Asks for a channel's answer now, for the screen about to render that asks for it (see
 * onAddressEntered in router.ts); the answer is also returned, for a screen that asks for a second
 * answer as soon as the first is in. */
export function sendEarly<C extends ChannelName>(
  channel: C,
  input: ChannelInput<C>,
): Promise<Result<ChannelOutput<C>>> {
  if (!forgetEarlyOnChange) {
    forgetEarlyOnChange = true;
    api.onEvent((event) => event.type === 'data-changed' && early.clear());
  }
  const answer = api.call(channel, input);
  early.set(`${channel}|${JSON.stringify(input)}`, { at: performance.now(), answer });
  return answer;
}

function takeEarly(id: string): Promise<Result<unknown>> | undefined {
  const sent = early.get(id);
  early.delete(id);
  return sent && performance.now() - sent.at < EARLY_KEPT_MS ? sent.answer : undefined;
}

export function useChannel<C extends ChannelName>(
  channel: C,
  input: ChannelInput<C>,
  options: { areas?: readonly DataArea[]; skip?: boolean } = {},
): ChannelState<ChannelOutput<C>> {
  const [tick, setTick] = useState(0);
  const key = JSON.stringify(input);
  // The answer of the last request that finished, with the request it answers: loading until the
  // current request's answer is in (the previous data stays shown meanwhile).
  const request = `${key}#${tick}`;
  const [state, setState] = useState<{ request: string; data?: ChannelOutput<C>; error?: AppError } | null>(null);
  const reload = useCallback(() => setTick((t) => t + 1), []);

  useEffect(() => {
    if (options.skip) return;
    let live = true;
    // A reload (tick > 0) asks afresh.
    const sent = (!request.endsWith('#0') ? undefined : takeEarly(`${channel}|${key}`)) as
      Promise<Result<ChannelOutput<C>>> | undefined;
    void (sent ?? api.call(channel, JSON.parse(key) as ChannelInput<C>)).then((result) => {
      if (live) setState(result.ok ? { request, data: result.value } : { request, error: result.error });
    });
    return () => {
      live = false;
    };
  }, [channel, key, request, options.skip]);

  const areas = (options.areas ?? []).join(',');
  useEffect(() => {
    if (!areas) return;
    const wanted = new Set(areas.split(','));
    return api.onEvent((event) => {
      if (event.type === 'data-changed' && event.areas.some((a) => a === '*' || wanted.has(a))) reload();
    });
  }, [areas, reload]);

  return {
    data: state?.data,
    error: state?.error,
    loading: !options.skip && state?.request !== request,
    reload,
  };
}
