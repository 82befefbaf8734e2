/**
 * Rows placed from an IP, grouped once by account and normalised address, each group in time order. The
 * address signals (unknown IP on a row, denied address that placed rows) and the Deribit side's networks
 * read the groups: a million-row ledger carries a few hundred distinct addresses, so per-row work
 * (normalising, matching) happens once per row here and not again in every signal.
 *
 * A group holds its rows' times as a typed column and makes a row object only when a signal reads that row:
 * built from ledger pages (IpRowCollector, the worker's path) a third of a million rows cost no objects.
 */
import type { LedgerPage } from '../recon/types';
import { canonicalKind } from '../recon/classify';
import { normalizeIp } from './event-timeline';
import { IpRow } from './ip-row';
import type { MoneyMovement } from './types';

export interface IpRowGroup {
  readonly accountKey: string;
  /** Normalised address. */
  readonly ip: string;
  readonly count: number;
  /** The rows' times, by (time, row id). */
  readonly timestamps: Float64Array;
  /** The i-th row by (time, row id). */
  rowAt(i: number): MoneyMovement;
}

export interface IpRowIndex {
  readonly groups: readonly IpRowGroup[];
  /** Normalised address → its groups (one per account). */
  readonly byIp: ReadonlyMap<string, readonly IpRowGroup[]>;
}

