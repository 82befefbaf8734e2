/**
 * Reading the ledger for correlation: chain by chain (only two chains' pages held at a time), each read
 * by primary-key range and selected from at once (money leaving as objects; the third of a million rows
 * that carry an ip indexed by account and address without an object each), while the login events are
 * read alongside. (Reading the ledger in a nested worker of its own was measured slower
 * here: module start-up, a second connection and packing the rows cost more than the overlap gained.)
 */
import { IpRowCollector, type IpRowIndex } from '../../core/correlate/ip-row-index';
import { byTimeThenRow, movementSelector } from '../../core/correlate/select-movements';
import type { MoneyMovement, MovementSelectionOptions } from '../../core/correlate/types';
import type { LedgerPage } from '../../core/recon/types';
import type { ReconcilerDatabase } from '../db/database';
import { readChainPages } from './ledger-reader';

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

/** Money that left, by (time, row id), and the rows that carry an ip, indexed without a row object each. */
export interface ChainSelection {
  readonly movements: MoneyMovement[];
  readonly ipRows: IpRowIndex;
  readonly rowsScanned: number;
  /** Time spent waiting for IndexedDB's pages (the events' read runs meanwhile). */
  readonly readWaitMs: number;
  /** Time spent selecting from the pages and indexing their ip rows. */
  readonly selectMs: number;
}

export async function selectChains(
  db: ReconcilerDatabase,
  chainKeys: readonly string[],
  options: MovementSelectionOptions,
  watch: { readonly isCancelled: () => boolean; readonly progress: (done: number, total: number) => void },
): Promise<ChainSelection> {
  const movements: MoneyMovement[] = [];
  const select = movementSelector(options);
  const ipRows = new IpRowCollector();
  const usernames = options.usernames ?? new Map<string, string>();
  let rowsScanned = 0;
  let readWaitMs = 0;
  let selectMs = 0;
  // The next chain's pages are read while this one's are selected from (two chains in memory at most).
  let next: Promise<LedgerPage[]> | null = chainKeys[0] !== undefined ? readChainPages(db, chainKeys[0]) : null;
  for (let i = 0; i < chainKeys.length; i++) {
    if (watch.isCancelled()) throw new Error('cancelled');
    watch.progress(i, chainKeys.length);
    const waitFrom = performance.now();
    const pages: LedgerPage[] = await (next as Promise<LedgerPage[]>);
    readWaitMs += performance.now() - waitFrom;
    const following = chainKeys[i + 1];
    next = following !== undefined ? readChainPages(db, following) : null;
    next?.catch(() => undefined); // a cancel below leaves it unawaited
    const selectFrom = performance.now();
    for (const page of pages) {
      rowsScanned += page.count;
      select(page, movements);
      ipRows.add(page, usernames.get(`${page.accountKey}|${page.userId}`) ?? null);
    }
    selectMs += performance.now() - selectFrom;
  }
  const sealFrom = performance.now();
  movements.sort(byTimeThenRow);
  const index = ipRows.seal();
  selectMs += performance.now() - sealFrom;
  return { movements, ipRows: index, rowsScanned, readWaitMs, selectMs };
}
