/**
 * Deposits and withdrawals in the worker: the main user's deposit/withdrawal rows of one account (read
 * through the `type` index) against the wallet lists the UI fetched. A wallet entry without its row
 * waits while its time falls in history the sync has not downloaded yet (counted, not reported).
 */
import { downloadOfAccounts } from '../../core/recon/account-download';
import { inMissingRange } from '../../core/recon/stream-completeness';
import { chainKeyOf } from '../../core/recon/types';
import { DEFAULT_WALLET_TOLERANCE_MS, matchWalletRecords } from '../../core/recon/wallet-match';
import type { ReconcilerDatabase } from '../db/database';
import { readStreams } from './chain-catalog';
import type { RequestBodies, WalletMatchOutcome } from './protocol';

export async function matchWallet(db: ReconcilerDatabase, request: RequestBodies['walletMatch']): Promise<WalletMatchOutcome> {
  const currencies = new Set(request.currencies);
  const rows = await db.transactions
    .where('type')
    .anyOf(['deposit', 'withdrawal'])
    .filter((r) => r.accountKey === request.accountKey && r.userId === request.mainUserId && currencies.has(r.currency))
    .toArray();
  const records = [...request.deposits, ...request.withdrawals];
  const download = downloadOfAccounts(await readStreams(db, [request.accountKey])).chains;
  const all = matchWalletRecords(request.accountKey, request.mainUserId, rows, records);
  // Only a wallet entry without a row can be caused by rows not downloaded yet; a row is always checkable.
  const waits = (f: (typeof all)[number]): boolean => {
    if (f.rowId !== null) return false;
    const chain = download.get(chainKeyOf(f.chain))?.download;
    if (chain === undefined || chain.complete) return false;
    return f.timestamp === null || inMissingRange(chain, f.timestamp, DEFAULT_WALLET_TOLERANCE_MS);
  };
  const findings = all.filter((f) => !waits(f));
  const flagged = new Set(findings.flatMap((f) => (f.rowId === null ? [] : [f.rowId])));
  return {
    findings,
    matched: rows.filter((r) => !flagged.has(r.id)).length,
    rowsChecked: rows.length,
    recordsChecked: records.length,
    notDownloaded: all.length - findings.length,
  };
}
