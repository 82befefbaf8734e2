/**
 * Rows placed from an IP, grouped once by account and normalised address, each group in time order. The
 * address signals (unknown IP on a row, denied address that placed rows) and the Deribit side's networks
 * read the groups: a million-row ledger carries a few hundred distinct addresses, so per-row work
 * (normalising, matching) happens once per row here and not again in every signal.
 */
import { normalizeIp } from './event-timeline';
import type { MoneyMovement } from './types';

export interface IpRowGroup {
  readonly accountKey: string;
  /** Normalised address. */
  readonly ip: string;
  /** By (time, row id). */
  readonly rows: readonly MoneyMovement[];
}

export interface IpRowIndex {
  readonly groups: readonly IpRowGroup[];
  /** Normalised address → its groups (one per account). */
  readonly byIp: ReadonlyMap<string, readonly IpRowGroup[]>;
}

const byTimeThenRowId = (a: MoneyMovement, b: MoneyMovement): number => a.timestamp - b.timestamp || a.rowId - b.rowId;

function isSorted(rows: readonly MoneyMovement[]): boolean {
  for (let i = 1; i < rows.length; i++) if (byTimeThenRowId(rows[i - 1] as MoneyMovement, rows[i] as MoneyMovement) > 0) return false;
  return true;
}

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
  const byIp = new Map<string, IpRowGroup[]>();
  for (const [accountKey, ips] of byAccount) {
    for (const [ip, rows] of ips) {
      if (!isSorted(rows)) rows.sort(byTimeThenRowId);
      const group = { accountKey, ip, rows };
      groups.push(group);
      const list = byIp.get(ip);
      if (list) list.push(group);
      else byIp.set(ip, [group]);
    }
  }
  return { groups, byIp };
}

/** A row as a plain object (a selected ip row computes its change text only when read; a finding must carry it). */
export function plainMovement(row: MoneyMovement): MoneyMovement {
  return { chain: row.chain, rowId: row.rowId, timestamp: row.timestamp, kind: row.kind, change: row.change, ip: row.ip, username: row.username };
}
