/**
 * The worker's Dexie-reading orchestration, in Node over fake-indexeddb with rows synced from the
 * simulator over real HTTP: reconcile (full and incremental, with the fall-back to full), tie-out
 * against live summaries, period summaries and a streamed export checked against the simulator's truth.
 */
import 'fake-indexeddb/auto';
import { createHash } from 'node:crypto';
import Decimal from 'decimal.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { periodForRange, periodForYear } from '../../../src/core/recon/period';
import type { ChainColumns } from '../../../src/core/recon/chain-columns';
import { chainKeyOf, type Period } from '../../../src/core/recon/types';
import type { TransactionLogRow } from '../../../src/core/providers/deribit/types';
import type { ReconcilerDatabase } from '../../../src/renderer/db/database';
import { listChains, parseChainKey } from '../../../src/renderer/worker/chain-catalog';
import { exportPeriod } from '../../../src/renderer/worker/export-stream';
import { periodRowGroups } from '../../../src/renderer/worker/period-row-groups';
import { ChainColumnsCache } from '../../../src/renderer/worker/ledger-reader';
import { summarizeAccounts } from '../../../src/renderer/worker/period-summaries';
import type { RequestChannel, WorkerProgress } from '../../../src/renderer/worker/protocol';
import { reconcileAccounts, type ReconcileDeps } from '../../../src/renderer/worker/reconcile-accounts';
import { tieOutChains } from '../../../src/renderer/worker/tie-out-chains';
import { matchWallet } from '../../../src/renderer/worker/wallet-check';
import { fetchAllWalletRecords } from '../../../src/core/sync/wallet-lists';
import type { WalletListRequest } from '../../../src/core/providers/deribit/types';
import type { DeribitSim } from '../../sim/deribit/index';
import { parseCsv } from '../../support/csv-parse';
import { fastClient, freshDatabase, smallDataset, startFastSim, syncOnce } from '../../support/sync-harness';

const ACCOUNT = 'acc_test';
const CURRENCIES = ['BTC', 'ETH', 'USDC'];
let sim: DeribitSim;
let db: ReconcilerDatabase;
let deps: ReconcileDeps;

function collector() {
  const chunks: string[] = [];
  const progress: WorkerProgress[] = [];
  let cancelled = false;
  const utf8 = new TextDecoder();
  const chunk = (data: string | Uint8Array): number => {
    const text = typeof data === 'string' ? data : utf8.decode(data);
    chunks.push(text);
    return Buffer.byteLength(text, 'utf8');
  };
  const ch: RequestChannel = { chunk, progress: (p) => progress.push(p), isCancelled: () => cancelled };
  return { ch, chunks, progress, cancel: () => (cancelled = true) };
}

beforeAll(async () => {
  const endTime = Date.now() - 60_000;
  sim = await startFastSim({ dataset: smallDataset({ rowsPerStream: 120, accessLogEvents: 20, endTime, startTime: endTime - 420 * 86_400_000 }) });
  db = freshDatabase();
  deps = { db, columns: new ChainColumnsCache(db), now: () => performance.now() };
  await syncOnce({ client: fastClient(sim), db, accountKey: ACCOUNT });
});

afterAll(async () => {
  db.close();
  await sim.close();
});

const truthRows = (userId: number, currency: string) => sim.truthTransactions(userId, currency);

