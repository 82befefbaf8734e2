/**
 * One balance chain as columns in chain order (user_seq, then id), merged from ledger pages at one
 * common scale. Pages are normally disjoint monotone runs (newest-first as received, or ascending), so
 * the merge is a sort of pages plus typed-array copies; overlapping or unsorted pages fall back to a
 * full index sort. Amounts are BigInt64Array, or plain bigint arrays (exact, unbounded) when some
 * amount does not fit int64 at the common scale.
 */
import type { TransactionLogRow } from '../providers/deribit/types';
import { canonicalKind } from './classify';
import { decimalScale, pow10, toFixed } from './fixed-point';
import { buildLedgerPage } from './ledger-page';
import { chainKeyOf, type ChainId, type LedgerPage } from './types';

export type AmountColumn = BigInt64Array | readonly bigint[];

export interface ChainColumns {
  readonly chain: ChainId;
  readonly chainKey: string;
  readonly count: number;
  readonly ids: Float64Array;
  readonly userSeqs: Float64Array;
  readonly timestamps: Float64Array;
  /** Index into `kindNames` (the merged dictionary of the pages). */
  readonly kindCodes: Uint8Array;
  readonly kindNames: readonly string[];
  /** Fixed point: value = int / 10^scale (the largest page scale). */
  readonly scale: number;
  /** True when the amount columns are plain bigint arrays (int64 overflow at `scale`). */
  readonly wide: boolean;
  readonly changes: AmountColumn;
  readonly balances: AmountColumn;
  /** Positive = paid; 0 when the row has none. */
  readonly commissions: AmountColumn;
  /** Transfers: counterparty user id; -1 otherwise. */
  readonly otherUserIds: Float64Array;
}

const INT64_MAX = (1n << 63n) - 1n;

export function emptyChainColumns(chain: ChainId): ChainColumns {
  return {
    chain, chainKey: chainKeyOf(chain), count: 0, ids: new Float64Array(0), userSeqs: new Float64Array(0),
    timestamps: new Float64Array(0), kindCodes: new Uint8Array(0), kindNames: [], scale: 0, wide: false,
    changes: new BigInt64Array(0), balances: new BigInt64Array(0), commissions: new BigInt64Array(0),
    otherUserIds: new Float64Array(0),
  };
}

/** For tests and small inputs: the rows (all of `chain`, any order) as columns. */
export function chainColumnsFromRows(chain: ChainId, rows: readonly TransactionLogRow[]): ChainColumns {
  if (rows.length === 0) return emptyChainColumns(chain);
  return mergeLedgerPages(chain, [buildLedgerPage(chain, rows)]);
}

type Direction = 'asc' | 'desc' | 'unsorted';

interface PageRun {
  readonly page: LedgerPage;
  readonly direction: Direction;
  /** Index of the smallest and largest (userSeq, id) row. */
  readonly first: number;
  readonly last: number;
}

function keyLess(seqA: number, idA: number, seqB: number, idB: number): boolean {
  return seqA < seqB || (seqA === seqB && idA < idB);
}

function runOf(page: LedgerPage): PageRun {
  const { userSeqs: s, ids, count: n } = page;
  let asc = true;
  let desc = true;
  for (let i = 0; i + 1 < n && (asc || desc); i++) {
    const a = s[i] as number;
    const b = s[i + 1] as number;
    const ia = ids[i] as number;
    const ib = ids[i + 1] as number;
    if (!keyLess(a, ia, b, ib)) asc = false;
    if (!keyLess(b, ib, a, ia)) desc = false;
  }
  const direction: Direction = asc ? 'asc' : desc ? 'desc' : 'unsorted';
  return { page, direction, first: direction === 'desc' ? n - 1 : 0, last: direction === 'desc' ? 0 : n - 1 };
}

function pageScale(page: LedgerPage): number {
  if (page.texts === null) return page.scale;
  let scale = page.scale;
  for (const t of page.texts.changes) scale = Math.max(scale, decimalScale(t));
  for (const t of page.texts.balances) scale = Math.max(scale, decimalScale(t));
  for (const t of page.texts.commissions) if (t !== null) scale = Math.max(scale, decimalScale(t));
  return scale;
}

