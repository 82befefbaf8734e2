/**
 * Reconciliation after a cancelled sync, in Node over fake-indexeddb with rows synced from the simulator
 * over real HTTP: what is not downloaded yet is said plainly (no break, gap or unmatched transfer it
 * would cause), and once the sync finishes the check is exact — also when it continues carries written
 * while the download was partial, and with a planted corruption, which then appears.
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import type { DiscoveredStream } from '../../../src/core/recon/account-download';
import type { Finding } from '../../../src/core/recon/types';
import type { SyncProgress } from '../../../src/core/sync/types';
import type { WalletListRequest, WalletRecord } from '../../../src/core/providers/deribit/types';
import { fetchAllWalletRecords } from '../../../src/core/sync/wallet-lists';
import type { ReconcilerDatabase } from '../../../src/renderer/db/database';
import { historyWords, verdictText } from '../../../src/renderer/features/reconciliation/chain-status-text';
import { discoveredStreams } from '../../../src/renderer/features/reconciliation/discovered-streams';
import { ChainColumnsCache } from '../../../src/renderer/worker/ledger-reader';
import type { ReconcileOutcome, RequestChannel } from '../../../src/renderer/worker/protocol';
import { reconcileAccounts, type ReconcileDeps } from '../../../src/renderer/worker/reconcile-accounts';
import { matchWallet } from '../../../src/renderer/worker/wallet-check';
import type { Corruption, DeribitSim } from '../../sim/deribit/index';
import { fastClient, freshDatabase, smallDataset, startFastSim, syncOnce } from '../../support/sync-harness';

const ACCOUNT = 'acc_test';
const CURRENCIES = ['BTC', 'ETH', 'USDC'];
const CHAINS = 3 * CURRENCIES.length;
const channel: RequestChannel = { chunk: () => 0, progress: () => undefined, isCancelled: () => false };
const NOT_DOWNLOADED = /^Not fully downloaded \(sync \d{1,2} % done\) — sync to finish$/;

const opened: { sim: DeribitSim; db: ReconcilerDatabase }[] = [];
afterEach(async () => {
  for (const { sim, db } of opened.splice(0)) {
    db.close();
    await sim.close();
  }
});

/** A simulated account of 9 chains, ~2 pages each (so a cancel can fall inside a stream or between two). */
async function setUp(corruptions: (users: DeribitSim['users']) => Corruption[] = () => []) {
  const endTime = Date.now() - 60_000;
  const dataset = smallDataset({ rowsPerStream: 300, accessLogEvents: 20, endTime, startTime: endTime - 420 * 86_400_000 });
  const probe = await startFastSim({ dataset });
  const users = probe.users;
  await probe.close();
  const sim = await startFastSim({ dataset: { ...dataset, corruptions: corruptions(users) } });
  const db = freshDatabase();
  opened.push({ sim, db });
  const deps: ReconcileDeps = { db, columns: new ChainColumnsCache(db), now: () => performance.now() };
  return { sim, db, deps, users };
}

/** Syncs until `stop` says so (checked after every page), as the Cancel button does. */
async function syncUntil(sim: DeribitSim, db: ReconcilerDatabase, stop: (p: SyncProgress) => boolean): Promise<SyncProgress> {
  const controller = new AbortController();
  let last: SyncProgress | null = null;
  const final = await syncOnce({
    client: fastClient(sim), db, accountKey: ACCOUNT, signal: controller.signal,
    onProgress: (p) => {
      last = p;
      if (p.phase === 'syncing' && stop(p)) controller.abort();
    },
  });
  expect(final.phase, 'the sync was cancelled midway').toBe('cancelled');
  return last ?? final;
}

const serious = (findings: readonly Finding[]): Finding[] => findings.filter((f) => f.severity !== 'info');
const kinds = (findings: readonly Finding[]): string[] => [...new Set(serious(findings).map((f) => f.kind))].sort();
const pending = (o: ReconcileOutcome) => o.statuses.filter((s) => s.download?.complete === false);