describe('reconcile over the Dexie ledger', () => {
  it('chain keys parse back, also when the account key holds a "|"', () => {
    expect(parseChainKey('a|b|12|BTC')).toEqual({ accountKey: 'a|b', userId: 12, currency: 'BTC' });
    expect(parseChainKey('acc|x|BTC')).toBeNull();
  });

  it('a clean synced account reconciles with no error or warning, every chain complete and as long as the truth', async () => {
    const { ch, progress } = collector();
    const outcome = await reconcileAccounts(deps, { accountKeys: [ACCOUNT], mode: 'full' }, ch);
    expect(outcome.findings.filter((f) => f.severity !== 'info')).toEqual([]);
    expect(outcome.statuses.length).toBe(sim.users.length * CURRENCIES.length);
    for (const status of outcome.statuses) {
      const truth = truthRows(status.chain.userId, status.chain.currency);
      expect(status.rows).toBe(truth.length);
      expect(status.breaks).toBe(0);
      expect(status.gaps).toBe(0);
      expect(status.complete).toBe(true);
      expect(status.newestBalance).toBe(truth.reduce((a, b) => (b.userSeq > a.userSeq ? b : a)).balance);
    }
    expect(progress.at(-1)?.phase).toBe('Checking chains');
    expect(await db.reconState.count()).toBe(outcome.statuses.length);
    expect(outcome.usernames.map(([, name]) => name).sort()).toEqual(sim.users.map((u) => u.username).sort());
  });

  it('incremental after new rows reads only the new rows and equals a full run; a carry that does not fit falls back to full', async () => {
    await reconcileAccounts(deps, { accountKeys: [ACCOUNT], mode: 'full' }, collector().ch);
    sim.appendActivity({ rowsPerStream: 4, accessLogEvents: 0, until: Date.now() });
    await syncOnce({ client: fastClient(sim), db, accountKey: ACCOUNT });
    const total = sim.users.reduce((n, u) => n + CURRENCIES.reduce((m, c) => m + truthRows(u.userId, c).length, 0), 0);

    const incremental = await reconcileAccounts(deps, { accountKeys: [ACCOUNT], mode: 'incremental' }, collector().ch);
    expect(incremental.chainsReloaded).toBe(0);
    expect(incremental.rowsRead).toBeGreaterThan(0);
    expect(incremental.rowsRead).toBeLessThan(100);
    const full = await reconcileAccounts(deps, { accountKeys: [ACCOUNT], mode: 'full' }, collector().ch);
    expect(full.rowsRead).toBe(total);
    expect(incremental.statuses).toEqual(full.statuses);
    expect(incremental.findings).toEqual(full.findings);

    // A stale carry (as if written mid-backfill): the row count check catches it and the chain is read fully.
    const someKey = full.statuses[0] ? chainKeyOf(full.statuses[0].chain) : '';
    await db.reconState.update(someKey, { rows: 3 });
    const fallback = await reconcileAccounts(deps, { accountKeys: [ACCOUNT], mode: 'incremental' }, collector().ch);
    expect(fallback.chainsReloaded).toBe(full.statuses.length);
    expect(fallback.statuses).toEqual(full.statuses);
  });

  it('keeps whole-chain columns in memory while the chain is unchanged, and reads them again once a sync adds rows', async () => {
    const cache = new ChainColumnsCache(db);
    const before = (await listChains(db, [ACCOUNT]))[0]!;
    expect((await cache.full(before)).fromCache).toBe(false);
    expect((await cache.full(before)).fromCache).toBe(true);
    sim.appendActivity({ rowsPerStream: 3, accessLogEvents: 0, until: Date.now() });
    await syncOnce({ client: fastClient(sim), db, accountKey: ACCOUNT });
    const after = (await listChains(db, [ACCOUNT])).find((c) => c.chainKey === before.chainKey)!;
    expect(after.rowsStored).toBeGreaterThan(before.rowsStored ?? Infinity);
    const reread = await cache.full(after);
    expect(reread.fromCache).toBe(false);
    expect(reread.columns.count).toBe(after.rowsStored);
    expect(reread.columns.count).toBe(truthRows(after.chain.userId, after.chain.currency).length);
    // Without a stream state (a v1 cache), the page count decides.
    const stateless = { ...after, rowsStored: null };
    expect((await cache.full(stateless)).fromCache).toBe(false);
    expect((await cache.full(stateless)).fromCache).toBe(true);
  });

  it('tie-out compares the carried newest balance with live summaries: equal ties out, a different one is reported exactly', async () => {
    await reconcileAccounts(deps, { accountKeys: [ACCOUNT], mode: 'incremental' }, collector().ch);
    const client = fastClient(sim);
    const chains = await listChains(db, [ACCOUNT]);
    const live = [];
    for (const info of chains) {
      const summary = await client.getAccountSummary(info.chain.currency, info.chain.userId === sim.mainUserId ? null : info.chain.userId);
      live.push({ chain: info.chain, summary, liveAt: Date.now() });
    }
    const result = await tieOutChains(db, { live });
    expect(result.findings).toEqual([]);
    expect(result.tieOuts.every((t) => t.tieOut.tiesOut)).toBe(true);

    const first = live[0]!;
    const off = await tieOutChains(db, { live: [{ ...first, summary: { ...first.summary, balance: addTiny(first.summary.balance) } }] });
    expect(off.tieOuts[0]?.tieOut.tiesOut).toBe(false);
    expect(off.tieOuts[0]?.tieOut.difference).toBe('0.00000001');
    expect(off.findings[0]?.kind).toBe('tie-out-difference');
  });
});

