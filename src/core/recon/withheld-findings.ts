/**
 * Which findings wait for the download to finish. The rule is deliberately simple, so it can never
 * hide a finding once everything is downloaded and never report one the missing part causes:
 * - a chain not fully downloaded reports no balance break and no completeness finding;
 * - a user with any such chain reports no user_seq finding (per-user numbering spans currencies);
 * - a transfer without its other side waits when its time falls in a missing range of its own chain
 *   or of the chain its other side belongs to.
 * The checks themselves run unchanged (carries hold their raw results), only what is reported waits.
 */
import type { ChainDownload } from './account-download';
import { inMissingRange } from './stream-completeness';
import { chainKeyOf, type ChainStatus, type DownloadState, type TransferLeg } from './types';

export interface DownloadGate {
  /** The chain's download state; undefined when the caller gave none for it. */
  downloadOf(chainKey: string): DownloadState | undefined;
  chainWaits(chainKey: string): boolean;
  userWaits(accountKey: string, userId: number): boolean;
  transferWaits(leg: TransferLeg, toleranceMs: number): boolean;
  /** Users the download names for the account (discovered ones included). */
  usersOf(accountKey: string): readonly number[];
}

export function downloadGate(download: ReadonlyMap<string, ChainDownload> | undefined): DownloadGate {
  const waitingUsers = new Set<string>();
  const users = new Map<string, Set<number>>();
  for (const { chain, download: d } of download?.values() ?? []) {
    if (!d.complete) waitingUsers.add(`${chain.accountKey}|${chain.userId}`);
    let set = users.get(chain.accountKey);
    if (set === undefined) users.set(chain.accountKey, (set = new Set()));
    set.add(chain.userId);
  }
  const downloadOf = (chainKey: string): DownloadState | undefined => download?.get(chainKey)?.download;
  return {
    downloadOf,
    chainWaits: (chainKey) => downloadOf(chainKey)?.complete === false,
    userWaits: (accountKey, userId) => waitingUsers.has(`${accountKey}|${userId}`),
    transferWaits(leg, toleranceMs) {
      if (inMissingRange(downloadOf(chainKeyOf(leg.chain)), leg.timestamp, toleranceMs)) return true;
      if (leg.otherUserId === null) return false;
      const other = chainKeyOf({ ...leg.chain, userId: leg.otherUserId });
      return inMissingRange(downloadOf(other), leg.timestamp, toleranceMs);
    },
    usersOf: (accountKey) => [...(users.get(accountKey) ?? [])],
  };
}

/** Statuses of chains not fully downloaded that have no cached row yet (they are still chains to finish). */
export function statusesWithoutRows(
  download: ReadonlyMap<string, ChainDownload> | undefined,
  reported: ReadonlySet<string>,
  skippedAccounts: ReadonlySet<string>,
): ChainStatus[] {
  const out: ChainStatus[] = [];
  for (const [key, { chain, download: d }] of download ?? []) {
    if (d.complete || reported.has(key) || skippedAccounts.has(chain.accountKey)) continue;
    out.push({
      chain, rows: 0, firstTimestamp: null, lastTimestamp: null, newestBalance: null,
      breaks: 0, gaps: 0, complete: false, tieOut: null, download: d,
    });
  }
  return out;
}
