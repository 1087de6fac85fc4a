// React hook: load a channel's answer, reload it when the inputs change or when the backend
// says the data of one of `areas` changed.
import { useCallback, useEffect, useRef, useState } from 'react';
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
  // Which request the shown answer is for: loading until the latest request has answered (the
  // previous answer stays shown meanwhile).
  const request = `${tick}:${channel}:${key}`;
  const [state, setState] = useState<{ request?: string; data?: ChannelOutput<C>; error?: AppError }>({});
  const latest = useRef('');
  const reload = useCallback(() => setTick((t) => t + 1), []);

  useEffect(() => {
    if (options.skip) return;
    latest.current = request;
    void api.call(channel, JSON.parse(key) as ChannelInput<C>).then((result) => {
      if (request !== latest.current) return;
      setState(result.ok ? { request, data: result.value } : { request, error: result.error });
    });
  }, [channel, key, request, options.skip]);

  const areas = (options.areas ?? []).join(',');
  useEffect(() => {
    if (!areas) return;
    const wanted = new Set(areas.split(','));
    return api.onEvent((event) => {
      if (event.type === 'data-changed' && event.areas.some((a) => a === '*' || wanted.has(a))) reload();
    });
  }, [areas, reload]);

  const loading = !options.skip && state.request !== request;
  return { data: state.data, error: state.error, loading, reload };
}
