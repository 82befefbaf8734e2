/**
 * The one writer of transaction rows: the grid's records (`transactions`) and the reconciliation ledger
 * (one compact LedgerPage of columns and one LedgerRowsPage of the same rows per chain, under the same
 * pageKey) are written by `writeTransactionRows` from one array — the rows of the page that were not
 * cached before — inside the transaction that writes the cursor. A row cached with other content is never
 * overwritten (the page is refused), so the grid and the ledger cannot disagree.
 */
import type { TransactionLogRow } from '../../core/providers/deribit/types';
import { buildLedgerPages } from '../../core/recon/ledger-page';
import type { LedgerPage, LedgerRowsPage } from '../../core/recon/types';
import { PageConflictError, type ContentConflict } from '../../core/sync/sync-refusal';
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

/**
 * Writes the rows of one page that are not cached yet, to `transactions` and to the ledger, and returns
 * how many. Rows cached with the same content are skipped; one cached with other content throws
 * PageConflictError (and an id twice in the page with different content throws), which aborts the
 * enclosing transaction: nothing of the page is written. Must run inside a 'rw' transaction that
 * includes db.transactions, db.ledger and db.ledgerRows.
 */
export async function writeTransactionRows(db: ReconcilerDatabase, accountKey: string, rows: readonly TransactionLogRow[]): Promise<number> {
  const unique = distinctRows(rows);
  const cached = await db.transactions.bulkGet(unique.map((row) => [accountKey, row.id] as [string, number]));
  const conflicts: ContentConflict[] = [];
  const fresh: TransactionLogRow[] = [];
  unique.forEach((row, i) => {
    const known = cached[i];
    if (known === undefined) fresh.push(row);
    else if (known.raw !== row.raw) conflicts.push({ id: row.id, cachedRaw: known.raw, sentRaw: row.raw });
  });
  if (conflicts.length > 0) throw new PageConflictError(conflicts);
  if (fresh.length === 0) return 0;
  // bulkAdd, not bulkPut: a key that exists after all fails the transaction instead of overwriting.
  await db.transactions.bulkAdd(fresh.map((row) => ({ ...row, accountKey })));
  await putLedgerForNewRows(db, accountKey, fresh);
  return fresh.length;
}

/** Each id once, without the store's accountKey field; the same id with different content throws. */
function distinctRows(rows: readonly TransactionLogRow[]): TransactionLogRow[] {
  const byId = new Map<number, TransactionLogRow>();
  for (const row of rows) {
    const twin = byId.get(row.id);
    if (twin === undefined) byId.set(row.id, stripAccountKey(row));
    else if (twin.raw !== row.raw) throw new Error(`Row ${row.id} appears twice in one page with different content; the page was not stored.`);
  }
  return [...byId.values()];
}
