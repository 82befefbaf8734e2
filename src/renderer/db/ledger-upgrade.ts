/**
 * Schema v1 → v2: a cache written before the ledger existed gets one, built from its rows. Walks the
 * transactions by primary key ([accountKey+id]) in chunks, buffers rows per chain and writes a ledger
 * page (+ rows page) every 250 rows of a chain — the same shape the sync store writes.
 */
import type { Transaction } from 'dexie';
import type { TransactionLogRow } from '../../core/providers/deribit/types';
import { buildLedgerPages } from '../../core/recon/ledger-page';
import type { LedgerPage, LedgerRowsPage } from '../../core/recon/types';
import type { TransactionRecord } from './database';
import { ledgerRowsPagesFor, uniqueRows } from './ledger-writes';

export const UPGRADE_PAGE_ROWS = 250;
const READ_CHUNK = 2000;

/** Every account's ledger, or only those of `accountKeys` (v3 rebuilds merged accounts only). */
export async function buildLedgerFromTransactions(tx: Transaction, accountKeys?: readonly string[]): Promise<void> {
  if (accountKeys !== undefined) {
    for (const accountKey of accountKeys) await buildLedgerOf(tx, [accountKey, -Infinity], [accountKey, Infinity]);
    return;
  }
  await buildLedgerOf(tx, null, null);
}

async function buildLedgerOf(tx: Transaction, from: [string, number] | null, to: [string, number] | null): Promise<void> {
  const transactions = tx.table<TransactionRecord, [string, number]>('transactions');
  const ledger = tx.table<LedgerPage, string>('ledger');
  const ledgerRows = tx.table<LedgerRowsPage, string>('ledgerRows');
  const buffers = new Map<string, { accountKey: string; rows: TransactionLogRow[] }>();

  const flush = async (accountKey: string, rows: readonly TransactionLogRow[]): Promise<void> => {
    const unique = uniqueRows(rows);
    const pages = buildLedgerPages(accountKey, unique);
    await ledger.bulkPut(pages);
    await ledgerRows.bulkPut(ledgerRowsPagesFor(pages, unique));
  };

  let after: [string, number] | null = null;
  for (;;) {
    const lower = after ?? from;
    const chunk: TransactionRecord[] = await (lower === null
      ? transactions.orderBy(':id').limit(READ_CHUNK).toArray()
      : to === null
        ? transactions.where(':id').above(lower).limit(READ_CHUNK).toArray()
        : transactions.where(':id').between(lower, to, after === null, true).limit(READ_CHUNK).toArray());
    if (chunk.length === 0) break;
    for (const record of chunk) {
      const key = `${record.accountKey}|${record.userId}|${record.currency}`;
      let buffer = buffers.get(key);
      if (buffer === undefined) {
        buffer = { accountKey: record.accountKey, rows: [] };
        buffers.set(key, buffer);
      }
      buffer.rows.push(record);
      if (buffer.rows.length >= UPGRADE_PAGE_ROWS) {
        await flush(buffer.accountKey, buffer.rows);
        buffer.rows = [];
      }
    }
    const last = chunk[chunk.length - 1];
    if (last === undefined || chunk.length < READ_CHUNK) break;
    after = [last.accountKey, last.id];
  }
  for (const buffer of buffers.values()) if (buffer.rows.length > 0) await flush(buffer.accountKey, buffer.rows);
}
