/**
 * What the Reconciliation view shows and the worker jobs behind it: the chain check (incremental
 * after each sync, full on request), live balances (get_account_summary per chain, fetched here
 * through the contract and compared in the worker) and the deposit/withdrawal check (wallet lists
 * fetched here, matched in the worker). Nothing heavy runs on this thread.
 */
import { create } from 'zustand';
import type { Finding, TieOut } from '../../../core/recon/types';
import type { AccountInfo } from '../../../shared/contract';
import { toShownError } from '../../state/error-message';
import { syncStateOf, useSync } from '../../state/sync-store';
import type { LiveBalance, ReconcileMode, ReconcileOutcome, WalletMatchOutcome, WorkerProgress } from '../../worker/protocol';
import { reconWorker } from '../../worker/recon-worker-client';
import { discoveredStreams } from './discovered-streams';
import { fetchLiveBalances, fetchWalletLists, WalletScopeError } from './live-data';

export interface WalletCheckState {
  readonly running: boolean;
  readonly outcome: WalletMatchOutcome | null;
  /** Plain words when the check could not run (e.g. the key lacks wallet:read). */
  readonly problem: string | null;
  readonly checkedAt: number | null;
}

interface ReconciliationState {
  readonly running: boolean;
  readonly progress: WorkerProgress | null;
  readonly outcome: ReconcileOutcome | null;
  readonly lastMode: ReconcileMode | null;
  readonly finishedAt: number | null;
  readonly error: string | null;
  /** chainKey → live comparison. */
  readonly tieOuts: Readonly<Record<string, TieOut>>;
  readonly tieOutFindings: readonly Finding[];
  readonly liveRunning: boolean;
  readonly liveError: string | null;
  readonly liveCheckedAt: number | null;
  readonly wallet: Readonly<Record<string, WalletCheckState>>;
  reconcile(accountKeys: readonly string[], mode: ReconcileMode): Promise<void>;
  checkLive(accountKeys: readonly string[]): Promise<void>;
  checkWallet(account: AccountInfo): Promise<void>;
}

const IDLE_WALLET: WalletCheckState = { running: false, outcome: null, problem: null, checkedAt: null };
export const walletStateOf = (state: Pick<ReconciliationState, 'wallet'>, accountKey: string): WalletCheckState =>
  state.wallet[accountKey] ?? IDLE_WALLET;

/** A run requested while one is going: done once, right after it (incremental unless a full one was asked for). */
let queued: { accountKeys: readonly string[]; mode: ReconcileMode } | null = null;

export const useReconciliation = create<ReconciliationState>()((set, get) => ({
  running: false,
  progress: null,
  outcome: null,
  lastMode: null,
  finishedAt: null,
  error: null,
  tieOuts: {},
  tieOutFindings: [],
  liveRunning: false,
  liveError: null,
  liveCheckedAt: null,
  wallet: {},

  async reconcile(accountKeys, mode) {
    if (get().running) {
      queued = { accountKeys, mode: queued?.mode === 'full' || mode === 'full' ? 'full' : 'incremental' };
      return;
    }
    set({ running: true, progress: null, error: null });
    try {
      const discovered = discoveredStreams((key) => syncStateOf(useSync.getState(), key).progress, accountKeys);
      const job = reconWorker().request('reconcile', { accountKeys, mode, discovered }, { onProgress: (progress) => set({ progress }) });
      const outcome = await job.result;
      set({ outcome, lastMode: mode, finishedAt: Date.now() });
    } catch (error) {
      set({ error: toShownError(error).message });
    } finally {
      set({ running: false, progress: null });
    }
    const next = queued;
    queued = null;
    if (next !== null) await get().reconcile(next.accountKeys, next.mode);
  },

  async checkLive(accountKeys) {
    // A chain not fully downloaded has no newest balance to compare yet.
    const statuses =
      get().outcome?.statuses.filter((s) => accountKeys.includes(s.chain.accountKey) && s.download?.complete !== false) ?? [];
    if (statuses.length === 0) return;
    set({ liveRunning: true, liveError: null });
    try {
      const live: LiveBalance[] = await fetchLiveBalances(statuses.map((s) => s.chain));
      const result = await reconWorker().request('tieOut', { live }).result;
      const tieOuts: Record<string, TieOut> = { ...get().tieOuts };
      for (const item of result.tieOuts) tieOuts[item.chainKey] = item.tieOut;
      set({ tieOuts, tieOutFindings: result.findings, liveCheckedAt: Date.now() });
    } catch (error) {
      set({ liveError: toShownError(error).message });
    } finally {
      set({ liveRunning: false });
    }
  },

  async checkWallet(account) {
    const patch = (change: Partial<WalletCheckState>): void =>
      set((state) => ({ wallet: { ...state.wallet, [account.accountKey]: { ...walletStateOf(state, account.accountKey), ...change } } }));
    if (account.scope !== null && !account.scope.tokens.some((t) => /^wallet:read/.test(t))) {
      patch({ problem: walletScopeMessage(account.label), outcome: null });
      return;
    }
    patch({ running: true, problem: null });
    try {
      const lists = await fetchWalletLists(account.accountKey);
      const outcome = await reconWorker().request('walletMatch', { accountKey: account.accountKey, ...lists }).result;
      patch({ outcome, checkedAt: Date.now() });
    } catch (error) {
      patch({ problem: error instanceof WalletScopeError ? walletScopeMessage(account.label) : toShownError(error).message });
    } finally {
      patch({ running: false });
    }
  },
}));

function walletScopeMessage(label: string): string {
  return `The key of ${label} cannot read deposits and withdrawals: it needs the wallet:read scope. Create a read-only key with account:read and wallet:read to run this check.`;
}
