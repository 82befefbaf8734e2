/**
 * Reads a whole wallet list (deposits, withdrawals or transfers of one currency) by offset pages. The
 * lists are newest first, so an entry arriving while paging shifts the offsets by one: entries seen twice
 * are dropped by identity. Works over the core client or the renderer's contract alike.
 */
import { assertWalletListKind } from '../providers/deribit/wallet-responses';
import type { WalletListKind, WalletListPage, WalletListRequest, WalletRecord } from '../providers/deribit/types';

export interface WalletPageSource {
  fetchWalletPage(req: WalletListRequest): Promise<WalletListPage>;
}

/** Deribit's maximum `count` for these methods. */
export const WALLET_PAGE_SIZE = 1000;

export async function fetchAllWalletRecords(
  source: WalletPageSource,
  kind: WalletListKind,
  currency: string,
  pageSize = WALLET_PAGE_SIZE,
  signal?: AbortSignal,
): Promise<WalletRecord[]> {
  assertWalletListKind(kind);
  const byKey = new Map<string, WalletRecord>();
  let offset = 0;
  for (;;) {
    signal?.throwIfAborted();
    const page = await source.fetchWalletPage({ kind, currency, offset, count: pageSize });
    if (page.records.length === 0) break;
    for (const record of page.records) {
      const key = identity(record);
      if (!byKey.has(key)) byKey.set(key, record);
    }
    // By what came back, not what was asked: a server may cap the page below pageSize.
    offset += page.records.length;
    if (offset >= page.total) break;
  }
  return [...byKey.values()];
}

/** Withdrawals and transfers have an id; deposits are known by their on-chain hash; else the exact text. */
function identity(record: WalletRecord): string {
  if (record.id !== null) return `id:${record.id}`;
  if (record.transactionId !== null) return `tx:${record.transactionId}:${record.address ?? ''}`;
  return `raw:${record.raw}`;
}
