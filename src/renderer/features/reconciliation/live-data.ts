/**
 * Live data for the checks that need the exchange, fetched on the UI thread through the contract (main
 * holds the keys and the rate limits): get_account_summary per chain, and the main account's
 * get_deposits / get_withdrawals for every synced currency.
 */
import type { WalletListRequest, WalletRecord } from '../../../core/providers/deribit/types';
import type { ChainId } from '../../../core/recon/types';
import { fetchAllWalletRecords } from '../../../core/sync/wallet-lists';
import { accessStreamKey } from '../../../core/sync/stream-state';
import { db } from '../../db/db-instance';
import { callContract } from '../../state/contract-calls';
import type { LiveBalance, RequestBodies } from '../../worker/protocol';

/** The key cannot read wallet lists (Deribit answered 13021 forbidden). */
export class WalletScopeError extends Error {
  constructor() {
    super('The key lacks wallet:read.');
    this.name = 'WalletScopeError';
  }
}

/** Main account's user id per account, from the access-log stream (it always belongs to the main user). */
async function mainUserIdOf(accountKey: string): Promise<number | null> {
  return (await db.syncState.get(accessStreamKey(accountKey)))?.userId ?? null;
}

export async function fetchLiveBalances(chains: readonly ChainId[]): Promise<LiveBalance[]> {
  const mains = new Map<string, number | null>();
  for (const chain of chains) if (!mains.has(chain.accountKey)) mains.set(chain.accountKey, await mainUserIdOf(chain.accountKey));
  const live: LiveBalance[] = [];
  // One at a time: main's credit limiter paces them anyway, and a failure stops the rest early.
  for (const chain of chains) {
    const isMain = mains.get(chain.accountKey) === chain.userId;
    const summary = await callContract('getAccountSummary', {
      accountKey: chain.accountKey,
      currency: chain.currency,
      subaccountId: isMain ? null : chain.userId,
    });
    live.push({ chain, summary, liveAt: Date.now() });
  }
  return live;
}

export async function fetchWalletLists(accountKey: string): Promise<Omit<RequestBodies['walletMatch'], 'accountKey'>> {
  const mainUserId = await mainUserIdOf(accountKey);
  if (mainUserId === null) throw new Error('Sync this account first: the deposit and withdrawal check compares the synced rows.');
  const streams = await db.syncState.where('accountKey').equals(accountKey).toArray();
  const currencies = [...new Set(streams.flatMap((s) => (s.kind === 'tx' && s.userId === mainUserId && s.currency !== null ? [s.currency] : [])))].sort();
  const source = { fetchWalletPage: (req: WalletListRequest) => callContract('fetchWalletPage', { ...req, accountKey }) };
  const deposits: WalletRecord[] = [];
  const withdrawals: WalletRecord[] = [];
  try {
    for (const currency of currencies) {
      deposits.push(...(await fetchAllWalletRecords(source, 'deposits', currency)));
      withdrawals.push(...(await fetchAllWalletRecords(source, 'withdrawals', currency)));
    }
  } catch (error) {
    if (typeof error === 'object' && error !== null && (error as { kind?: unknown }).kind === 'forbidden') throw new WalletScopeError();
    throw error;
  }
  return { mainUserId, currencies, deposits, withdrawals };
}
