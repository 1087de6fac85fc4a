// React hook: load a channel's answer, reload it when the inputs change or when the backend
// says the data of one of `areas` changed.
import { useCallback, useEffect, useState } from 'react';
import type { ChannelInput, ChannelName, ChannelOutput } from '../../shared/contract/index';
import type { DataArea } from '../../shared/contract/define';
import type { AppError } from '../../shared/result';
import { api } from './client';

export interface ChannelState<T> {
  data: T | undefined;
  error: AppError | undefined;
  loading: boolean;
  reload(): void;
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
    void api.call(channel, JSON.parse(key) as ChannelInput<C>).then((result) => {
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
