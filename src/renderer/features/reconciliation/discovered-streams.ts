/**
 * The transaction streams the latest sync of each account discovered in this session (from its
 * progress): a stream the sync never reached has no stored cursor, so only this tells the check that
 * it exists (and that its user's transfers are not outside the account).
 */
import type { DiscoveredStream } from '../../../core/recon/account-download';
import type { SyncProgress } from '../../../core/sync/types';

export function discoveredStreams(progressOf: (accountKey: string) => SyncProgress | null, accountKeys: readonly string[]): DiscoveredStream[] {
  return accountKeys.flatMap((accountKey) =>
    (progressOf(accountKey)?.streams ?? []).flatMap((s) =>
      s.kind === 'tx' && s.currency !== null ? [{ accountKey, userId: s.userId, username: s.username, currency: s.currency }] : [],
    ),
  );
}
