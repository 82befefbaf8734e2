/**
 * Which chains (account × user × currency) the cache holds, with what the sync knows about each:
 * username, rows stored by its transaction stream, and whether the backfill reached account creation.
 * Chains come from the ledger's chainKey index (a skip scan) and the tx streams' sync state.
 */
import type { StreamState } from '../../core/sync/types';
import { chainKeyOf, type ChainId } from '../../core/recon/types';
import type { ReconcilerDatabase } from '../db/database';
import { distinctValues } from '../features/cache-paging/distinct-index-values';

export interface ChainInfo {
  readonly chain: ChainId;
  readonly chainKey: string;
  readonly username: string | null;
  /** rowsStored of the chain's tx stream; null when no stream state exists. */
  readonly rowsStored: number | null;
  /** The first backfill finished (its window starts at account creation). */
  readonly reachedCreation: boolean;
}

/** "acc|user|cur": the account key may itself contain '|', so parse from the right. */
export function parseChainKey(chainKey: string): ChainId | null {
  const cut2 = chainKey.lastIndexOf('|');
  const cut1 = cut2 > 0 ? chainKey.lastIndexOf('|', cut2 - 1) : -1;
  if (cut1 <= 0) return null;
  const userId = Number(chainKey.slice(cut1 + 1, cut2));
  if (!Number.isSafeInteger(userId)) return null;
  return { accountKey: chainKey.slice(0, cut1), userId, currency: chainKey.slice(cut2 + 1) };
}

export const compareChains = (a: ChainId, b: ChainId): number =>
  a.accountKey < b.accountKey ? -1 : a.accountKey > b.accountKey ? 1 : a.userId - b.userId || (a.currency < b.currency ? -1 : a.currency > b.currency ? 1 : 0);

/** Every stream cursor of the accounts (transaction logs and access logs). */
export function readStreams(db: ReconcilerDatabase, accountKeys: readonly string[]): Promise<StreamState[]> {
  return db.syncState.where('accountKey').anyOf([...accountKeys]).toArray();
}

export async function listChains(db: ReconcilerDatabase, accountKeys: readonly string[]): Promise<ChainInfo[]> {
  const wanted = new Set(accountKeys);
  const streams = (await db.syncState.where('accountKey').anyOf([...wanted]).toArray()).filter(
    (s): s is StreamState & { currency: string } => s.kind === 'tx' && s.currency !== null,
  );
  const byKey = new Map<string, ChainInfo>();
  for (const s of streams) {
    const chain: ChainId = { accountKey: s.accountKey, userId: s.userId, currency: s.currency };
    const chainKey = chainKeyOf(chain);
    byKey.set(chainKey, { chain, chainKey, username: s.username, rowsStored: s.rowsStored, reachedCreation: s.watermark !== null });
  }
  // A seek per chain: uniqueKeys() would step over every page's index entry.
  const ledgerKeys = (await distinctValues(db, 'ledger', 'chainKey')).filter((k): k is string => typeof k === 'string');
  const withRows = new Set<string>();
  for (const chainKey of ledgerKeys) {
    const chain = parseChainKey(chainKey);
    if (chain === null || !wanted.has(chain.accountKey)) continue;
    withRows.add(chainKey);
    if (!byKey.has(chainKey)) byKey.set(chainKey, { chain, chainKey, username: null, rowsStored: null, reachedCreation: false });
  }
  // A stream that has stored nothing has no chain to check.
  return [...byKey.values()].filter((c) => withRows.has(c.chainKey)).sort((a, b) => compareChains(a.chain, b.chain));
}

/** `${accountKey}|${userId}` → username, as the exports and summaries name users (also users with nothing downloaded yet). */
export function usernamesOf(
  chains: readonly ChainInfo[],
  alsoKnown: Iterable<{ readonly chain: ChainId; readonly username: string | null }> = [],
): Map<string, string> {
  const names = new Map<string, string>();
  for (const c of [...chains, ...alsoKnown]) {
    const key = `${c.chain.accountKey}|${c.chain.userId}`;
    if (c.username !== null && !names.has(key)) names.set(key, c.username);
  }
  return names;
}

/** Every user each account's sync discovered (a user without rows still tells an in-account transfer from an outside one). */
export async function accountUsersOf(db: ReconcilerDatabase, accountKeys: readonly string[]): Promise<Map<string, Set<number>>> {
  const users = new Map<string, Set<number>>();
  for (const s of await db.syncState.where('accountKey').anyOf([...accountKeys]).toArray()) {
    let set = users.get(s.accountKey);
    if (set === undefined) {
      set = new Set();
      users.set(s.accountKey, set);
    }
    set.add(s.userId);
  }
  return users;
}