describe('summaries and exports over the Dexie ledger', () => {
  it('period summaries: rows and closing balances equal the truth, Σ totals = closing − opening', async () => {
    const year = new Date(Date.now()).getUTCFullYear();
    const period = periodForYear(year, 'UTC');
    const { summaries } = await summarizeAccounts(deps, { accountKeys: [ACCOUNT], period }, collector().ch);
    expect(summaries.length).toBe(sim.users.length * CURRENCIES.length);
    for (const s of summaries) {
      const truth = [...truthRows(s.chain.userId, s.chain.currency)].sort((a, b) => a.userSeq - b.userSeq);
      const inPeriod = truth.filter((r) => r.timestamp >= period.fromMs && r.timestamp < period.toMs);
      const before = truth.filter((r) => r.timestamp < period.fromMs).at(-1);
      expect(s.rows).toBe(inPeriod.length);
      expect(s.identityHolds).toBe(true);
      expect(new Decimal(s.opening).equals(before?.balance ?? '0')).toBe(true);
      expect(new Decimal(s.closing).equals(inPeriod.at(-1)?.balance ?? before?.balance ?? '0')).toBe(true);
      const totals = s.totals.reduce((sum, t) => sum.plus(t.amount), new Decimal(0));
      expect(totals.equals(new Decimal(s.closing).minus(s.opening))).toBe(true);
      expect(totals.equals(new Decimal(s.sumOfChanges))).toBe(true);
      expect(s.username).toBe(sim.users.find((u) => u.userId === s.chain.userId)?.username);
    }
  });

  it('a streamed transactions CSV holds exactly the period rows in chain order; its digest covers the data rows', async () => {
    const year = new Date(Date.now()).getUTCFullYear();
    const period = periodForYear(year, 'UTC');
    const { ch, chunks, progress } = collector();
    const outcome = await exportPeriod(deps, { accountKeys: [ACCOUNT], period, format: 'transactions-csv', accountLabels: [[ACCOUNT, 'Sim, "test"']] }, ch);
    const text = chunks.join('');
    expect(Buffer.byteLength(text, 'utf8')).toBe(outcome.bytes);
    const [header, ...records] = parseCsv(text);
    const idCol = header!.indexOf('id');
    const accountCol = header!.indexOf('account');
    const truth = sim.users
      .slice()
      .sort((a, b) => a.userId - b.userId)
      .flatMap((u) => CURRENCIES.flatMap((c) => truthRows(u.userId, c).filter((r) => r.timestamp >= period.fromMs && r.timestamp < period.toMs).sort((a, b) => a.userSeq - b.userSeq || a.id - b.id)));
    expect(records.map((r) => Number(r[idCol]))).toEqual(truth.map((r) => r.id));
    expect(new Set(records.map((r) => r[accountCol]))).toEqual(new Set(['Sim, "test"']));
    expect(outcome.section.rowsExported).toBe(truth.length);
    const headerLine = text.slice(0, text.indexOf('\r\n') + 2);
    expect(outcome.section.sha256).toBe(createHash('sha256').update(text.slice(headerLine.length), 'utf8').digest('hex'));
    expect(outcome.sidecar?.fileName).toBe(`${outcome.fileName}.reconciliation.txt`);
    expect(outcome.sidecar?.text).toContain(outcome.section.sha256);
    expect(progress.at(-1)).toMatchObject({ done: truth.length, total: truth.length });
  });

  it('a cancelled export stops with CancelledError', async () => {
    const period = periodForYear(new Date(Date.now()).getUTCFullYear(), 'UTC');
    const { ch, cancel } = collector();
    cancel();
    await expect(exportPeriod(deps, { accountKeys: [ACCOUNT], period, format: 'koinly-csv', accountLabels: [] }, ch)).rejects.toThrow('Cancelled');
  });
});

