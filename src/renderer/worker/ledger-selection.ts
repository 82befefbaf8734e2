/**
 * Reading the ledger for correlation: chain by chain (only two chains' pages held at a time), each read
 * by primary-key range and selected from at once (money leaving, rows that carry an ip), while the
 * login events are read alongside. (Reading the ledger in a nested worker of its own was measured slower
 * here: module start-up, a second connection and packing the rows cost more than the overlap gained.)
 */
import { byTimeThenRow, selectMovements } from '../../core/correlate/select-movements';
import type { MovementSelection, MovementSelectionOptions } from '../../core/correlate/types';
import type { LedgerPage } from '../../core/recon/types';
import type { ReconcilerDatabase } from '../db/database';

/** What to select from which chains (plain JSON). */
export interface LedgerSelectJob {
  readonly chainKeys: readonly string[];
  readonly lossThresholds: readonly (readonly [string, string])[];
  readonly usernames: readonly (readonly [string, string])[];
  readonly accountUsers: readonly (readonly [string, readonly number[]])[];
}

export function selectionOptionsOf(job: LedgerSelectJob): MovementSelectionOptions {
  return {
    lossThresholds: new Map(job.lossThresholds),
    usernames: new Map(job.usernames),
    accountUsers: new Map(job.accountUsers.map(([account, users]) => [account, new Set(users)] as const)),
  };
}

/**
 * A chain's pages by primary-key range (`${chainKey}|${minId}`): the object store is read in key order,
 * without the chainKey index's lookup per record. A key of another chain that happens to share the
 * prefix is dropped by the check on chainKey.
 */
export async function readChainPagesInKeyOrder(db: ReconcilerDatabase, chainKey: string): Promise<LedgerPage[]> {
  const pages = await db.ledger.where('pageKey').between(`${chainKey}|`, `${chainKey}|\uffff`).toArray();
  return pages.filter((page) => page.chainKey === chainKey);
}

export async function selectChains(
  db: ReconcilerDatabase,
  chainKeys: readonly string[],
  options: MovementSelectionOptions,
  watch: { readonly isCancelled: () => boolean; readonly progress: (done: number, total: number) => void },
): Promise<MovementSelection & { rowsScanned: number }> {
  const movements: MovementSelection['movements'] = [];
  const ipRows: MovementSelection['ipRows'] = [];
  let rowsScanned = 0;
  // The next chain's pages are read while this one's are selected from (two chains in memory at most).
  let next: Promise<LedgerPage[]> | null = chainKeys[0] !== undefined ? readChainPagesInKeyOrder(db, chainKeys[0]) : null;
  for (let i = 0; i < chainKeys.length; i++) {
    if (watch.isCancelled()) throw new Error('cancelled');
    watch.progress(i, chainKeys.length);
    const pages: LedgerPage[] = await (next as Promise<LedgerPage[]>);
    const following = chainKeys[i + 1];
    next = following !== undefined ? readChainPagesInKeyOrder(db, following) : null;
    next?.catch(() => undefined); // a cancel below leaves it unawaited
    for (const page of pages) rowsScanned += page.count;
    const selected = selectMovements(pages, options);
    // A loop, not push(...spread): a chain can select more items than a call's argument limit.
    for (const m of selected.movements) movements.push(m);
    for (const r of selected.ipRows) ipRows.push(r);
  }
  movements.sort(byTimeThenRow);
  // ipRows stay in chain order: correlate groups them by account and address and sorts each group.
  return { movements, ipRows, rowsScanned };
}
