// A saved grid view that uses special-category columns (ethnic group, disability): showing one,
// sorting by it or filtering on it all reveal it, so applying such a view asks why first, like
// ticking the column in the chooser. Without a purpose the view applies without those columns:
// hidden, and their sort and filter left out (a filter on a hidden column would still say who has
// which value).

interface ViewColumns {
  columns?: readonly { colId: string; hide?: boolean | undefined; width?: number | undefined }[] | undefined;
  sort?: readonly { colId: string; sort: 'asc' | 'desc' }[] | undefined;
  filters?: Readonly<Record<string, unknown>> | undefined;
}

/** The special-category columns the view shows, sorts by or filters on, in `special`'s order. */
export function specialColumnsUsed<C extends string>(view: ViewColumns, special: readonly C[]): C[] {
  const used = new Set<string>([
    ...(view.columns ?? []).filter((c) => !c.hide).map((c) => c.colId),
    ...(view.sort ?? []).map((s) => s.colId),
    ...Object.keys(view.filters ?? {}),
  ]);
  return special.filter((colId) => used.has(colId));
}

/** The view without `colIds`: hidden, not sorted by, not filtered on. */
export function viewWithout<V extends ViewColumns>(view: V, colIds: readonly string[]): V {
  const out = (colId: string) => colIds.includes(colId);
  return {
    ...view,
    columns: (view.columns ?? []).map((c) => (out(c.colId) ? { ...c, hide: true } : c)),
    sort: (view.sort ?? []).filter((s) => !out(s.colId)),
    filters: Object.fromEntries(Object.entries(view.filters ?? {}).filter(([colId]) => !out(colId))),
  };
}
