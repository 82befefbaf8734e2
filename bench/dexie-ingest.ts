/**
 * dexie_ingest_rows_per_s: the sync store's real write path (page + cursor in one transaction, 250-row
 * pages) over fake-indexeddb in Node. Chromium's IndexedDB figure comes from the cache-open benchmark.
 */
import 'fake-indexeddb/auto';
import { newStreamState } from '../src/core/sync/stream-state';
import type { TransactionLogRow } from '../src/core/providers/deribit/types';
import { ReconcilerDatabase } from '../src/renderer/db/database';
import { createDexieSyncStore } from '../src/renderer/db/dexie-sync-store';
import { report } from './bench-output';
import { syntheticRow } from './synthetic-rows';

export async function benchDexieIngest(rows = 100_000): Promise<void> {
  const db = new ReconcilerDatabase(`bench-ingest-${Date.now()}`);
  const store = createDexieSyncStore(db);
  let state = { ...newStreamState({ kind: 'tx', accountKey: 'bench', userId: 1, username: 'bench', currency: 'BTC' }), phase: 'backfill' as const };
  const started = performance.now();
  for (let offset = 0; offset < rows; offset += 250) {
    const page: TransactionLogRow[] = [];
    for (let i = offset; i < Math.min(rows, offset + 250); i++) page.push(syntheticRow(i));
    const inserted = await store.commitTransactionPage('bench', page, { ...state, continuation: offset });
    state = { ...state, rowsStored: state.rowsStored + inserted };
  }
  const seconds = (performance.now() - started) / 1000;
  report('dexie_ingest_rows_per_s', rows / seconds, 'rows/s', { where: 'fake-indexeddb (Node)', rows, page_size: 250 });
  db.close();
}