/** Whether every typed amount of the page still fits int64 once multiplied by 10^d. */
function fitsRescaled(page: LedgerPage, d: number): boolean {
  if (d === 0) return true;
  const limit = INT64_MAX / pow10(d);
  for (const column of [page.changes, page.balances, page.commissions]) {
    for (let i = 0; i < column.length; i++) {
      const v = column[i] as bigint;
      if (v > limit || -v > limit) return false;
    }
  }
  return true;
}

export function mergeLedgerPages(chain: ChainId, pages: readonly LedgerPage[]): ChainColumns {
  const live = pages.filter((p) => p.count > 0);
  if (live.length === 0) return emptyChainColumns(chain);
  const runs = live.map(runOf);
  runs.sort((a, b) => {
    const pa = a.page;
    const pb = b.page;
    const sa = pa.userSeqs[a.first] as number;
    const sb = pb.userSeqs[b.first] as number;
    return sa - sb || (pa.ids[a.first] as number) - (pb.ids[b.first] as number);
  });
  let disjointRuns = true;
  for (let r = 0; r < runs.length && disjointRuns; r++) {
    const run = runs[r] as PageRun;
    if (run.direction === 'unsorted') disjointRuns = false;
    const next = runs[r + 1];
    if (next && !keyLess(run.page.userSeqs[run.last] as number, run.page.ids[run.last] as number,
      next.page.userSeqs[next.first] as number, next.page.ids[next.first] as number)) disjointRuns = false;
  }
  const scale = Math.max(...live.map(pageScale));
  const wide = live.some((p) => p.texts !== null || !fitsRescaled(p, scale - p.scale));
  const kindNames: string[] = [];
  const kindIndex = new Map<string, number>();
  for (const p of live) {
    for (const stored of p.kindNames) {
      const name = canonicalKind(stored);
      if (!kindIndex.has(name)) {
        if (kindNames.length > 255) throw new Error(`More than 256 row kinds in chain ${chainKeyOf(chain)}`);
        kindIndex.set(name, kindNames.length);
        kindNames.push(name);
      }
    }
  }
  const concatenated = concatRuns(chain, runs, scale, wide, kindNames, kindIndex);
  return disjointRuns ? concatenated : sortColumns(concatenated);
}

/** Copies the pages in run order (reversing descending runs) into one set of columns. */
function concatRuns(
  chain: ChainId, runs: readonly PageRun[], scale: number, wide: boolean,
  kindNames: readonly string[], kindIndex: ReadonlyMap<string, number>,
): ChainColumns {
  const n = runs.reduce((s, r) => s + r.page.count, 0);
  const ids = new Float64Array(n);
  const userSeqs = new Float64Array(n);
  const timestamps = new Float64Array(n);
  const kindCodes = new Uint8Array(n);
  const otherUserIds = new Float64Array(n);
  const changes = wide ? new Array<bigint>(n) : new BigInt64Array(n);
  const balances = wide ? new Array<bigint>(n) : new BigInt64Array(n);
  const commissions = wide ? new Array<bigint>(n) : new BigInt64Array(n);
  let offset = 0;
  for (const { page, direction } of runs) {
    const c = page.count;
    const end = offset + c;
    ids.set(page.ids, offset);
    userSeqs.set(page.userSeqs, offset);
    timestamps.set(page.timestamps, offset);
    otherUserIds.set(page.otherUserIds, offset);
    const identity = page.kindNames.every((name, i) => kindIndex.get(canonicalKind(name)) === i);
    if (identity) kindCodes.set(page.kindCodes, offset);
    else {
      const remap = page.kindNames.map((name) => kindIndex.get(canonicalKind(name)) ?? 0);
      for (let i = 0; i < c; i++) kindCodes[offset + i] = remap[page.kindCodes[i] as number] ?? 0;
    }
    const d = scale - page.scale;
    if (page.texts !== null) {
      const { texts } = page;
      for (let i = 0; i < c; i++) {
        (changes as bigint[])[offset + i] = toFixed(texts.changes[i] as string, scale);
        (balances as bigint[])[offset + i] = toFixed(texts.balances[i] as string, scale);
        const commission = texts.commissions[i];
        (commissions as bigint[])[offset + i] = commission == null ? 0n : toFixed(commission, scale);
      }
    } else if (!wide && d === 0) {
      (changes as BigInt64Array).set(page.changes, offset);
      (balances as BigInt64Array).set(page.balances, offset);
      (commissions as BigInt64Array).set(page.commissions, offset);
    } else {
      const m = pow10(d);
      for (let i = 0; i < c; i++) {
        changes[offset + i] = (page.changes[i] as bigint) * m;
        balances[offset + i] = (page.balances[i] as bigint) * m;
        commissions[offset + i] = (page.commissions[i] as bigint) * m;
      }
    }
    if (direction === 'desc') {
      for (const column of [ids, userSeqs, timestamps, kindCodes, otherUserIds]) column.subarray(offset, end).reverse();
      for (const column of [changes, balances, commissions]) reverseRange(column, offset, end);
    }
    offset = end;
  }
  return { chain, chainKey: chainKeyOf(chain), count: n, ids, userSeqs, timestamps, kindCodes, kindNames, scale, wide, changes, balances, commissions, otherUserIds };
}