function addTiny(balance: string): string {
  // balance + 0.00000001, exact (BigInt on the digits).
  const [int = '0', frac = ''] = balance.replace('-', '').split('.');
  const places = Math.max(frac.length, 8);
  const negative = balance.startsWith('-');
  const scaled = BigInt(int + frac.padEnd(places, '0')) * (negative ? -1n : 1n) + 10n ** BigInt(places - 8);
  const abs = (scaled < 0n ? -scaled : scaled).toString().padStart(places + 1, '0');
  const text = `${abs.slice(0, -places)}.${abs.slice(-places)}`.replace(/\.?0+$/, '');
  return (scaled < 0n ? '-' : '') + text;
}


describe('wallet lists and corruptions', () => {
  it('the main user\'s deposits and withdrawals match get_deposits / get_withdrawals fetched page by page', async () => {
    const client = fastClient(sim);
    const source = { fetchWalletPage: (req: WalletListRequest) => client.getWalletList(req) };
    const deposits = [];
    const withdrawals = [];
    for (const c of CURRENCIES) {
      deposits.push(...(await fetchAllWalletRecords(source, 'deposits', c, 7)));
      withdrawals.push(...(await fetchAllWalletRecords(source, 'withdrawals', c, 7)));
    }
    const result = await matchWallet(db, { accountKey: ACCOUNT, mainUserId: sim.mainUserId, currencies: CURRENCIES, deposits, withdrawals });
    const truthMovements = CURRENCIES.flatMap((c) => truthRows(sim.mainUserId, c)).filter((r) => r.type === 'deposit' || r.type === 'withdrawal');
    expect(result.rowsChecked).toBe(truthMovements.length);
    expect(result.rowsChecked).toBeGreaterThan(0);
    expect(result.findings).toEqual([]);
    expect(result.matched).toBe(result.rowsChecked);
    // One entry disagreeing by a satoshi is reported at its row.
    const bad = withdrawals.length > 0 ? { ...withdrawals[0]!, amount: addTiny(withdrawals[0]!.amount) } : null;
    if (bad === null) throw new Error('the simulated account has no withdrawal');
    const off = await matchWallet(db, { accountKey: ACCOUNT, mainUserId: sim.mainUserId, currencies: CURRENCIES, deposits, withdrawals: [bad, ...withdrawals.slice(1)] });
    expect(off.findings.length).toBeGreaterThan(0);
    expect(off.findings.every((f) => f.kind === 'wallet-mismatch')).toBe(true);
  });

  it('corruptions synced from the simulator are reported at exactly their rows, also incrementally', async () => {
    const endTime = Date.now() - 60_000;
    const base = smallDataset({ rowsPerStream: 80, accessLogEvents: 10, endTime, startTime: endTime - 300 * 86_400_000 });
    const users = (await startFastSim({ dataset: base }).then(async (probe) => {
      const list = probe.users;
      await probe.close();
      return list;
    })).filter((u) => !u.isMain);
    const [subA, subB] = users as [(typeof users)[number], (typeof users)[number]];
    const bad = await startFastSim({
      dataset: {
        ...base,
        corruptions: [
          { kind: 'alter-balance', userId: subA.userId, currency: 'BTC', delta: '0.00000001' },
          { kind: 'drop-row', userId: subB.userId, currency: 'ETH' },
        ],
      },
    });
    const badDb = freshDatabase();
    try {
      await syncOnce({ client: fastClient(bad), db: badDb, accountKey: ACCOUNT });
      const badDeps: ReconcileDeps = { db: badDb, columns: new ChainColumnsCache(badDb), now: () => performance.now() };
      const outcome = await reconcileAccounts(badDeps, { accountKeys: [ACCOUNT], mode: 'full' }, collector().ch);
      const serious = outcome.findings.filter((f) => f.severity !== 'info');
      const expected = bad.corruptionTargets().flatMap((t) => t.expectedFindings);
      expect(serious.map((f) => ({ kind: f.kind, userId: f.chain.userId, currency: f.chain.currency, rowId: f.rowId })).sort(byJson)).toEqual(
        expected.map((e) => ({ kind: e.kind, userId: e.userId, currency: e.currency, rowId: e.rowId })).sort(byJson),
      );
      const alter = bad.corruptionTargets()[0]!;
      expect(serious.find((f) => f.kind === 'balance-break' && f.chain.userId === subA.userId)?.rowId).toBe(alter.rowId);
      // The carried state keeps the old breaks: an incremental run with nothing new reports the same.
      const again = await reconcileAccounts(badDeps, { accountKeys: [ACCOUNT], mode: 'incremental' }, collector().ch);
      expect(again.chainsReloaded).toBe(0);
      expect(again.findings).toEqual(outcome.findings);
      expect(again.statuses).toEqual(outcome.statuses);
    } finally {
      badDb.close();
      await bad.close();
    }
  });
});

