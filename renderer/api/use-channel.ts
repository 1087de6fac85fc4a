// React hook: load a channel's answer, reload it when the inputs change or when the backend
// says the data of one of `areas` changed.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ChannelInput, ChannelName, ChannelOutput } from '../../shared/contract/index';
import type { AppError } from '../../shared/result';
import type { DataArea } from '../../shared/contract/define';
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
  const [state, setState] = useState<{ data?: ChannelOutput<C>; error?: AppError; loading: boolean }>({
    loading: !options.skip,
  });
  const [tick, setTick] = useState(0);
  const key = JSON.stringify(input);
  const latest = useRef(0);
  const reload = useCallback(() => setTick((t) => t + 1), []);

  useEffect(() => {
    if (options.skip) return;
    const request = ++latest.current;
    setState((s) => ({ ...s, loading: true }));
    void api.call(channel, JSON.parse(key) as ChannelInput<C>).then((result) => {
      if (request !== latest.current) return;
      setState(result.ok ? { data: result.value, loading: false } : { error: result.error, loading: false });
    });
  }, [channel, key, tick, options.skip]);

  const areas = (options.areas ?? []).join(',');
  useEffect(() => {
    if (!areas) return;
    const wanted = new Set(areas.split(','));
    return api.onEvent((event) => {
      if (event.type === 'data-changed' && event.areas.some((a) => a === '*' || wanted.has(a))) reload();
    });
  }, [areas, reload]);

  return { data: state.data, error: state.error, loading: state.loading, reload };
}
