/**
 * Reading a chain's ledger back: every page (full), only the pages above a carried last id
 * (incremental, through the [chainKey+maxId] index), and the merged columns of a whole chain, kept in
 * memory while the chain's page count is unchanged (pages are only ever added).
 */
import { mergeLedgerPages, type ChainColumns } from '../../core/recon/chain-columns';
import type { ChainId, LedgerPage } from '../../core/recon/types';
import type { ReconcilerDatabase } from '../db/database';

export function readChainPages(db: ReconcilerDatabase, chainKey: string): Promise<LedgerPage[]> {
  return db.ledger.where('chainKey').equals(chainKey).toArray();
}

/** Pages holding a row newer than `lastId` (pages are never split, so a page's rows all came after the carry, or none did). */
export function readChainPagesAfter(db: ReconcilerDatabase, chainKey: string, lastId: number): Promise<LedgerPage[]> {
  return db.ledger.where('[chainKey+maxId]').between([chainKey, lastId], [chainKey, Infinity], false, true).toArray();
}

export function countChainPages(db: ReconcilerDatabase, chainKey: string): Promise<number> {
  return db.ledger.where('chainKey').equals(chainKey).count();
}

/** Whole-chain columns, cached per chain by page count. */
export class ChainColumnsCache {
  private readonly entries = new Map<string, { pages: number; columns: ChainColumns }>();

  constructor(private readonly db: ReconcilerDatabase) {}

  async full(chain: ChainId, chainKey: string): Promise<{ columns: ChainColumns; fromCache: boolean }> {
    const pages = await countChainPages(this.db, chainKey);
    const cached = this.entries.get(chainKey);
    if (cached !== undefined && cached.pages === pages) return { columns: cached.columns, fromCache: true };
    const columns = mergeLedgerPages(chain, await readChainPages(this.db, chainKey));
    this.entries.set(chainKey, { pages, columns });
    return { columns, fromCache: false };
  }

  clear(): void {
    this.entries.clear();
  }
}
