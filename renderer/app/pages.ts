// An area's pages: which route shows which screen. The shell tries them in order and shows the
// one not-found page when none matches.
import type { ReactNode } from 'react';
import type { Params, Route } from './route';

export interface Page {
  /** The screen for this path, or null when the path is not this page's. */
  render(path: readonly string[]): ReactNode | null;
}

export function page<P extends string, C>(route: Route<P, C>, render: (params: Params<P, C>) => ReactNode): Page {
  return {
    render: (path) => {
      const params = route.match(path);
      return params ? render(params) : null;
    },
  };
}

/** The first page that shows this path, or null (not found). */
export function pageFor(pages: readonly Page[], path: readonly string[]): ReactNode | null {
  for (const p of pages) {
    const shown = p.render(path);
    if (shown !== null) return shown;
  }
  return null;
}
