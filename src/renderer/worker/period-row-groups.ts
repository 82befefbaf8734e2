/**
 * A chain's rows inside [fromMs, toMs), in chain order (user_seq, then id), in groups of about
 * PAGES_PER_READ rows pages: the next group is read while the caller encodes the current one, and no
 * more than two groups (plus rows that must wait for a page read later) are in memory at once.
 *
 * Which pages to read is decided without reading any: the period's id range comes from the chain's
 * columns, each page's id range from its key (pageKey ends in its smallest id) and the [chainKey+maxId]
 * index. Pages are read in order of their smallest id; after a group, every row below the next
 * page's smallest id is final and goes out in id order — which is chain order whenever the chain's ids
 * rise with user_seq (checked on the columns; otherwise the period is read whole and sorted).
 */
import type { TransactionLogRow } from '../../core/providers/deribit/types';
import type { ChainColumns } from '../../core/recon/chain-columns';
import type { Period } from '../../core/recon/types';
import type { ReconcilerDatabase } from '../db/database';

/** 40 pages of 250 rows: 10,000 rows a read. */
export const PAGES_PER_READ = 40;

export interface PageSpan {
  readonly pageKey: string;
  readonly minId: number;
  readonly maxId: number;
}

/**
 * Some of a chain's pages of the period, read on their own (by another thread, export-split.ts): no row
 * of the pages before the slice can come after one of its rows, nor any row of the pages after before
 * one. `idOrdered` false: the chain's ids do not follow its order; the slice is every page, sorted whole.
 */
export interface RowSlice {
  readonly pages: readonly PageSpan[];
  readonly idOrdered: boolean;
}

const chainOrder = (a: TransactionLogRow, b: TransactionLogRow): number => a.userSeq - b.userSeq || a.id - b.id;
const idOrder = (a: TransactionLogRow, b: TransactionLogRow): number => a.id - b.id;

/** Sorts in place unless already in order (the common case: pages hold runs of consecutive rows). */
function sortIfNeeded(rows: TransactionLogRow[], order: (a: TransactionLogRow, b: TransactionLogRow) => number): TransactionLogRow[] {
  for (let i = 1; i < rows.length; i++) if (order(rows[i - 1] as TransactionLogRow, rows[i] as TransactionLogRow) > 0) return rows.sort(order);
  return rows;
}

/** True when ids rise strictly along the chain's (user_seq, id) order, so id order is chain order. */
export function idsFollowChainOrder(columns: ChainColumns): boolean {
  for (let i = 1; i < columns.count; i++) if ((columns.ids[i] as number) <= (columns.ids[i - 1] as number)) return false;
  return true;
}

/** The rows pages holding an id of the period, by smallest id. */
async function pagesMeeting(db: ReconcilerDatabase, columns: ChainColumns, period: Period): Promise<PageSpan[]> {
  let minId = Infinity;
  let maxId = -Infinity;
  for (let i = 0; i < columns.count; i++) {
    const t = columns.timestamps[i] as number;
    if (t < period.fromMs || t >= period.toMs) continue;
    const id = columns.ids[i] as number;
    if (id < minId) minId = id;
    if (id > maxId) maxId = id;
  }
  if (minId > maxId) return [];
  const chainKey = columns.chainKey;
  const { maxKeys, pageKeys } = await db.transaction('r', db.ledger, async () => {
    const pages = db.ledger.where('[chainKey+maxId]').between([chainKey, minId], [chainKey, Infinity], true, true);
    return { maxKeys: await pages.keys(), pageKeys: await pages.primaryKeys() };
  });
  const spans: PageSpan[] = [];
  pageKeys.forEach((pageKey, i) => {
    const pageMin = Number(pageKey.slice(pageKey.lastIndexOf('|') + 1));
    const pageMax = (maxKeys[i] as unknown as readonly [string, number] | undefined)?.[1] ?? Infinity;
    if (pageMin <= maxId && pageMax >= minId) spans.push({ pageKey, minId: pageMin, maxId: pageMax });
  });
  return spans.sort((a, b) => a.minId - b.minId);
}

