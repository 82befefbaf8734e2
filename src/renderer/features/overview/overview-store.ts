/**
 * The Overview's data: asked of the worker (which reads the chains' compact columns and downsamples),
 * kept here, and kept as a snapshot in localStorage so that reopening the app draws the last overview
 * at once; the worker then compares what is cached (chains and row counts) with the snapshot's
 * fingerprint and only recomputes when a sync has added rows.
 */
import { create } from 'zustand';
import { toShownError } from '../../state/error-message';
import type { OverviewGroup } from '../../worker/overview';
import type { FundingGroup } from '../../worker/overview-funding';
import { reconWorker } from '../../worker/recon-worker-client';

/** Points per balance chart: about the widest chart's width in pixels. */
export const OVERVIEW_POINTS = 1200;
const SNAPSHOT_KEY = 'overview-snapshot-v1';

interface Snapshot {
  readonly accountKeys: string;
  readonly maxPoints: number;
  readonly fingerprint: string;
  readonly groups: readonly OverviewGroup[];
  readonly funding?: FundingState | null;
}

/** Funding by month, for the cache as it was at `fingerprint`. */
export interface FundingState {
  readonly fingerprint: string;
  readonly groups: readonly FundingGroup[];
}

interface OverviewState {
  /** Which accounts `groups` are about ("\n"-joined keys). */
  readonly accountKeys: string | null;
  readonly groups: readonly OverviewGroup[] | null;
  readonly fingerprint: string | null;
  /** The groups came from the snapshot and the worker has not confirmed them yet. */
  readonly fromSnapshot: boolean;
  readonly loading: boolean;
  readonly error: string | null;
  readonly funding: FundingState | null;
  readonly fundingLoading: boolean;
  readonly fundingError: string | null;
  load(accountKeys: readonly string[]): Promise<void>;
  /** Funding from the full rows (slow on a large cache: asked for after the charts and the checks). */
  loadFunding(): Promise<void>;
  /**
   * At app start, before the account list has loaded: draws the last session's overview and asks the
   * worker to confirm it for the same accounts (the view's own load then finds it current).
   */
  prefetch(): void;
  /** No account left: the kept overview (balances of a deleted history) is dropped. */
  forget(): void;
}

const storage = (): Storage | null => (typeof localStorage === 'undefined' ? null : localStorage);

/** The last overview saved, when it was made for these accounts (any accounts when null). */
function readSnapshot(accountKeys: string | null): Snapshot | null {
  try {
    const text = storage()?.getItem(SNAPSHOT_KEY);
    if (text == null) return null;
    const snapshot = JSON.parse(text) as Snapshot;
    const fits = (accountKeys === null || snapshot.accountKeys === accountKeys) && typeof snapshot.accountKeys === 'string';
    return fits && snapshot.maxPoints === OVERVIEW_POINTS && Array.isArray(snapshot.groups) ? snapshot : null;
  } catch {
    return null;
  }
}

function writeSnapshot(snapshot: Snapshot): void {
  try {
    storage()?.setItem(SNAPSHOT_KEY, JSON.stringify(snapshot));
  } catch {
    // Full or unavailable storage: the overview is computed again next time, nothing is lost.
  }
}

let again: readonly string[] | null = null;

export const useOverview = create<OverviewState>()((set, get) => ({
  accountKeys: null,
  groups: null,
  fingerprint: null,
  fromSnapshot: false,
  loading: false,
  error: null,
  funding: null,
  fundingLoading: false,
  fundingError: null,

  prefetch() {
    if (get().accountKeys !== null) return;
    const snapshot = readSnapshot(null);
    if (snapshot === null || snapshot.accountKeys === '') return;
    void get().load(snapshot.accountKeys.split('\n'));
  },

  forget() {
    try {
      storage()?.removeItem(SNAPSHOT_KEY);
    } catch {
      // Nothing kept where there is no storage.
    }
    set({ accountKeys: null, groups: null, fingerprint: null, fromSnapshot: false, funding: null });
  },

  async load(accountKeys) {
    if (get().loading) {
      again = accountKeys;
      return;
    }
    const keys = accountKeys.join('\n');
    if (get().accountKeys !== keys) {
      const snapshot = readSnapshot(keys);
      set({ accountKeys: keys, groups: snapshot?.groups ?? null, fingerprint: snapshot?.fingerprint ?? null, fromSnapshot: snapshot !== null, funding: snapshot?.funding ?? null });
    }
    set({ loading: true, error: null });
    try {
      const known = get().fingerprint;
      const outcome = await reconWorker().request('overview', { accountKeys, maxPoints: OVERVIEW_POINTS, ...(known !== null ? { knownFingerprint: known } : {}) }).result;
      if (outcome.groups !== null) {
        set({ groups: outcome.groups, fingerprint: outcome.fingerprint });
        writeSnapshot({ accountKeys: keys, maxPoints: OVERVIEW_POINTS, fingerprint: outcome.fingerprint, groups: outcome.groups, funding: get().funding });
      }
      set({ fromSnapshot: false });
    } catch (error) {
      set({ error: toShownError(error).message });
    } finally {
      set({ loading: false });
    }
    const next = again;
    again = null;
    if (next !== null) await get().load(next);
  },

  async loadFunding() {
    const { accountKeys, fingerprint, groups, funding, fundingLoading, fromSnapshot } = get();
    if (accountKeys === null || fingerprint === null || groups === null || fromSnapshot || fundingLoading) return;
    if (funding !== null && funding.fingerprint === fingerprint) return;
    set({ fundingLoading: true, fundingError: null });
    try {
      const outcome = await reconWorker().request('overviewFunding', { accountKeys: accountKeys.split('\n') }).result;
      // Rows added meanwhile: the next round asks again (the fingerprint no longer matches).
      const next: FundingState = { fingerprint: outcome.fingerprint, groups: outcome.groups };
      set({ funding: next });
      const now = get();
      if (now.accountKeys === accountKeys && now.groups !== null && now.fingerprint !== null) {
        writeSnapshot({ accountKeys, maxPoints: OVERVIEW_POINTS, fingerprint: now.fingerprint, groups: now.groups, funding: next });
      }
    } catch (error) {
      set({ fundingError: toShownError(error).message });
    } finally {
      set({ fundingLoading: false });
    }
  },
}));
