/**
 * The worker's correlate request over Dexie: money movements selected from each chain's ledger columns
 * (no per-row records), every login event of every source, and the pure `correlate`. Both inputs and the
 * findings stay in memory, keyed by what could change them (the ledger's and the events' record counts —
 * both tables only grow by sync — and the settings), so reopening a view or re-running after a sync that
 * brought nothing costs two counts.
 */
import { correlate } from '../../core/correlate/correlate';
import { byTimeThenRow, selectMovements } from '../../core/correlate/select-movements';
import type { CorrelationFinding, MovementSelection } from '../../core/correlate/types';
import type { LoginEvent } from '../../core/logins/types';
import type { ReconcilerDatabase } from '../db/database';
import { listChains, usernamesOf } from './chain-catalog';
import type { CorrelateOutcome, CorrelateRequest, CorrelationSettings } from './correlate-protocol';
import { readChainPages } from './ledger-reader';
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
  selection: Remembered<MovementSelection & { rowsScanned: number }> | null = null;
  events: Remembered<LoginEvent[]> | null = null;
  findings: Remembered<CorrelationFinding[]> | null = null;

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
  const [ledgerPages, eventCount] = await Promise.all([db.ledger.count(), db.loginEvents.count()]);
  const accountKeys = [...new Set(request.accountKeys)].sort();
  const selectionKey = JSON.stringify([accountKeys, sortedThresholds(settings), ledgerPages]);
  const eventsKey = String(eventCount);
  const findingsKey = JSON.stringify([selectionKey, eventsKey, settings.windowHours, request.names ?? null]);

  const phaseMs = { movements: 0, events: 0, findings: 0 };
  let mark = deps.now();
  const lap = (phase: keyof typeof phaseMs): void => {
    const now = deps.now();
    phaseMs[phase] = now - mark;
    mark = now;
  };

  const movementsCached = memory.selection?.key === selectionKey;
  if (!movementsCached) {
    memory.selection = { key: selectionKey, value: await selectAccounts(db, accountKeys, settings, channel) };
    lap('movements');
  }
  const eventsCached = memory.events?.key === eventsKey;
  if (!eventsCached) {
    mark = deps.now();
    channel.progress({ done: 0, total: 1, phase: 'Reading login events' });
    // The timestamp index hands them over already in time order, which correlate's timeline wants.
    memory.events = { key: eventsKey, value: await db.loginEvents.orderBy('timestamp').toArray() };
    lap('events');
  }
  if (channel.isCancelled()) throw new CancelledError();
  const selection = (memory.selection as Remembered<MovementSelection & { rowsScanned: number }>).value;
  const events = (memory.events as Remembered<LoginEvent[]>).value;

  const findingsCached = memory.findings?.key === findingsKey;
  if (!findingsCached) {
    mark = deps.now();
    channel.progress({ done: 1, total: 1, phase: 'Correlating' });
    const names = { accounts: new Map(request.names?.accounts ?? []), sources: new Map(request.names?.sources ?? []) };
    const findings = correlate(selection.movements, events, selection.ipRows, { windowMs: settings.windowHours * HOUR, lossThresholds: thresholdMap(settings), names });
    memory.findings = { key: findingsKey, value: findings };
    lap('findings');
  }
  return {
    findings: (memory.findings as Remembered<CorrelationFinding[]>).value,
    movements: selection.movements,
    rowsScanned: movementsCached ? 0 : selection.rowsScanned,
    eventsRead: eventsCached ? 0 : events.length,
    cached: { movements: movementsCached, events: eventsCached, findings: findingsCached },
    elapsedMs: deps.now() - started,
    phaseMs,
  };
}

/** One chain at a time, so only one chain's pages are held while selecting. */
async function selectAccounts(
  db: ReconcilerDatabase,
  accountKeys: readonly string[],
  settings: CorrelationSettings,
  channel: RequestChannel,
): Promise<MovementSelection & { rowsScanned: number }> {
  const chains = await listChains(db, accountKeys);
  const options = { lossThresholds: thresholdMap(settings), usernames: usernamesOf(chains) };
  const movements: MovementSelection['movements'] = [];
  const ipRows: MovementSelection['ipRows'] = [];
  let rowsScanned = 0;
  for (const [i, info] of chains.entries()) {
    if (channel.isCancelled()) throw new CancelledError();
    channel.progress({ done: i, total: chains.length, phase: 'Reading the ledger' });
    const pages = await readChainPages(db, info.chainKey);
    for (const page of pages) rowsScanned += page.count;
    const selected = selectMovements(pages, options);
    // A loop, not push(...spread): a chain can select more items than a call's argument limit.
    for (const m of selected.movements) movements.push(m);
    for (const r of selected.ipRows) ipRows.push(r);
  }
  movements.sort(byTimeThenRow);
  ipRows.sort(byTimeThenRow);
  return { movements, ipRows, rowsScanned };
}

function sortedThresholds(settings: CorrelationSettings): (readonly [string, string])[] {
  return [...settings.lossThresholds].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

function thresholdMap(settings: CorrelationSettings): Map<string, string> {
  return new Map(settings.lossThresholds.map(([currency, text]) => [currency, text]));
}
