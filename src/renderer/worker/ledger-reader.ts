/**
 * Reading a chain's ledger back: every page (full), only the pages above a carried last id
 * (incremental, through the [chainKey+maxId] index), and the merged columns of a whole chain, kept in
 * memory while the chain is unchanged.
 */
import { mergeLedgerPages, type ChainColumns } from '../../core/recon/chain-columns';
import type { LedgerPage } from '../../core/recon/types';
import type { ReconcilerDatabase } from '../db/database';
import type { ChainInfo } from './chain-catalog';

/**
 * A chain's pages by primary-key range (`${chainKey}|${minId}`), for the chain columns and the
 * correlation's selection: the object store is read in key order, without the chainKey index's lookup
 * per record. Key order is not row order (minId as text): readers order the pages. A key of another
 * chain that happens to share the prefix is dropped by the check on chainKey.
 */
export async function readChainPages(db: ReconcilerDatabase, chainKey: string): Promise<LedgerPage[]> {
  const pages = await db.ledger.where('pageKey').between(`${chainKey}|`, `${chainKey}|\uffff`).toArray();
  return pages.filter((page) => page.chainKey === chainKey);
}

/** Pages holding a row newer than `lastId` (pages are never split, so a page's rows all came after the carry, or none did). */
export function readChainPagesAfter(db: ReconcilerDatabase, chainKey: string, lastId: number): Promise<LedgerPage[]> {
  return db.ledger.where('[chainKey+maxId]').between([chainKey, lastId], [chainKey, Infinity], false, true).toArray();
}

export function countChainPages(db: ReconcilerDatabase, chainKey: string): Promise<number> {
  return db.ledger.where('chainKey').equals(chainKey).count();
}

/**
 * Whole-chain columns, kept in memory while the chain is unchanged. Ledger pages are only ever added,
 * in the transaction that raises the stream's rowsStored by their rows, so columns holding rowsStored
 * rows are current without touching the table; without a stream state the page count decides.
 */
export class ChainColumnsCache {
  private readonly entries = new Map<string, { pages: number | null; columns: ChainColumns }>();

  constructor(private readonly db: ReconcilerDatabase) {}

  async full(info: Pick<ChainInfo, 'chain' | 'chainKey' | 'rowsStored'>): Promise<{ columns: ChainColumns; fromCache: boolean }> {
    const cached = this.entries.get(info.chainKey);
    if (info.rowsStored !== null) {
      if (cached !== undefined && cached.columns.count === info.rowsStored) return { columns: cached.columns, fromCache: true };
      const columns = mergeLedgerPages(info.chain, await readChainPages(this.db, info.chainKey));
      this.entries.set(info.chainKey, { pages: null, columns });
      return { columns, fromCache: false };
    }
    const pages = await countChainPages(this.db, info.chainKey);
    if (cached !== undefined && cached.pages === pages) return { columns: cached.columns, fromCache: true };
    const columns = mergeLedgerPages(info.chain, await readChainPages(this.db, info.chainKey));
    this.entries.set(info.chainKey, { pages, columns });
    return { columns, fromCache: false };
  }

  clear(): void {
    this.entries.clear();
  }
}
