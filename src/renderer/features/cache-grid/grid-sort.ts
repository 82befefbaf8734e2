/** The grid's sort model → one indexed sort; anything else falls back to the default order. */

export interface GridSortModelItem {
  readonly colId: string;
  readonly sort: 'asc' | 'desc' | null | undefined;
}

export interface IndexedSort<F extends string> {
  readonly field: F;
  readonly descending: boolean;
}

export function sortFromModel<F extends string>(
  model: readonly GridSortModelItem[] | null | undefined,
  fields: readonly F[],
  fallback: IndexedSort<F>,
): IndexedSort<F> {
  const first = model?.find((item) => item.sort === 'asc' || item.sort === 'desc');
  if (!first) return fallback;
  const field = fields.find((f) => f === first.colId);
  return field === undefined ? fallback : { field, descending: first.sort === 'desc' };
}