async function readInPeriod(db: ReconcilerDatabase, spans: readonly PageSpan[], period: Period): Promise<TransactionLogRow[]> {
  const rows: TransactionLogRow[] = [];
  for (const page of await db.ledgerRows.bulkGet(spans.map((s) => s.pageKey))) {
    if (page === undefined) continue;
    for (const row of page.rows) if (row.timestamp >= period.fromMs && row.timestamp < period.toMs) rows.push(row);
  }
  return rows;
}

export async function* periodRowGroups(db: ReconcilerDatabase, columns: ChainColumns, period: Period): AsyncGenerator<TransactionLogRow[]> {
  const pages = await pagesMeeting(db, columns, period);
  if (pages.length > 0) yield* sliceRowGroups(db, { pages, idOrdered: idsFollowChainOrder(columns) }, period);
}

/**
 * The chain's pages of the period cut into slices of about `pagesPerSlice` pages, each cut where no
 * page before it holds an id at or above the next page's smallest (pages of one chain hold runs of
 * ids, so almost every page boundary is one). A chain whose ids do not follow its order is one slice.
 */
export async function chainSlices(db: ReconcilerDatabase, columns: ChainColumns, period: Period, pagesPerSlice: number): Promise<RowSlice[]> {
  const pages = await pagesMeeting(db, columns, period);
  if (pages.length === 0) return [];
  if (!idsFollowChainOrder(columns)) return [{ pages, idOrdered: false }];
  const slices: RowSlice[] = [];
  let start = 0;
  let maxBefore = -Infinity;
  for (let i = 0; i < pages.length; i++) {
    const page = pages[i] as PageSpan;
    if (i - start >= pagesPerSlice && maxBefore < page.minId) {
      slices.push({ pages: pages.slice(start, i), idOrdered: true });
      start = i;
    }
    maxBefore = Math.max(maxBefore, page.maxId);
  }
  slices.push({ pages: pages.slice(start), idOrdered: true });
  return slices;
}

/** A slice's rows in the period, in chain order, in groups of about PAGES_PER_READ pages (see the file's header). */
export async function* sliceRowGroups(db: ReconcilerDatabase, slice: RowSlice, period: Period): AsyncGenerator<TransactionLogRow[]> {
  const spans = slice.pages;
  if (spans.length === 0) return;
  if (!slice.idOrdered) {
    const rows = sortIfNeeded(await readInPeriod(db, spans, period), chainOrder);
    if (rows.length > 0) yield rows;
    return;
  }
  const groups: PageSpan[][] = [];
  for (let start = 0; start < spans.length; start += PAGES_PER_READ) groups.push(spans.slice(start, start + PAGES_PER_READ));
  let waiting: TransactionLogRow[] = [];
  let next: Promise<TransactionLogRow[]> | null = readInPeriod(db, groups[0] as PageSpan[], period);
  for (let g = 0; g < groups.length; g++) {
    const rows: TransactionLogRow[] = await (next as Promise<TransactionLogRow[]>);
    const following = groups[g + 1];
    next = following === undefined ? null : readInPeriod(db, following, period);
    // Read ahead: should the caller stop early (a cancel), this read's failure must not go unhandled.
    next?.catch(() => undefined);
    const pool = sortIfNeeded(waiting.length === 0 ? rows : waiting.concat(rows), idOrder);
    // Rows below the next page's smallest id cannot be preceded by anything still unread.
    const boundary = following?.[0]?.minId ?? Infinity;
    let cut = pool.length;
    while (cut > 0 && (pool[cut - 1] as TransactionLogRow).id >= boundary) cut--;
    waiting = pool.slice(cut);
    if (cut > 0) yield cut === pool.length ? pool : pool.slice(0, cut);
  }
}