function expectNothingClaimedAboutTheMissingPart(outcome: ReconcileOutcome): void {
  expect(serious(outcome.findings)).toEqual([]);
  expect(pending(outcome).length).toBeGreaterThan(0);
  for (const s of pending(outcome)) {
    expect(historyWords(s).text).toMatch(NOT_DOWNLOADED);
    expect(s.download?.percentDone).toBeLessThanOrEqual(99);
  }
  for (const s of outcome.statuses) expect(historyWords(s).text).not.toMatch(/Gapped|incomplete/);
}

/** Syncs to the end: a stream whose interrupted window closes behind the others needs one more run. */
async function syncToTheEnd(sim: DeribitSim, db: ReconcilerDatabase, deps: ReconcileDeps): Promise<ReconcileOutcome> {
  for (let run = 0; run < 3; run++) {
    expect((await syncOnce({ client: fastClient(sim), db, accountKey: ACCOUNT })).phase).toBe('done');
    const outcome = await reconcileAccounts(deps, { accountKeys: [ACCOUNT], mode: 'incremental' }, channel);
    if (pending(outcome).length === 0) return outcome;
    // Still behind after a finished run: nothing it would cause is reported meanwhile either.
    expectNothingClaimedAboutTheMissingPart(outcome);
  }
  throw new Error('the download never finished');
}

