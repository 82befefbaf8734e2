/**
 * Test harness: runs reconcileChains the way the worker does — rows cut into 250-row ledger pages per
 * commit (newest first, as received), merged per chain — fully or incrementally from carries.
 */
import type { TransactionLogRow } from '../../../src/core/providers/deribit/types';
import { emptyChainColumns, mergeLedgerPages } from '../../../src/core/recon/chain-columns';
import { buildLedgerPages } from '../../../src/core/recon/ledger-page';
import { reconcileChains, type ReconcileResult } from '../../../src/core/recon/reconcile';
import { chainKeyOf, type ChainCarry, type ChainId, type LedgerPage } from '../../../src/core/recon/types';

export const ACCOUNT = 'acc';

function pagesOf(rows: readonly TransactionLogRow[]): LedgerPage[] {
  const pages: LedgerPage[] = [];
  for (let i = 0; i < rows.length; i += 250) pages.push(...buildLedgerPages(ACCOUNT, [...rows.slice(i, i + 250)].reverse()));
  return pages;
}

function chainsOf(rows: readonly TransactionLogRow[]): Map<string, ChainId> {
  const chains = new Map<string, ChainId>();
  for (const r of rows) {
    const chain = { accountKey: ACCOUNT, userId: r.userId, currency: r.currency };
    chains.set(chainKeyOf(chain), chain);
  }
  return chains;
}

/** Every user of the history: the sync discovers them all (get_subaccounts) before any of their rows. */
export function usersOf(rows: readonly TransactionLogRow[]): ReadonlyMap<string, ReadonlySet<number>> {
  return new Map([[ACCOUNT, new Set(rows.map((r) => r.userId))]]);
}

export function runFull(rows: readonly TransactionLogRow[], reachedCreation = true, accountUsers?: ReadonlyMap<string, ReadonlySet<number>>): ReconcileResult {
  const pages = pagesOf(rows);
  const inputs = [...chainsOf(rows)].map(([key, chain]) => ({
    columns: mergeLedgerPages(chain, pages.filter((p) => p.chainKey === key)),
    carry: null,
    reachedCreation,
  }));
  return reconcileChains(inputs, accountUsers ? { accountUsers } : {});
}

/** Reconciles `newRows` on top of carries; a needsFull answer is followed by a full run, as the caller must. */
export function runIncremental(
  allRows: readonly TransactionLogRow[],
  newRows: readonly TransactionLogRow[],
  carries: readonly ChainCarry[],
  reachedCreation = true,
  accountUsers?: ReadonlyMap<string, ReadonlySet<number>>,
): { result: ReconcileResult; neededFull: boolean } {
  const pages = pagesOf(newRows);
  const chains = chainsOf(allRows);
  const byKey = new Map(carries.map((c) => [c.chainKey, c]));
  const inputs = [...chains].map(([key, chain]) => {
    const mine = pages.filter((p) => p.chainKey === key);
    return {
      columns: mine.length ? mergeLedgerPages(chain, mine) : emptyChainColumns(chain),
      carry: byKey.get(key) ?? null,
      reachedCreation,
    };
  });
  const result = reconcileChains(inputs, accountUsers ? { accountUsers } : {});
  if (result.needsFull.length > 0) return { result: runFull(allRows, reachedCreation, accountUsers), neededFull: true };
  return { result, neededFull: false };
}
