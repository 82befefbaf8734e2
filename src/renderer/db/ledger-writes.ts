/**
 * The reconciliation ledger written next to the rows: for rows that were not cached before, one
 * compact LedgerPage (columns) and one LedgerRowsPage (the same rows, for exports) per chain, under
 * the same pageKey. Callers run this inside the transaction that writes the rows, so rows and ledger
 * can never disagree.
 */
import type { TransactionLogRow } from '../../core/providers/deribit/types';
import { buildLedgerPages } from '../../core/recon/ledger-page';
import type { LedgerPage, LedgerRowsPage } from '../../core/recon/types';
import type { ReconcilerDatabase } from './database';

/** Rows pages matching the ledger pages: same key, exactly the rows whose ids the page holds. */
export function ledgerRowsPagesFor(pages: readonly LedgerPage[], rows: readonly TransactionLogRow[]): LedgerRowsPage[] {
  return pages.map((page) => {
    const ids = new Set(page.ids);
    const pageRows = rows.filter((row) => row.userId === page.userId && row.currency === page.currency && ids.has(row.id));
    return {
      pageKey: page.pageKey,
      chainKey: page.chainKey,
      accountKey: page.accountKey,
      minTimestamp: page.minTimestamp,
      maxTimestamp: page.maxTimestamp,
      rows: pageRows,
    };
  });
}

/** Rows once each (a page may carry the same id twice), without the store's accountKey field. */
export function uniqueRows(rows: readonly TransactionLogRow[]): TransactionLogRow[] {
  const seen = new Set<number>();
  const out: TransactionLogRow[] = [];
  for (const row of rows) {
    if (seen.has(row.id)) continue;
    seen.add(row.id);
    out.push(stripAccountKey(row));
  }
  return out;
}

function stripAccountKey(row: TransactionLogRow): TransactionLogRow {
  if (!('accountKey' in row)) return row;
  const copy: Record<string, unknown> = { ...row };
  delete copy.accountKey;
  return copy as unknown as TransactionLogRow;
}

/** Must run inside a 'rw' transaction that includes db.ledger and db.ledgerRows. */
export async function putLedgerForNewRows(db: ReconcilerDatabase, accountKey: string, newRows: readonly TransactionLogRow[]): Promise<void> {
  const rows = uniqueRows(newRows);
  if (rows.length === 0) return;
  const pages = buildLedgerPages(accountKey, rows);
  await db.ledger.bulkPut(pages);
  await db.ledgerRows.bulkPut(ledgerRowsPagesFor(pages, rows));
}
