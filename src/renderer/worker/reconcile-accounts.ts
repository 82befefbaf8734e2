/**
 * The worker's reconcile request over Dexie: read each chain's ledger (all of it, or only the pages
 * after the carried state), run the core checks over every chain at once (transfers pair across
 * chains) and store the new carries in `reconState`.
 *
 * Incremental is trusted only when it provably covers the chain: carried rows + rows in the new pages
 * must equal the rows the chain's sync stream stored; otherwise (a backfill still running when the
 * carry was written, a v1 cache, a missing stream) the chain is read fully.
 *
 * A chain the sync has not fully downloaded (stream cursors, account-download.ts) is checked without
 * a carry and none is kept for it, so its account is read fully meanwhile and the first check once it
 * is downloaded is a full one, exact. Findings its missing part would cause wait (withheld-findings.ts).
 */
import { downloadOfAccounts } from '../../core/recon/account-download';
import { emptyChainColumns, mergeLedgerPages } from '../../core/recon/chain-columns';
import { reconcileChains, type ReconcileChainInput } from '../../core/recon/reconcile';
import type { ChainCarry } from '../../core/recon/types';
import type { ReconcilerDatabase } from '../db/database';
import { accountUsersOf, listChains, readStreams, usernamesOf, type ChainInfo } from './chain-catalog';
import { readChainPagesAfter, type ChainColumnsCache } from './ledger-reader';
import type { ExportSplitDeps } from './export-split';
import type { SettlingDigest } from './parallel-digest';
import { CancelledError, type ReconcileOutcome, type RequestBodies, type RequestChannel } from './protocol';

export interface ReconcileDeps {
  readonly db: ReconcilerDatabase;
  readonly columns: ChainColumnsCache;
  readonly now: () => number;
  /** The digest of an export's rows (default: on this thread). */
  readonly newRowsDigest?: () => SettlingDigest;
  /** A second thread for an export's rows (export-split.ts); absent: every export runs on this thread. */
  readonly exportSplit?: ExportSplitDeps;
}

export async function reconcileAccounts(
  deps: ReconcileDeps,
  request: RequestBodies['reconcile'],
  channel: RequestChannel,
): Promise<ReconcileOutcome> {
  const started = deps.now();
  const chains = await listChains(deps.db, request.accountKeys);
  const download = downloadOfAccounts(await readStreams(deps.db, request.accountKeys), request.discovered ?? []);
  const waiting = new Set([...download.chains].flatMap(([key, c]) => (c.download.complete ? [] : [key])));
  const stored =
    request.mode === 'incremental' ? await deps.db.reconState.bulkGet(chains.map((c) => c.chainKey)) : chains.map(() => undefined);
  // A carry written before the chain's download finished (or while it is behind) is never continued.
  const carries = stored.map((carry, i) => (waiting.has(chains[i]?.chainKey ?? '') ? undefined : carry));

  let rowsRead = 0;
  let reloaded = 0;
  const fullInput = async (info: ChainInfo): Promise<ReconcileChainInput> => {
    const { columns } = await deps.columns.full(info);
    rowsRead += columns.count;
    return { columns, carry: null, reachedCreation: info.reachedCreation };
  };

  // Incremental per account (sequence numbering and transfers are judged across an account's chains):
  // one chain whose carry does not provably fit sends the whole account to a full read.
  const inputs: ReconcileChainInput[] = [];
  const fullAccounts = new Set<string>();
  const tentative: (ReconcileChainInput | null)[] = [];
  for (const [i, info] of chains.entries()) {
    if (channel.isCancelled()) throw new CancelledError();
    channel.progress({ done: i, total: chains.length, phase: 'Reading the ledger' });
    const carry = carries[i];
    const incremental = carry !== undefined && !fullAccounts.has(info.chain.accountKey) ? await incrementalInput(deps.db, info, carry) : null;
    if (incremental === null) fullAccounts.add(info.chain.accountKey);
    tentative.push(incremental);
  }
  for (const [i, info] of chains.entries()) {
    const incremental = tentative[i] ?? null;
    if (incremental !== null && !fullAccounts.has(info.chain.accountKey)) {
      rowsRead += incremental.columns.count;
      inputs.push(incremental);
    } else {
      if (request.mode === 'incremental') reloaded += 1;
      inputs.push(await fullInput(info));
    }
  }
  channel.progress({ done: chains.length, total: chains.length, phase: 'Checking chains' });

  const options = { accountUsers: await accountUsersOf(deps.db, request.accountKeys), download: download.chains };
  let result = reconcileChains(inputs, options);
  if (result.needsFull.length > 0) {
    // New rows older than the carry (e.g. the backfill went on after the last check): start those chains over.
    const redo = new Set(result.needsFull);
    for (const [i, info] of chains.entries()) {
      if (!redo.has(info.chainKey)) continue;
      inputs[i] = await fullInput(info);
      reloaded += 1;
    }
    result = reconcileChains(inputs, options);
  }
  if (channel.isCancelled()) throw new CancelledError();
  await deps.db.transaction('rw', deps.db.reconState, async () => {
    await deps.db.reconState.bulkDelete([...waiting]);
    await deps.db.reconState.bulkPut(result.carries.filter((c) => !waiting.has(c.chainKey)));
  });
  return {
    statuses: result.statuses,
    findings: result.findings,
    transfersOutside: result.transfersOutside,
    accessLogsNotDownloaded: download.accessIncomplete,
    usernames: [...usernamesOf(chains, download.chains.values())],
    chainsReloaded: request.mode === 'full' ? chains.length : reloaded,
    rowsRead,
    elapsedMs: deps.now() - started,
  };
}

async function incrementalInput(db: ReconcilerDatabase, info: ChainInfo, carry: ChainCarry): Promise<ReconcileChainInput | null> {
  if (info.rowsStored === null) return null;
  const pages = await readChainPagesAfter(db, info.chainKey, carry.lastId);
  const fresh = pages.reduce((sum, p) => sum + p.count, 0);
  if (carry.rows + fresh !== info.rowsStored) return null;
  const columns = pages.length === 0 ? emptyChainColumns(info.chain) : mergeLedgerPages(info.chain, pages);
  return { columns, carry, reachedCreation: info.reachedCreation };
}