/** Index of the first row at or after t. */
export function lowerBound(times: Float64Array, t: number): number {
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((times[mid] ?? 0) < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The group's rows with from ≤ time ≤ to, in order. */
export function rowsBetween(group: IpRowGroup, from: number, to: number): MoneyMovement[] {
  const found: MoneyMovement[] = [];
  for (let i = lowerBound(group.timestamps, from); i < group.count && (group.timestamps[i] ?? 0) <= to; i++) found.push(group.rowAt(i));
  return found;
}

const byTimeThenRowId = (a: MoneyMovement, b: MoneyMovement): number => a.timestamp - b.timestamp || a.rowId - b.rowId;

function isSorted(rows: readonly MoneyMovement[]): boolean {
  for (let i = 1; i < rows.length; i++) if (byTimeThenRowId(rows[i - 1] as MoneyMovement, rows[i] as MoneyMovement) > 0) return false;
  return true;
}

function indexOf(groups: IpRowGroup[]): IpRowIndex {
  const byIp = new Map<string, IpRowGroup[]>();
  for (const group of groups) {
    const list = byIp.get(group.ip);
    if (list) list.push(group);
    else byIp.set(group.ip, [group]);
  }
  return { groups, byIp };
}

/** From row objects (selectMovements' ipRows). */
export function indexIpRows(ipRows: readonly MoneyMovement[]): IpRowIndex {
  const normalized = new Map<string, string | null>();
  const byAccount = new Map<string, Map<string, MoneyMovement[]>>();
  for (const row of ipRows) {
    if (row.ip === null) continue;
    let ip = normalized.get(row.ip);
    if (ip === undefined) normalized.set(row.ip, (ip = normalizeIp(row.ip)));
    if (ip === null) continue;
    const accountKey = row.chain.accountKey;
    let groups = byAccount.get(accountKey);
    if (!groups) byAccount.set(accountKey, (groups = new Map()));
    const rows = groups.get(ip);
    if (rows) rows.push(row);
    else groups.set(ip, [row]);
  }
  const groups: IpRowGroup[] = [];
  for (const [accountKey, ips] of byAccount) {
    for (const [ip, rows] of ips) {
      if (!isSorted(rows)) rows.sort(byTimeThenRowId);
      groups.push({ accountKey, ip, count: rows.length, timestamps: Float64Array.from(rows, (r) => r.timestamp), rowAt: (i) => rows[i] as MoneyMovement });
    }
  }
  return indexOf(groups);
}

/** What a row object is made from: its page's chain, names and change column. */
interface PageSource {
  readonly chain: MoneyMovement['chain'];
  readonly username: string | null;
  readonly kinds: readonly string[];
  readonly kindCodes: Uint8Array;
  readonly changes: BigInt64Array | readonly (string | undefined)[];
  readonly scale: number;
}

class CollectedGroup implements IpRowGroup {
  timestamps = new Float64Array(0);
  count = 0;
  private times: number[] = [];
  private rowIds: number[] = [];
  private pages: number[] = [];
  private indexes: number[] = [];
  private ips: string[] = [];
  private order: Uint32Array = new Uint32Array(0);

  constructor(
    readonly accountKey: string,
    readonly ip: string,
    private readonly sources: readonly PageSource[],
  ) {}

  add(time: number, rowId: number, page: number, index: number, ip: string): void {
    this.times.push(time);
    this.rowIds.push(rowId);
    this.pages.push(page);
    this.indexes.push(index);
    this.ips.push(ip);
  }

  /** Orders the rows by (time, row id). */
  seal(): void {
    const { times, rowIds } = this;
    const n = times.length;
    const order = new Uint32Array(n);
    let sorted = true;
    for (let i = 0; i < n; i++) {
      order[i] = i;
      if (i > 0 && ((times[i - 1] as number) > (times[i] as number) || (times[i - 1] === times[i] && (rowIds[i - 1] as number) > (rowIds[i] as number)))) sorted = false;
    }
    if (!sorted) order.sort((a, b) => (times[a] as number) - (times[b] as number) || (rowIds[a] as number) - (rowIds[b] as number));
    this.order = order;
    this.count = n;
    this.timestamps = Float64Array.from(order, (i) => times[i] as number);
  }

  rowAt(i: number): MoneyMovement {
    const k = this.order[i] as number;
    const source = this.sources[this.pages[k] as number] as PageSource;
    const index = this.indexes[k] as number;
    const kind = source.kinds[source.kindCodes[index] ?? 0] ?? canonicalKind('unknown');
    return new IpRow(source.chain, this.rowIds[k] as number, this.times[k] as number, kind, this.ips[k] as string, source.username, source.changes, index, source.scale);
  }
}

/** Ip rows gathered page by page (no row objects), sealed into an index once every page was seen. */
export class IpRowCollector {
  private readonly sources: PageSource[] = [];
  private readonly byAccount = new Map<string, Map<string, CollectedGroup>>();
  private readonly normalized = new Map<string, string | null>();
  rows = 0;

  add(page: LedgerPage, username: string | null): void {
    if (page.ips.length === 0) return;
    const pageNo = this.sources.length;
    this.sources.push({
      chain: { accountKey: page.accountKey, userId: page.userId, currency: page.currency },
      username,
      kinds: page.kindNames.map((name) => canonicalKind(name)),
      kindCodes: page.kindCodes,
      changes: page.texts ? page.texts.changes : page.changes,
      scale: page.scale,
    });
    let groups = this.byAccount.get(page.accountKey);
    if (!groups) this.byAccount.set(page.accountKey, (groups = new Map()));
    for (const [i, raw] of page.ips) {
      if (i < 0 || i >= page.count) continue;
      let ip = this.normalized.get(raw);
      if (ip === undefined) this.normalized.set(raw, (ip = normalizeIp(raw)));
      if (ip === null) continue;
      let group = groups.get(ip);
      if (!group) groups.set(ip, (group = new CollectedGroup(page.accountKey, ip, this.sources)));
      group.add(page.timestamps[i] ?? 0, page.ids[i] ?? 0, pageNo, i, raw);
      this.rows += 1;
    }
  }

  seal(): IpRowIndex {
    const groups: IpRowGroup[] = [];
    for (const ips of this.byAccount.values()) {
      for (const group of ips.values()) {
        group.seal();
        groups.push(group);
      }
    }
    return indexOf(groups);
  }
}

/** A row as a plain object (a selected ip row computes its change text only when read; a finding must carry it). */
export function plainMovement(row: MoneyMovement): MoneyMovement {
  return { chain: row.chain, rowId: row.rowId, timestamp: row.timestamp, kind: row.kind, change: row.change, ip: row.ip, username: row.username };
}
