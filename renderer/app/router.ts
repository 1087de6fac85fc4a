// The one router: the hash ("#/participants/42/timeline?from=2025-04-01"), which works from both
// app:// and the browser harness and survives a reload. The path picks the page (see route.ts
// and routes.tsx); the query keeps what a page's user chose (a period, a filter) so Back and a
// reload bring it back. Links and navigate() take paths made by the areas' route tables.
import { useCallback, useMemo, useSyncExternalStore } from 'react';
import { pathSegments, queryString, type Query } from './route';

const listeners = new Set<() => void>();
const notify = () => listeners.forEach((l) => l());
const entering = new Set<(hash: string) => void>();
// Told first, in the same step: React renders the new address only after this listener returns.
window.addEventListener('hashchange', () => {
  for (const fn of entering) fn(window.location.hash);
  notify();
});

/** `fn` is told of each new address (a link, Back, a typed address) before any screen renders it,
 * so a screen whose answer takes long can ask for it while the screen it replaces is taken down. */
export function onAddressEntered(fn: (hash: string) => void): void {
  entering.add(fn);
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
const readHash = () => window.location.hash;

/** The current address's query (what a page kept there: a period, a filter). */
export function currentQuery(hash = window.location.hash): URLSearchParams {
  return new URLSearchParams(hash.split('?')[1] ?? '');
}

/** Goes to a path made by a route (`participantsRoutes.person.path({ id })`). With `replace` the
 * current history entry is changed instead of a new one added (Back skips it). */
export function navigate(path: string, options: { replace?: boolean } = {}): void {
  const target = `#/${path.replace(/^[#/]+/, '')}`;
  if (window.location.hash === target) return;
  if (options.replace) {
    history.replaceState(history.state, '', target);
    notify();
  } else window.location.hash = target;
}

/** Changes part of the query of the current address in place (no new history entry). */
export function setSearchParams(patch: Query): void {
  const [path] = window.location.hash.split('?');
  const query = Object.fromEntries(currentQuery());
  const next = queryString({ ...query, ...patch });
  const target = `${path || '#/'}${next}`;
  if (target === window.location.hash) return;
  history.replaceState(history.state, '', target);
  notify();
}

/** The current path's segments, re-rendering when it changes. */
export function useRoute(): string[] {
  const hash = useSyncExternalStore(subscribe, readHash);
  const path = hash.split('?')[0] ?? '';
  // A new array only when the path itself changes, not the query.
  return useMemo(() => pathSegments(path), [path]);
}

/** One value of the current address's query and a setter that keeps it there:
 * `const [from, setFrom] = useSearchParam('from')`. */
export function useSearchParam(name: string): [string | null, (value: string | number | null) => void] {
  const hash = useSyncExternalStore(subscribe, readHash);
  const value = currentQuery(hash).get(name);
  const set = useCallback((next: string | number | null) => setSearchParams({ [name]: next }), [name]);
  return [value, set];
}
