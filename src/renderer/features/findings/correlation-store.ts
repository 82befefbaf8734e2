/**
 * The correlation results the Timeline and Findings views show, and the settings they ran with. The work
 * runs in the reconciliation worker (which keeps its inputs in memory); this store only asks, and asks
 * again after a reconciliation run (which follows every sync) or a settings change.
 */
import { create } from 'zustand';
import { toShownError } from '../../state/error-message';
import { useAccounts } from '../../state/accounts-store';
import { useLoginSources } from '../../state/login-sources-store';
import type { CorrelateOutcome, CorrelateRequest, CorrelationSettings } from '../../worker/correlate-protocol';
import type { WorkerProgress } from '../../worker/protocol';
import { reconWorker } from '../../worker/recon-worker-client';
import { useReconciliation } from '../reconciliation/reconciliation-store';
import { loadCorrelationSettings, saveCorrelationSettings } from './correlation-settings';

interface CorrelationState {
  readonly settings: CorrelationSettings;
  readonly running: boolean;
  readonly progress: WorkerProgress | null;
  readonly outcome: CorrelateOutcome | null;
  readonly finishedAt: number | null;
  readonly error: string | null;
  /** The finding whose evidence is shown (Findings view) or highlighted (Timeline). */
  readonly selectedId: string | null;
  /** The Timeline is open (or was): results come with every money movement from then on. */
  readonly wantMovements: boolean;
  run(): Promise<void>;
  /** Asks for the movements too (the Timeline draws them); runs again when the results lack them. */
  needMovements(): void;
  saveSettings(settings: CorrelationSettings): Promise<void>;
  select(id: string | null): void;
}

const storage = (): Storage | null => (typeof localStorage === 'undefined' ? null : localStorage);
let again = false;

export const useCorrelation = create<CorrelationState>()((set, get) => ({
  settings: loadCorrelationSettings(storage()),
  running: false,
  progress: null,
  outcome: null,
  finishedAt: null,
  error: null,
  selectedId: null,
  wantMovements: false,

  async run() {
    if (get().running) {
      again = true;
      return;
    }
    const accounts = useAccounts.getState().accounts;
    const accountKeys = accounts.map((a) => a.accountKey);
    set({ running: true, progress: null, error: null });
    try {
      // Reasons and headlines name login sources by their labels: know them first (after a restart too).
      if (!useLoginSources.getState().loaded) await useLoginSources.getState().load();
      const request: CorrelateRequest = { accountKeys, settings: get().settings, names: displayNames(), withMovements: get().wantMovements };
      const job = reconWorker().request('correlate', request, { onProgress: (progress) => set({ progress }) });
      set({ outcome: await job.result, finishedAt: Date.now() });
    } catch (error) {
      set({ error: toShownError(error).message });
    } finally {
      set({ running: false, progress: null });
    }
    if (again) {
      again = false;
      await get().run();
    }
  },

  async saveSettings(settings) {
    saveCorrelationSettings(storage(), settings);
    set({ settings });
    await get().run();
  },

  select(id) {
    set({ selectedId: id });
  },

  needMovements() {
    if (get().wantMovements) return;
    set({ wantMovements: true });
    const outcome = get().outcome;
    // The worker keeps its inputs in memory: asking again for the movements costs little.
    if (get().running) again = true;
    else if (outcome !== null && outcome.movements.length < outcome.movementCount) void get().run();
  },
}));

/** Labels for the reasons' wording: accounts by their label, each account's access log and every login source by theirs. */
function displayNames(): NonNullable<CorrelateRequest['names']> {
  const accounts = useAccounts.getState().accounts;
  return {
    accounts: accounts.map((a) => [a.accountKey, a.label] as const),
    sources: [
      ...accounts.map((a) => [a.accountKey, `Deribit access log of ${a.label}`] as const),
      ...useLoginSources.getState().sources.map((s) => [s.sourceKey, s.label] as const),
    ],
  };
}

/**
 * Correlate again, once results have been asked for, whenever a reconciliation run finishes (every account
 * sync ends with one) or a login source's sync stops. Returns the unsubscribe.
 */
export function startAutoCorrelate(): () => void {
  const rerun = (): void => {
    if (useCorrelation.getState().outcome !== null) void useCorrelation.getState().run();
  };
  const offRecon = useReconciliation.subscribe((state, previous) => {
    if (state.finishedAt !== null && state.finishedAt !== previous.finishedAt) rerun();
  });
  const offLogins = useLoginSources.subscribe((state, previous) => {
    const stopped = Object.entries(state.bySource).some(([key, now]) => !now.running && previous.bySource[key]?.running === true);
    if (stopped) rerun();
  });
  return () => {
    offRecon();
    offLogins();
  };
}