describe('reconcile after a cancelled sync', () => {
  const running = (userIndex: number, currency: string) => (users: DeribitSim['users']) => (p: SyncProgress) =>
    p.streams.some((s) => s.userId === users[userIndex]?.userId && s.currency === currency && s.state === 'running' && s.pagesFetched > 0);
  // walletWaits: wallet entries fall in time not downloaded (null: depends on whether the engine stores a
  // cursor for streams it never reached, so the wallet check asks for their currency at all).
  const cancels: [string, (users: DeribitSim['users']) => (p: SyncProgress) => boolean, { walletWaits: boolean | null }][] = [
    ['inside the main account\'s BTC stream', running(0, 'BTC'), { walletWaits: true }],
    ['inside the first subaccount\'s ETH stream', running(1, 'ETH'), { walletWaits: false }],
    ['right after the main account\'s ETH stream finished', (users) => (p) => p.streams.some((s) => s.userId === users[0]?.userId && s.currency === 'ETH' && s.state === 'done'), { walletWaits: null }],
  ];

  it.each(cancels)('cancelled %s: says what is not downloaded, reports nothing it would cause; finished, the check is exact', async (_name, when, options) => {
    const { sim, db, deps, users } = await setUp();
    const last = await syncUntil(sim, db, when(users));
    const discovered: DiscoveredStream[] = discoveredStreams(() => last, [ACCOUNT]);
    expect(discovered).toHaveLength(CHAINS);

    const partial = await reconcileAccounts(deps, { accountKeys: [ACCOUNT], mode: 'incremental', discovered }, channel);
    expectNothingClaimedAboutTheMissingPart(partial);
    expect(partial.statuses).toHaveLength(CHAINS);
    const waiting = pending(partial).length;
    expect(verdictText(partial.statuses, 0, false, 0)).toBe(`${waiting} of ${CHAINS} chains are not fully downloaded — sync to finish; findings wait until then.`);
    // No carry is kept for a chain not fully downloaded.
    expect(await db.reconState.bulkGet(pending(partial).map((s) => `${ACCOUNT}|${s.chain.userId}|${s.chain.currency}`))).toEqual(pending(partial).map(() => undefined));

    // Wallet entries of time not downloaded yet wait; the rows there match.
    const wallet = await walletCheck(sim, db);
    expect(wallet.findings).toEqual([]);
    if (options.walletWaits !== null) expect(wallet.notDownloaded > 0).toBe(options.walletWaits);

    const done = await syncToTheEnd(sim, db, deps);
    expect(serious(done.findings)).toEqual([]);
    expect(done.statuses).toHaveLength(CHAINS);
    for (const s of done.statuses) {
      expect(s.rows).toBe(sim.truthTransactions(s.chain.userId, s.chain.currency).length);
      expect(s).toMatchObject({ breaks: 0, gaps: 0, complete: true, download: { complete: true } });
      expect(historyWords(s).text).toBe('Complete');
    }
    expect(verdictText(done.statuses, 0, true, done.accessLogsNotDownloaded.length)).toBe(`All ${CHAINS} chains reconcile: every balance follows from the one before, no gaps.`);
    // The incremental result (continuing carries from the partial download) is exactly a full one.
    const full = await reconcileAccounts(deps, { accountKeys: [ACCOUNT], mode: 'full' }, channel);
    expect(done.statuses).toEqual(full.statuses);
    expect(done.findings).toEqual(full.findings);
    expect(done.transfersOutside).toBe(full.transfersOutside);
    const walletDone = await walletCheck(sim, db);
    expect(walletDone).toMatchObject({ findings: [], notDownloaded: 0 });
    expect(walletDone.matched).toBe(walletDone.rowsChecked);
  }, 60_000);

  it('a dropped row in a chain still downloading waits; once the sync finishes, its break and gap are reported at its row', async () => {
    const { sim, db, deps, users } = await setUp((u) => [{ kind: 'drop-row', userId: u[1]!.userId, currency: 'ETH' }]);
    const sub = users[1]!.userId;
    const last = await syncUntil(sim, db, (p) => p.streams.some((s) => s.userId === sub && s.currency === 'ETH' && s.state === 'running' && s.pagesFetched > 0));
    const partial = await reconcileAccounts(deps, { accountKeys: [ACCOUNT], mode: 'incremental', discovered: discoveredStreams(() => last, [ACCOUNT]) }, channel);
    expectNothingClaimedAboutTheMissingPart(partial);
    expect(partial.statuses.find((s) => s.chain.userId === sub && s.chain.currency === 'ETH')?.rows).toBeGreaterThan(0);

    const done = await syncToTheEnd(sim, db, deps);
    const expected = sim.corruptionTargets().flatMap((t) => t.expectedFindings);
    expect(expected.length).toBeGreaterThan(0);
    const brief = (list: readonly { kind: string; rowId: number | null }[]): string[] => list.map((f) => `${f.kind}@${f.rowId}`).sort();
    expect(brief(serious(done.findings))).toEqual(brief(expected));
    expect(kinds(done.findings)).toEqual(['balance-break', 'sequence-gap']);
    const full = await reconcileAccounts(deps, { accountKeys: [ACCOUNT], mode: 'full' }, channel);
    expect(done.findings).toEqual(full.findings);
    expect(done.statuses).toEqual(full.statuses);
  }, 60_000);
});

/** The wallet check as the app runs it: the lists of every currency the main user has a stream of. */
async function walletCheck(sim: DeribitSim, db: ReconcilerDatabase) {
  const client = fastClient(sim);
  const source = { fetchWalletPage: (req: WalletListRequest) => client.getWalletList(req) };
  const currencies = (await db.syncState.toArray()).flatMap((s) => (s.kind === 'tx' && s.userId === sim.mainUserId && s.currency !== null ? [s.currency] : []));
  const deposits: WalletRecord[] = [];
  const withdrawals: WalletRecord[] = [];
  for (const c of currencies) {
    deposits.push(...(await fetchAllWalletRecords(source, 'deposits', c, 7)));
    withdrawals.push(...(await fetchAllWalletRecords(source, 'withdrawals', c, 7)));
  }
  return matchWallet(db, { accountKey: ACCOUNT, mainUserId: sim.mainUserId, currencies, deposits, withdrawals });
}
