/**
 * When the accounts' cached rows begin and end, read cheaply: per chain, only its first and last
 * ledger page through the [chainKey+maxId] index (two small records), never the rows. Deribit's row
 * ids rise with time, so the page holding the smallest ids holds the earliest row and the page holding
 * the largest holds the latest; each page carries its own min/maxTimestamp.
 */
import type { HistoryBounds } from '../../core/recon/period';
import type { ReconcilerDatabase } from '../db/database';
import { listChains } from './chain-catalog';

export async function readHistoryBounds(db: ReconcilerDatabase, accountKeys: readonly string[]): Promise<HistoryBounds | null> {
  let firstMs = Infinity;
  let lastMs = -Infinity;
  for (const info of await listChains(db, accountKeys)) {
    const pages = () => db.ledger.where('[chainKey+maxId]').between([info.chainKey, -Infinity], [info.chainKey, Infinity], true, true);
    const [first, last] = await Promise.all([pages().first(), pages().last()]);
    if (first !== undefined) firstMs = Math.min(firstMs, first.minTimestamp, last?.minTimestamp ?? Infinity);
    if (last !== undefined) lastMs = Math.max(lastMs, last.maxTimestamp, first?.maxTimestamp ?? -Infinity);
  }
  return firstMs <= lastMs ? { firstMs, lastMs } : null;
}
