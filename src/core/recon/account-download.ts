/**
 * What the sync has downloaded of each chain of some accounts, from their stored stream cursors.
 * Streams are written when their first page lands, so a cancelled first sync leaves streams that never
 * started without a cursor: every user of the account has a stream per currency (the sync walks users ×
 * currencies), so a (user, currency) pair the account's other cursors name but that has none is not
 * downloaded yet. Streams the latest sync discovered (when the caller knows them) count the same way.
 */
import type { StreamState } from '../sync/types';
import { streamCompleteness, syncHorizon } from './stream-completeness';
import { chainKeyOf, type ChainId, type DownloadState } from './types';

/** A transaction stream the sync discovered (user × currency), whether or not it has a cursor yet. */
export interface DiscoveredStream {
  readonly accountKey: string;
  readonly userId: number;
  readonly username: string | null;
  readonly currency: string;
}

export interface ChainDownload {
  readonly chain: ChainId;
  readonly username: string | null;
  readonly download: DownloadState;
}

export interface AccountsDownload {
  /** chainKey → download, for every chain a cursor or the discovery names. */
  readonly chains: ReadonlyMap<string, ChainDownload>;
  /** Accounts whose access log has a cursor that is not complete (never finished, or a pass in progress). */
  readonly accessIncomplete: readonly string[];
}

export type StreamRecord = Pick<
  StreamState,
  'kind' | 'accountKey' | 'userId' | 'username' | 'currency' | 'phase' | 'watermark' | 'windowStart' | 'windowEnd' | 'oldestSeen' | 'creationTimestamp'
>;

/**
 * @param firstRowAt chainKey → timestamp of the chain's first cached row, for the percentage of a
 *   stream whose cursor does not know the account's creation
 */
export function downloadOfAccounts(
  streams: readonly StreamRecord[],
  discovered: readonly DiscoveredStream[] = [],
  firstRowAt: ReadonlyMap<string, number> = new Map(),
): AccountsDownload {
  const byAccount = new Map<string, StreamRecord[]>();
  for (const s of streams) {
    const list = byAccount.get(s.accountKey);
    if (list) list.push(s);
    else byAccount.set(s.accountKey, [s]);
  }
  for (const d of discovered) if (!byAccount.has(d.accountKey)) byAccount.set(d.accountKey, []);

  const chains = new Map<string, ChainDownload>();
  const accessIncomplete: string[] = [];
  for (const [accountKey, list] of byAccount) {
    const tx = list.filter((s): s is StreamRecord & { currency: string } => s.kind === 'tx' && s.currency !== null);
    const access = list.find((s) => s.kind === 'access');
    if (access !== undefined && !(access.phase === 'idle' && access.watermark !== null)) accessIncomplete.push(accountKey);
    const horizon = syncHorizon(tx);
    const found = discovered.filter((d) => d.accountKey === accountKey);

    const users = new Map<number, string | null>();
    const currencies = new Set<string>();
    const creation = new Map<number, number>();
    for (const s of list) if (!users.has(s.userId) || users.get(s.userId) === null) users.set(s.userId, s.username);
    for (const d of found) if (!users.has(d.userId) || users.get(d.userId) === null) users.set(d.userId, d.username);
    for (const s of tx) {
      currencies.add(s.currency);
      if (s.creationTimestamp !== null) creation.set(s.userId, s.creationTimestamp);
    }
    for (const d of found) currencies.add(d.currency);

    const cursors = new Map(tx.map((s) => [s.currency + '|' + String(s.userId), s]));
    for (const [userId, username] of users) {
      for (const currency of currencies) {
        const chain: ChainId = { accountKey, userId, currency };
        const key = chainKeyOf(chain);
        const cursor = cursors.get(currency + '|' + String(userId)) ?? null;
        // A user's creation time is the same in every currency: it bounds a stream that never started too.
        const start = firstRowAt.get(key) ?? creation.get(userId) ?? null;
        const download = streamCompleteness(cursor, horizon, start);
        chains.set(key, { chain, username: cursor?.username ?? username, download });
      }
    }
  }
  return { chains, accessIncomplete: accessIncomplete.sort() };
}
