/**
 * One view over one cached table, configured per grid (Transactions, Access log, Login events): index-
 * backed filters, a quick search, the count for the current filter, the grid, and the selected row's
 * details behind a toggle (open by default only on wide windows, so the amounts keep the width).
 * Filters, search, sort, column widths and the details toggle are remembered per view (grid-view-state).
 */
import { useCallback, useEffect, useId, useMemo, useState, type ReactNode } from 'react';
import type { Dexie } from 'dexie';
import { db } from '../../db/db-instance';
import { useCacheChanges } from '../../state/cache-change-store';
import type { CountCandidate } from '../cache-paging/index-row-count';
import { countRows } from '../cache-paging/index-row-count';
import type { IndexQueryPlan } from '../cache-paging/index-query-plan';
import { formatCount } from '../formatting/utc-time';
import { formatZonedTime } from '../formatting/zoned-time';
import { CachedRowsGrid, type GridRevealRequest } from './cached-rows-grid';
import { FilterSelect } from './filter-select';
import type { GridColumn, GridDisplay } from './grid-columns';
import type { IndexedSort } from './grid-sort';
import { useGridViews, useGridViewState } from './grid-view-state';
import { QuickSearchInput } from './quick-search-input';
import { RowDetailsPanel, type DetailLine } from './row-details-panel';
import { useGridDisplay } from './use-grid-display';
import { useIndexChoices } from './use-index-choices';
import { useRowCount } from './use-row-count';
import { useThrottledValue } from './use-throttled-value';

const REFRESH_INTERVAL_MS = 2000;
/** Below this window width the details start closed, so the amount columns keep the room. */
export const DETAILS_OPEN_MIN_WIDTH = 1600;

export interface GridFilterSpec<C> {
  readonly id: string;
  readonly label: string;
  readonly allLabel: string;
  /** The values an index holds (distinct, ascending). */
  readonly load: (db: Dexie) => Promise<readonly string[]>;
  readonly optionLabel?: (value: string, context: C) => string;
}

export type FilterValues = Readonly<Record<string, string | null>>;

/** What a reveal request resolves to: the row, the filters that hold it, its index in the default order. */
export interface RevealTarget<T> {
  readonly row: T;
  readonly filters: FilterValues;
  readonly index: number;
  readonly note: string;
}

export interface RevealSource<T> {
  readonly key: number;
  readonly locate: () => Promise<RevealTarget<T> | null>;
  readonly missingNote: string;
  readonly handled: () => void;
}

export interface CachedRowsViewConfig<T, F extends string, Filter, C> {
  /** Remembered-state key, also used for element ids. */
  readonly viewId: string;
  readonly title: string;
  readonly gridLabel: string;
  readonly noun: { readonly one: string; readonly many: string };
  readonly table: string;
  readonly filters: readonly GridFilterSpec<C>[];
  readonly toFilter: (values: FilterValues, search: string) => Filter;
  /** `choices`: the loaded values of each filter (e.g. every account, to merge a walk per account). */
  readonly planQuery: (filter: Filter, sort: IndexedSort<F>, choices: Readonly<Record<string, readonly string[]>>) => IndexQueryPlan<T>;
  readonly planCount: (filter: Filter) => CountCandidate<T>[];
  readonly sortFields: readonly F[];
  readonly defaultSort: IndexedSort<F>;
  readonly columns: readonly GridColumn<T, C>[];
  readonly rowId: (row: T) => string;
  readonly raw: (row: T) => string;
  readonly timestamp: (row: T) => number;
  readonly detailsTitle: (row: T, context: C) => string;
  /** Extra labelled lines in the details (a price source, a fee currency…). */
  readonly detailsLines?: (row: T, context: C, display: GridDisplay) => readonly DetailLine[];
  readonly search: { readonly label: string; readonly placeholder: string };
  readonly empty: ReactNode;
}

