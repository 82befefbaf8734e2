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
import type { LedgerPage } from '../../core/recon/types';
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

  // The ledger and the events are read at the same time: IndexedDB's own reading overlaps with the
  // selection's computing (phase times then overlap too).
  const movementsCached = memory.selection?.key === selectionKey;
  const eventsCached = memory.events?.key === eventsKey;
  if (!eventsCached) channel.progress({ done: 0, total: 1, phase: 'Reading login events' });
  await Promise.all([
    movementsCached
      ? null
      : selectAccounts(db, accountKeys, settings, channel).then((value) => {
          memory.selection = { key: selectionKey, value };
          phaseMs.movements = deps.now() - started;
        }),
    eventsCached
      ? null
      : readEventsInTimeOrder(db).then((value) => {
          memory.events = { key: eventsKey, value };
          phaseMs.events = deps.now() - started;
        }),
  ]);
  if (channel.isCancelled()) throw new CancelledError();
  const selection = (memory.selection as Remembered<MovementSelection & { rowsScanned: number }>).value;
  const events = (memory.events as Remembered<LoginEvent[]>).value;

  const findingsCached = memory.findings?.key === findingsKey;
  if (!findingsCached) {
    const mark = deps.now();
    channel.progress({ done: 1, total: 1, phase: 'Correlating' });
    const names = { accounts: new Map(request.names?.accounts ?? []), sources: new Map(request.names?.sources ?? []) };
    const findings = correlate(selection.movements, events, selection.ipRows, { windowMs: settings.windowHours * HOUR, lossThresholds: thresholdMap(settings), names });
    memory.findings = { key: findingsKey, value: findings };
    phaseMs.findings = deps.now() - mark;
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

/**
 * Every login event in (timestamp, key) order, the order of the timestamp index, which correlate's
 * timeline wants. Read by primary key and sorted here: reading through the index costs a lookup per record.
 */
async function readEventsInTimeOrder(db: ReconcilerDatabase): Promise<LoginEvent[]> {
  const events = await db.loginEvents.toArray();
  return events.sort((a, b) => a.timestamp - b.timestamp || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** Chain by chain, so only two chains' pages are held while selecting. */
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
  // The next chain's pages are read while this one's are selected from (two chains in memory at most).
  let next: Promise<LedgerPage[]> | null = chains[0] ? readChainPages(db, chains[0].chainKey) : null;
  for (const [i] of chains.entries()) {
    if (channel.isCancelled()) throw new CancelledError();
    channel.progress({ done: i, total: chains.length, phase: 'Reading the ledger' });
    const pages: LedgerPage[] = await (next as Promise<LedgerPage[]>);
    const following = chains[i + 1];
    next = following ? readChainPages(db, following.chainKey) : null;
    next?.catch(() => undefined); // a cancel below leaves it unawaited
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