async function periodRows(store: ReconcilerDatabase, columns: ChainColumns, period: Period): Promise<TransactionLogRow[]> {
  const rows: TransactionLogRow[] = [];
  for await (const group of periodRowGroups(store, columns, period)) rows.push(...group);
  return rows;
}

const byJson = (a: unknown, b: unknown): number => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1);

describe('period rows', () => {
  it('a narrow period reads only the pages it needs and still yields exactly its rows, in chain order', async () => {
    const all = sim.users.flatMap((u) => CURRENCIES.flatMap((c) => truthRows(u.userId, c)));
    const times = all.map((r) => r.timestamp).sort((a, b) => a - b);
    // Three middle days of the history, in Europe/Paris.
    const mid = new Date(times[Math.floor(times.length / 2)]!).toISOString().slice(0, 10);
    const end = new Date(Date.parse(mid) + 2 * 86_400_000).toISOString().slice(0, 10);
    const period = periodForRange(mid, end, 'Europe/Paris');
    for (const info of await listChains(db, [ACCOUNT])) {
      const { columns } = await deps.columns.full(info);
      const rows = await periodRows(db, columns, period);
      const truth = [...truthRows(info.chain.userId, info.chain.currency)]
        .filter((r) => r.timestamp >= period.fromMs && r.timestamp < period.toMs)
        .sort((a, b) => a.userSeq - b.userSeq || a.id - b.id);
      expect(rows.map((r) => r.id)).toEqual(truth.map((r) => r.id));
    }
    const outside = periodForRange('2001-01-01', '2001-12-31', 'UTC');
    const first = (await listChains(db, [ACCOUNT]))[0]!;
    expect(await periodRows(db, (await deps.columns.full(first)).columns, outside)).toEqual([]);
  });
});
