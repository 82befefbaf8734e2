/**
 * The worker's `correlate` request and result (next to `reconcile` in protocol.ts): which accounts, the
 * user's correlation settings, and the findings plus the money movements the timeline draws.
 */
import type { CorrelationFinding, MoneyMovement } from '../../core/correlate/types';
import type { Incident } from '../../core/correlate/incidents';

/** The user's correlation settings as stored (plain JSON): a window in hours, loss thresholds as decimal text. */
export interface CorrelationSettings {
  readonly windowHours: number;
  /** [currency, positive decimal text]: a negative change at least this large counts as a loss. */
  readonly lossThresholds: readonly (readonly [string, string])[];
}

export interface CorrelateRequest {
  readonly accountKeys: readonly string[];
  readonly settings: CorrelationSettings;
  /** [key, label] of accounts and of login sources (Deribit access logs under their account key), for the reasons' wording. */
  readonly names?: { readonly accounts: readonly (readonly [string, string])[]; readonly sources: readonly (readonly [string, string])[] };
  /**
   * Send every money movement back (the Timeline draws them). Default true. The Findings count and the
   * Overview need only the findings: at a million rows the movements are a quarter-second task on the page
   * just to receive.
   */
  readonly withMovements?: boolean;
}

export interface CorrelateOutcome {
  readonly findings: readonly CorrelationFinding[];
  /** The findings grouped into incidents (one story, one incident), most severe and newest first. */
  readonly incidents: readonly Incident[];
  /** Findings tied to no Deribit account: listed among all findings, in no incident. */
  readonly contextFindingIds: readonly string[];
  /** Withdrawals, transfers out and losses of the accounts, by (time, row id); empty unless asked for (withMovements). */
  readonly movements: readonly MoneyMovement[];
  /** How many movements were checked, whether or not they were sent. */
  readonly movementCount: number;
  /** Ledger rows behind the selection and login events read (0 when served from memory). */
  readonly rowsScanned: number;
  readonly eventsRead: number;
  /** Which inputs came from the worker's memory instead of IndexedDB. */
  readonly cached: { readonly movements: boolean; readonly events: boolean; readonly findings: boolean };
  readonly elapsedMs: number;
  /** Where the time went (0 for a step served from memory): ledger read + selection and event read run side by side, each timed from the start; then correlate. */
  readonly phaseMs: { readonly movements: number; readonly events: number; readonly findings: number };
  /** Of phaseMs.movements, the time spent waiting for the ledger's pages and selecting from them (0 when served from memory). */
  readonly ledgerReadWaitMs: number;
  readonly ledgerSelectMs: number;
}
