/**
 * Deposits and withdrawals in the worker: the main user's deposit/withdrawal rows of one account (read
 * through the `type` index) against the wallet lists the UI fetched.
 */
import { matchWalletRecords } from '../../core/recon/wallet-match';
import type { ReconcilerDatabase } from '../db/database';
import type { RequestBodies, WalletMatchOutcome } from './protocol';

export async function matchWallet(db: ReconcilerDatabase, request: RequestBodies['walletMatch']): Promise<WalletMatchOutcome> {
  const currencies = new Set(request.currencies);
  const rows = await db.transactions
    .where('type')
    .anyOf(['deposit', 'withdrawal'])
    .filter((r) => r.accountKey === request.accountKey && r.userId === request.mainUserId && currencies.has(r.currency))
    .toArray();
  const records = [...request.deposits, ...request.withdrawals];
  const findings = matchWalletRecords(request.accountKey, request.mainUserId, rows, records);
  const flagged = new Set(findings.flatMap((f) => (f.rowId === null ? [] : [f.rowId])));
  return {
    findings,
    matched: rows.filter((r) => !flagged.has(r.id)).length,
    rowsChecked: rows.length,
    recordsChecked: records.length,
  };
}
