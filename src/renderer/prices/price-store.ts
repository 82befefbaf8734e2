/**
 * The page's USD price downloads: one at a time, started by the Year-end view (once per session on its own,
 * again whenever the user asks), with what happened in words. Prices go through main (public Deribit calls)
 * into the cache; the worker reads them from there.
 */
import { create } from 'zustand';
import type { AccountInfo } from '../../shared/contract';
import { db } from '../db/db-instance';
import { callContract } from '../state/contract-calls';
import { toShownError } from '../state/error-message';
import { downloadPrices } from './price-download';

export interface PriceStoreState {
  readonly running: boolean;
  /** What the last download did, or why it failed; null before the first. */
  readonly message: string | null;
  readonly failed: boolean;
  /** Bumped after every download: views that show values read the cache again. */
  readonly version: number;
  /** Accounts whose prices were checked this session (the automatic download runs once per set). */
  readonly checkedFor: string | null;
  update(accounts: readonly AccountInfo[]): Promise<void>;
}

export const usePrices = create<PriceStoreState>()((set, get) => ({
  running: false,
  message: null,
  failed: false,
  version: 0,
  checkedFor: null,
  async update(accounts) {
    if (get().running || accounts.length === 0) return;
    set({ running: true, message: 'Downloading USD prices from Deribit…', failed: false, checkedFor: accounts.map((a) => a.accountKey).sort().join(',') });
    try {
      const result = await downloadPrices(db, accounts, (args) => callContract('fetchDeliveryPrices', args));
      const stored = result.indexes.reduce((n, i) => n + i.stored, 0);
      const names = result.indexes.filter((i) => i.state.unavailable === null).map((i) => i.indexName).join(', ');
      const message =
        result.errors.length > 0
          ? `Some USD prices could not be downloaded: ${result.errors.join('; ')}. Values already cached stay; rows without a price are listed below.`
          : result.indexes.length === 0
            ? 'No currency needs a downloaded price (nothing cached yet, or only USDC/USDT, counted at par).'
            : stored === 0
              ? `USD prices are up to date (${names}).`
              : `Downloaded ${stored.toLocaleString()} daily prices (${names}).`;
      set({ running: false, message, failed: result.errors.length > 0, version: get().version + 1 });
    } catch (error) {
      set({ running: false, message: `USD prices could not be downloaded: ${toShownError(error).message} Cached prices stay.`, failed: true, version: get().version + 1 });
    }
  },
}));