export function CachedRowsView<T, F extends string, Filter, C>({
  config,
  context,
  reveal = null,
}: {
  readonly config: CachedRowsViewConfig<T, F, Filter, C>;
  readonly context: C;
  readonly reveal?: RevealSource<T> | null;
}) {
  const { viewId } = config;
  const remembered = useGridViewState(viewId);
  const update = useGridViews((s) => s.update);
  const display = useGridDisplay();
  const version = useThrottledValue(useCacheChanges((s) => s.version), REFRESH_INTERVAL_MS);
  const [selected, setSelected] = useState<T | null>(null);
  const [readError, setReadError] = useState<string | null>(null);
  const [sortNote, setSortNote] = useState<string | null>(null);
  const [copied, setCopied] = useState<string | null>(null);
  const [gridReveal, setGridReveal] = useState<GridRevealRequest | null>(null);
  const [revealNote, setRevealNote] = useState<string | null>(null);
  // Remounting the quick search resets its text when a reveal replaces the filters.
  const [searchGeneration, setSearchGeneration] = useState(0);
  const [wide, setWide] = useState(() => window.innerWidth >= DETAILS_OPEN_MIN_WIDTH);
  const detailsId = useId();

  useEffect(() => {
    const onResize = (): void => setWide(window.innerWidth >= DETAILS_OPEN_MIN_WIDTH);
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);
  const detailsOpen = remembered.detailsOpen ?? wide;

  // Each filter's choices, loaded from its index (hooks in a fixed order: the filter list never changes).
  const choices: Record<string, readonly string[]> = {};
  for (const spec of config.filters) {
    // A hook in a loop is safe here: config.filters is a constant per view, so the order never changes.
    choices[spec.id] = useIndexChoices(() => spec.load(db), version);
  }
  const choiceKey = config.filters.map((f) => (choices[f.id] ?? []).join('\u0001')).join('\u0002');
  // choiceKey names the contents: the object keeps its identity while they stay the same.
  const stableChoices = useMemo(() => choices, [choiceKey]);

  const values: FilterValues = remembered.filters;
  const search = remembered.search;
  const filterKey = JSON.stringify([values, search]);
  // filterKey names the contents.
  const filter = useMemo(() => config.toFilter(values, search), [filterKey]);

  const total = useRowCount(() => db.table(config.table).count(), 'all', version);
  const count = useRowCount((isCancelled) => countRows(db, config.table, config.planCount(filter), isCancelled), filterKey, version);
  const planFor = useCallback((sort: IndexedSort<F>) => config.planQuery(filter, sort, stableChoices), [config, filter, stableChoices]);

  const setFilter = (id: string, value: string | null): void => {
    const next: Record<string, string> = {};
    for (const [k, v] of Object.entries(values)) if (v !== null && k !== id) next[k] = v;
    if (value !== null) next[id] = value;
    update(viewId, { filters: next });
  };
  const onSearch = useCallback((text: string) => update(viewId, { search: text }), [update, viewId]);
  const onSelect = useCallback((row: T | null) => setSelected(row), []);
  const onReadError = useCallback((e: unknown) => setReadError(e instanceof Error ? e.message : String(e)), []);

  useEffect(() => {
    if (reveal === null) return;
    let stale = false;
    reveal.locate().then(
      (target) => {
        if (stale) return;
        reveal.handled();
        if (target === null) {
          setRevealNote(reveal.missingNote);
          return;
        }
        const filters: Record<string, string> = {};
        for (const [k, v] of Object.entries(target.filters)) if (v !== null) filters[k] = v;
        update(viewId, { filters, search: '', sort: null, detailsOpen: true });
        setSearchGeneration((g) => g + 1);
        setSelected(target.row);
        setRevealNote(target.note);
        setGridReveal({ rowId: config.rowId(target.row), index: target.index, key: reveal.key });
      },
      (e: unknown) => setReadError(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      stale = true;
    };
    // A new request has a new key.
  }, [reveal?.key]);

  const headingId = `${viewId}-heading`;
  const detailLines: DetailLine[] = selected
    ? [
        { label: 'Time (UTC)', value: new Date(config.timestamp(selected)).toISOString() },
        ...(display.zone !== 'UTC' ? [{ label: `Time (${display.zoneLabel})`, value: `${formatZonedTime(config.timestamp(selected), display.zone)}.${String(config.timestamp(selected) % 1000).padStart(3, '0')}` }] : []),
        ...(config.detailsLines?.(selected, context, display) ?? []),
      ]
    : [];

  return (
    <section className="view view--grid" aria-labelledby={headingId}>
      <h2 id={headingId}>{config.title}</h2>
      <p role="status" className="grid-count">
        {count === null ? `Counting ${config.noun.many}…` : formatCount(count, config.noun.one, config.noun.many, display.locale)}
      </p>
      {total === 0 ? (
        <div className="empty-state">{config.empty}</div>
      ) : (
        // The grid opens while the total is still being counted: its first block does not wait for the count.
        <>
          <div className="grid-toolbar" role="group" aria-label={`${config.title} filters`}>
            {config.filters.map((spec) => (
              <FilterSelect
                key={spec.id}
                label={spec.label}
                allLabel={spec.allLabel}
                value={values[spec.id] ?? null}
                onChange={(value) => setFilter(spec.id, value)}
                choices={(stableChoices[spec.id] ?? []).map((v) => ({ value: v, label: spec.optionLabel ? spec.optionLabel(v, context) : v }))}
              />
            ))}
            <QuickSearchInput key={searchGeneration} label={config.search.label} placeholder={config.search.placeholder} initial={search} onSearch={onSearch} />
            <button
              type="button"
              className="button details-toggle"
              aria-expanded={detailsOpen}
              aria-controls={detailsId}
              onClick={() => update(viewId, { detailsOpen: !detailsOpen })}
            >
              {detailsOpen ? 'Hide details' : 'Show details'}
            </button>
          </div>
          {readError !== null ? (
            <p role="alert" className="error-text">
              Could not read the cache: {readError}
            </p>
          ) : null}
          {count === 0 ? <p className="muted">No {config.noun.many} match these filters.</p> : null}
          {sortNote !== null ? <p role="status" className="muted">{sortNote}</p> : null}
          {revealNote !== null ? (
            <p role="status" className="muted">
              {revealNote}
            </p>
          ) : null}
          <p role="status" className="sr-only">
            {copied}
          </p>
          <div className="grid-and-details">
            <CachedRowsGrid<T, F, C>
              gridLabel={config.gridLabel}
              columns={config.columns}
              display={display}
              viewContext={context}
              planFor={planFor}
              sortFields={config.sortFields}
              defaultSort={config.defaultSort}
              sort={remembered.sort}
              onSortChange={(sort) => update(viewId, { sort })}
              widths={remembered.widths}
              onWidthsChange={(widths) => update(viewId, { widths })}
              rowCount={count}
              refreshToken={version}
              rowId={config.rowId}
              onSelect={onSelect}
              onReadError={onReadError}
              onNote={setSortNote}
              onCopied={(_text, cells) => setCopied(`Copied ${cells === 1 ? 'the cell' : `${cells} cells`}.`)}
              reveal={gridReveal}
              onRevealed={(found) => {
                if (!found) setRevealNote('The row could not be scrolled into view; it is shown in the details panel.');
              }}
            />
            {detailsOpen ? (
              <RowDetailsPanel
                id={detailsId}
                raw={selected ? config.raw(selected) : null}
                title={selected ? config.detailsTitle(selected, context) : null}
                lines={detailLines}
              />
            ) : null}
          </div>
        </>
      )}
    </section>
  );
}
