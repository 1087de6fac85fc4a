// The count under a grid's title. A quick search counts at most 1,000 matches (counting every
// "smith" among 100,000 people costs more than the page), so past the cap it says "1,000+" and
// offers "Count all", which asks the backend for the exact number of the view shown.
import { useCallback, useState } from 'react';
import type { GridQuery } from '../../shared/contract/common';
import type { Result } from '../../shared/result';
import type { ServerGridHandle } from './ServerGrid';

interface Counted {
  total: number;
  capped: boolean;
}

export interface GridTotal {
  /** null while the first page loads. */
  counted: Counted | null;
  onTotal(total: number, capped: boolean): void;
  countAll(): Promise<void>;
  counting: boolean;
}

export function useGridTotal<Row extends { id: number }>(
  grid: React.RefObject<ServerGridHandle<Row> | null>,
  fetchPage: (query: GridQuery) => Promise<Result<{ total: number }>>,
  view: { search: string; preset?: string | undefined },
  onError: (message: string) => void,
): GridTotal {
  const [counted, setCounted] = useState<Counted | null>(null);
  const [counting, setCounting] = useState(false);
  const onTotal = useCallback((total: number, capped: boolean) => setCounted({ total, capped }), []);
  const countAll = async () => {
    setCounting(true);
    const result = await fetchPage({
      offset: 0,
      limit: 1,
      search: view.search,
      sort: [],
      filters: (grid.current?.api()?.getFilterModel() ?? {}) as GridQuery['filters'],
      ...(view.preset ? { preset: view.preset } : {}),
      countAll: true,
    });
    setCounting(false);
    if (!result.ok) return onError(result.error.message);
    setCounted({ total: result.value.total, capped: false });
  };
  return { counted, onTotal, countAll, counting };
}

/** "1,204 outcomes", or "1,000+ matches" with a "Count all" button past the cap (only a search is capped). */
export function GridTotalText({ state, noun }: { state: GridTotal; noun: (n: number) => string }) {
  const { counted } = state;
  if (counted === null) return <>Loading…</>;
  const figure = counted.total.toLocaleString('en-GB');
  if (!counted.capped) return <>{`${figure} ${noun(counted.total)}`}</>;
  return (
    <>
      <span>{`${figure}+ matches`}</span>{' '}
      <button type="button" className="link-button" onClick={() => void state.countAll()} disabled={state.counting}>
        {state.counting ? 'Counting…' : 'Count all'}
      </button>
    </>
  );
}
