/**
 * The login events a timeline window needs, read from Dexie by index. Per source key the
 * [sourceKey+timestamp] index gives the window's timestamps as keys only (no record is read, so a
 * zoomed-out view of 100,000 events stays cheap); records are read only when the window holds few
 * enough to draw one by one, and for the rare security changes, which are always drawn individually.
 */
import type { LoginEvent, LoginEventKind, LoginSourceKind } from '../../../core/logins/types';
import type { ReconcilerDatabase } from '../../db/database';
import type { TimeRange } from './time-range';

export const LANE_SOURCES: readonly LoginSourceKind[] = ['deribit', 'cloudflare', 'ingedata', 'nlpearl'];

export const SOURCE_NAMES: Readonly<Record<LoginSourceKind, string>> = {
  deribit: 'Deribit',
  cloudflare: 'Cloudflare',
  ingedata: 'Ingedata',
  nlpearl: 'NLPearl',
};

/** Kinds that change who can move money: drawn one by one at every zoom level. */
export const SECURITY_KINDS: readonly LoginEventKind[] = [
  '2fa-enabled', '2fa-disabled', 'password-changed', 'email-changed', 'api-key-created', 'api-key-removed',
  'api-key-changed', 'whitelist-changed', 'role-changed', 'subaccount-login-enabled', 'subaccount-login-disabled',
];
const SECURITY = new Set<string>(SECURITY_KINDS);

/** Up to this many events in a window, every record is read and drawn with its own colour and details. */
export const DETAIL_LIMIT = 1500;

export type EventCategory = 'success' | 'failure' | 'denied' | 'security' | 'other';

export function eventCategory(event: Pick<LoginEvent, 'kind' | 'outcome'>): EventCategory {
  if (SECURITY.has(event.kind)) return 'security';
  if (event.kind === 'access-denied' || event.outcome === 'denied') return 'denied';
  if (event.kind === 'login-failure' || event.outcome === 'failure') return 'failure';
  if (event.kind === 'login-success') return 'success';
  return 'other';
}

export interface SourceKeyInfo {
  readonly sourceKey: string;
  readonly source: LoginSourceKind;
  readonly first: number;
  readonly last: number;
}

/** Every source key with events, its provider and its time extent (four index reads per key). */
export async function readSourceKeys(db: ReconcilerDatabase): Promise<SourceKeyInfo[]> {
  const keys = (await db.loginEvents.orderBy('sourceKey').uniqueKeys()) as string[];
  const infos = await Promise.all(
    keys.map(async (sourceKey): Promise<SourceKeyInfo | null> => {
      const byTime = () => db.loginEvents.where('[sourceKey+timestamp]').between([sourceKey, -Infinity], [sourceKey, Infinity]);
      const [first, last] = await Promise.all([byTime().first(), byTime().last()]);
      return first && last ? { sourceKey, source: first.source, first: first.timestamp, last: last.timestamp } : null;
    }),
  );
  return infos.filter((i): i is SourceKeyInfo => i !== null);
}

/** One lane's window: every timestamp (sorted), and the records when there are few or they matter. */
export interface LaneWindow {
  readonly source: LoginSourceKind;
  readonly times: readonly number[];
  /** All records in the window when `complete`; otherwise only the security changes. */
  readonly events: readonly LoginEvent[];
  readonly complete: boolean;
}

export async function readLaneWindows(
  db: ReconcilerDatabase,
  lanes: ReadonlyMap<LoginSourceKind, readonly string[]>,
  range: TimeRange,
  detailLimit = DETAIL_LIMIT,
): Promise<LaneWindow[]> {
  const windowOf = (sourceKey: string) =>
    db.loginEvents.where('[sourceKey+timestamp]').between([sourceKey, range.from], [sourceKey, range.to], true, false);
  const perLane = await Promise.all(
    [...lanes.entries()].map(async ([source, sourceKeys]): Promise<LaneWindow> => {
      const counts = await Promise.all(sourceKeys.map((k) => windowOf(k).count()));
      const total = counts.reduce((a, b) => a + b, 0);
      if (total <= detailLimit) {
        const events = (await Promise.all(sourceKeys.map((k) => windowOf(k).toArray()))).flat().sort((a, b) => a.timestamp - b.timestamp);
        return { source, times: events.map((e) => e.timestamp), events, complete: true };
      }
      const keyLists = await Promise.all(sourceKeys.map((k) => windowOf(k).keys()));
      const times: number[] = [];
      for (const list of keyLists) for (const key of list) times.push((key as unknown as [string, number])[1]);
      times.sort((a, b) => a - b);
      const wanted = new Set(sourceKeys);
      const security = await db.loginEvents
        .where('kind')
        .anyOf([...SECURITY_KINDS])
        .filter((e) => wanted.has(e.sourceKey) && e.timestamp >= range.from && e.timestamp < range.to)
        .toArray();
      return { source, times, events: security.sort((a, b) => a.timestamp - b.timestamp), complete: false };
    }),
  );
  return perLane;
}

/**
 * The lanes of one account's timeline: its own Deribit access log, and every Cloudflare, Ingedata and
 * NLPearl source (they guard the people and machines behind all accounts).
 */
export function lanesForAccount(accountKey: string, sourceKeys: readonly SourceKeyInfo[], shown: ReadonlySet<LoginSourceKind>): Map<LoginSourceKind, string[]> {
  const lanes = new Map<LoginSourceKind, string[]>();
  for (const source of LANE_SOURCES) if (shown.has(source)) lanes.set(source, []);
  for (const info of sourceKeys) {
    if (info.source === 'deribit' && info.sourceKey !== accountKey) continue;
    lanes.get(info.source)?.push(info.sourceKey);
  }
  return lanes;
}