function reverseRange(column: BigInt64Array | bigint[], from: number, to: number): void {
  if (column instanceof BigInt64Array) column.subarray(from, to).reverse();
  else {
    for (let i = from, j = to - 1; i < j; i++, j--) {
      const t = column[i] as bigint;
      column[i] = column[j] as bigint;
      column[j] = t;
    }
  }
}

/** Full sort by (userSeq, id); a row present twice (same id) is kept once. */
function sortColumns(c: ChainColumns): ChainColumns {
  const { userSeqs: s, ids } = c;
  const order = new Uint32Array(c.count);
  for (let i = 0; i < order.length; i++) order[i] = i;
  order.sort((a, b) => (s[a] as number) - (s[b] as number) || (ids[a] as number) - (ids[b] as number));
  let n = 0;
  for (let k = 0; k < order.length; k++) {
    const i = order[k] as number;
    const prev = n > 0 ? (order[n - 1] as number) : -1;
    if (prev >= 0 && ids[prev] === ids[i] && s[prev] === s[i]) continue;
    order[n++] = i;
  }
  const pick = order.subarray(0, n);
  const gatherF = (src: Float64Array): Float64Array => {
    const out = new Float64Array(n);
    for (let k = 0; k < n; k++) out[k] = src[pick[k] as number] as number;
    return out;
  };
  const gatherB = (src: AmountColumn): AmountColumn => {
    const out = src instanceof BigInt64Array ? new BigInt64Array(n) : new Array<bigint>(n);
    for (let k = 0; k < n; k++) out[k] = src[pick[k] as number] as bigint;
    return out;
  };
  const kindCodes = new Uint8Array(n);
  for (let k = 0; k < n; k++) kindCodes[k] = c.kindCodes[pick[k] as number] as number;
  return {
    ...c, count: n, ids: gatherF(ids), userSeqs: gatherF(s), timestamps: gatherF(c.timestamps), kindCodes,
    changes: gatherB(c.changes), balances: gatherB(c.balances), commissions: gatherB(c.commissions),
    otherUserIds: gatherF(c.otherUserIds),
  };
}

/** The same columns at a larger scale (a carry may hold more decimals than the new rows). */
export function rescaleChainColumns(c: ChainColumns, scale: number): ChainColumns {
  if (scale <= c.scale) return c;
  const m = pow10(scale - c.scale);
  const limit = INT64_MAX / m;
  let wide = c.wide;
  if (!wide) {
    for (const column of [c.changes, c.balances, c.commissions]) {
      for (let i = 0; i < column.length && !wide; i++) {
        const v = column[i] as bigint;
        if (v > limit || -v > limit) wide = true;
      }
    }
  }
  const scaled = (src: AmountColumn): AmountColumn => {
    const out = wide ? new Array<bigint>(src.length) : new BigInt64Array(src.length);
    for (let i = 0; i < src.length; i++) out[i] = (src[i] as bigint) * m;
    return out;
  };
  return { ...c, scale, wide, changes: scaled(c.changes), balances: scaled(c.balances), commissions: scaled(c.commissions) };
}
