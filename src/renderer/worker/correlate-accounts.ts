/**
 * The worker's correlate request over Dexie: money movements selected from each chain's ledger columns
 * (no per-row records), every login event of every source from their compact columns (schema v6), and the
 * pure `correlate`. Both inputs and the findings stay in memory, keyed by what could change them (the
 * ledger's record count — it only grows by sync —, the login events' count and column records, and the
 * settings), so reopening a view or re-running after a sync that brought nothing costs a few counts.
 */
import { correlateIncidents } from '../../core/correlate/correlate';
import type { IncidentGrouping } from '../../core/correlate/incidents';
import type { CorrelationFinding } from '../../core/correlate/types';
import type { CorrelationEvent } from '../../core/correlate/event-columns';
import type { ReconcilerDatabase } from '../db/database';
import { loginEventColumnsVersion, readCorrelationEvents } from '../db/login-event-columns-store';
import { accountUsersOf, listChains, usernamesOf } from './chain-catalog';
import type { CorrelateOutcome, CorrelateRequest, CorrelationSettings } from './correlate-protocol';
import { selectChains, selectionOptionsOf, type ChainSelection, type LedgerSelectJob } from './ledger-selection';
import { CancelledError, type RequestChannel } from './protocol';

const HOUR = 3_600_000;

export interface CorrelateDeps {
  readonly db: ReconcilerDatabase;
  readonly memory: CorrelationMemory;
  readonly now: () => number;
}

interface Remembered<T> {
  readonly key: string;
  readonly value: T;
}

/** The last selection, event list and findings (one each: the app asks for one set of accounts at a time). */
export class CorrelationMemory {
  selection: Remembered<ChainSelection> | null = null;
  events: Remembered<CorrelationEvent[]> | null = null;
  findings: Remembered<{ findings: CorrelationFinding[] } & IncidentGrouping> | null = null;

  clear(): void {
    this.selection = null;
    this.events = null;
    this.findings = null;
  }
}

export async function correlateAccounts(deps: CorrelateDeps, request: CorrelateRequest, channel: RequestChannel): Promise<CorrelateOutcome> {
  const started = deps.now();
  const { db, memory } = deps;
  const settings = request.settings;
  const [ledgerPages, eventCount, columnsVersion] = await Promise.all([db.ledger.count(), db.loginEvents.count(), loginEventColumnsVersion(db)]);
  const accountKeys = [...new Set(request.accountKeys)].sort();
  const selectionKey = JSON.stringify([accountKeys, sortedThresholds(settings), ledgerPages]);
  const eventsKey = `${eventCount}|${columnsVersion}`;
  const findingsKey = JSON.stringify([selectionKey, eventsKey, settings.windowHours, request.names ?? null]);

  const phaseMs = { movements: 0, events: 0, findings: 0 };

  // The ledger and the events are read at the same time: IndexedDB's own reading overlaps with the
  // selection's computing (phase times then overlap too).
  const movementsCached = memory.selection?.key === selectionKey;
  const eventsCached = memory.events?.key === eventsKey;
  if (!eventsCached) channel.progress({ done: 0, total: 1, phase: 'Reading login events' });
  await Promise.all([
    movementsCached
      ? null
      : selectAccounts(deps, accountKeys, settings, channel).then((value) => {
          memory.selection = { key: selectionKey, value };
          phaseMs.movements = deps.now() - started;
        }),
    eventsCached
      ? null
      : readCorrelationEvents(db).then(({ events: value }) => {
          memory.events = { key: eventsKey, value };
          phaseMs.events = deps.now() - started;
        }),
  ]);
  if (channel.isCancelled()) throw new CancelledError();
  const selection = (memory.selection as Remembered<ChainSelection>).value;
  const events = (memory.events as Remembered<CorrelationEvent[]>).value;

  const findingsCached = memory.findings?.key === findingsKey;
  if (!findingsCached) {
    const mark = deps.now();
    channel.progress({ done: 1, total: 1, phase: 'Correlating' });
    const names = { accounts: new Map(request.names?.accounts ?? []), sources: new Map(request.names?.sources ?? []) };
    const result = correlateIncidents(selection.movements, events, selection.ipRows, { windowMs: settings.windowHours * HOUR, lossThresholds: thresholdMap(settings), names });
    memory.findings = { key: findingsKey, value: result };
    phaseMs.findings = deps.now() - mark;
  }
  const result = (memory.findings as Remembered<{ findings: CorrelationFinding[] } & IncidentGrouping>).value;
  return {
    findings: result.findings,
    incidents: result.incidents,
    contextFindingIds: result.contextFindingIds,
    movements: request.withMovements === false ? [] : selection.movements,
    movementCount: selection.movements.length,
    rowsScanned: movementsCached ? 0 : selection.rowsScanned,
    eventsRead: eventsCached ? 0 : events.length,
    cached: { movements: movementsCached, events: eventsCached, findings: findingsCached },
    elapsedMs: deps.now() - started,
    phaseMs,
    ledgerReadWaitMs: movementsCached ? 0 : selection.readWaitMs,
    ledgerSelectMs: movementsCached ? 0 : selection.selectMs,
  };
}

/** The accounts' chains, read and selected chain by chain. */
async function selectAccounts(
  deps: CorrelateDeps,
  accountKeys: readonly string[],
  settings: CorrelationSettings,
  channel: RequestChannel,
): Promise<ChainSelection> {
  const { db } = deps;
  const [chains, accountUsers] = await Promise.all([listChains(db, accountKeys), accountUsersOf(db, accountKeys)]);
  for (const c of chains) {
    const users = accountUsers.get(c.chain.accountKey) ?? new Set<number>();
    accountUsers.set(c.chain.accountKey, users.add(c.chain.userId));
  }
  // Transfers between the account's own users are not money leaving it.
  const job: LedgerSelectJob = {
    chainKeys: chains.map((c) => c.chainKey),
    lossThresholds: sortedThresholds(settings),
    usernames: [...usernamesOf(chains)],
    accountUsers: [...accountUsers].map(([account, users]) => [account, [...users]] as const),
  };
  try {
    return await selectChains(db, job.chainKeys, selectionOptionsOf(job), {
      isCancelled: () => channel.isCancelled(),
      progress: (done, total) => channel.progress({ done, total, phase: 'Reading the ledger' }),
    });
  } catch (error) {
    if (channel.isCancelled()) throw new CancelledError();
    throw error;
  }
}

function sortedThresholds(settings: CorrelationSettings): (readonly [string, string])[] {
  return [...settings.lossThresholds].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

function thresholdMap(settings: CorrelationSettings): Map<string, string> {
  return new Map(settings.lossThresholds.map(([currency, text]) => [currency, text]));
}
