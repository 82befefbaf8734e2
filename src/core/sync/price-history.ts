/**
 * Downloads an index's daily delivery prices (Deribit `public/get_delivery_prices`, offset paging, newest
 * first as documented) far enough back to price every cached row, and no further than needed:
 *   - stops once a page reaches `oldestNeeded` and the newest days are joined to what is already held;
 *   - never trusts the order of a page (its own oldest/newest are computed) nor the total;
 *   - a short or empty page means Deribit has nothing older (`reachedStart`);
 *   - a page that brings no new day (a server ignoring `offset`) ends the download instead of looping.
 */
import type { DeliveryPrice, DeliveryPricePage } from '../providers/deribit/price-responses';

export interface PriceHistorySource {
  fetch(indexName: string, offset: number, count: number): Promise<DeliveryPricePage>;
}

export interface HeldRange {
  readonly oldest: string | null;
  readonly newest: string | null;
  /** An earlier download reached the first day Deribit has. */
  readonly reachedStart: boolean;
}

export interface PriceHistoryResult {
  /** New or re-read days, one per date. */
  readonly records: readonly DeliveryPrice[];
  readonly reachedStart: boolean;
  readonly requests: number;
  /** Set when the download stopped for a reason other than having enough (a server repeating a page). */
  readonly stoppedEarly: string | null;
}

export const PRICE_PAGE_SIZE = 1000;
/** 100 pages of 1000 days: far more than any index's history; a guard against a server that never ends. */
const MAX_PAGES = 100;

export async function downloadIndexHistory(
  source: PriceHistorySource,
  indexName: string,
  oldestNeeded: string,
  held: HeldRange,
  options: { readonly pageSize?: number; readonly isCancelled?: () => boolean } = {},
): Promise<PriceHistoryResult> {
  const pageSize = options.pageSize ?? PRICE_PAGE_SIZE;
  const byDate = new Map<string, DeliveryPrice>();
  // What is held covers the past when it reaches back far enough (or to Deribit's first day).
  const pastCovered = held.oldest !== null && (held.oldest <= oldestNeeded || held.reachedStart);
  let offset = 0;
  let requests = 0;
  let reachedStart = held.reachedStart;
  let stoppedEarly: string | null = null;
  let ascending = false;
  for (let page = 0; page < MAX_PAGES; page++) {
    if (options.isCancelled?.()) break;
    const answer = await source.fetch(indexName, offset, pageSize);
    requests++;
    let added = 0;
    let pageOldest: string | null = null;
    // A page listed oldest first (a server that ignores the documented order) says nothing about how far
    // back the next page goes: read to the end instead of stopping early.
    const first = answer.records[0]?.date;
    const last = answer.records[answer.records.length - 1]?.date;
    if (first !== undefined && last !== undefined && first < last) ascending = true;
    for (const r of answer.records) {
      if (!byDate.has(r.date)) added++;
      byDate.set(r.date, r);
      if (pageOldest === null || r.date < pageOldest) pageOldest = r.date;
    }
    offset += answer.records.length;
    if (answer.records.length < pageSize || (answer.total !== null && offset >= answer.total)) {
      reachedStart = true;
      break;
    }
    if (added === 0) {
      stoppedEarly = `Deribit sent the same ${indexName} prices again for a later page; the download stopped there`;
      break;
    }
    // Pages run from today backwards: stop once this one reaches the oldest day needed, or joins the held
    // days when those already reach that far.
    const oldest = pageOldest as string;
    if (ascending) continue;
    if (oldest <= oldestNeeded) break;
    if (pastCovered && held.newest !== null && oldest <= held.newest) break;
  }
  if (stoppedEarly === null && byDate.size > 0 && !reachedStart && requests >= MAX_PAGES) {
    stoppedEarly = `${indexName}: stopped after ${MAX_PAGES} pages`;
  }
  return { records: [...byDate.values()], reachedStart, requests, stoppedEarly };
}
