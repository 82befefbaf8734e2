/**
 * Login events as compact columns, one record per committed page of one source: the correlation reads a
 * hundred thousand events as a hundred records of arrays (keys, times, dictionary-coded texts) instead of a
 * hundred thousand objects, which IndexedDB deserialises one by one. `raw` (the record as received) is not
 * kept: correlation never reads it; the grids and the evidence read the loginEvents record itself.
 *
 * Records are only added (an event a resync changed is written again, in a later record marked `replaces`)
 * and deleted per source, so a key can appear in several records: the latest record's copy is the event,
 * as bulkPut leaves it in loginEvents.
 */
import type { LoginEvent } from '../logins/types';

/** What correlation reads of a login event: everything but the record as received. */
export type CorrelationEvent = Omit<LoginEvent, 'raw'>;

type Coordinates = LoginEvent['coordinates'];

/** The text fields coded through `texts`, in the order of their runs in `codes`. */
const CODED = ['source', 'actor', 'ip', 'country', 'city', 'outcome', 'kind', 'detail'] as const;
type CodedField = (typeof CODED)[number];

export interface LoginEventColumns {
  readonly sourceKey: string;
  readonly count: number;
  readonly keys: readonly string[];
  /** null when every key is `${sourceKey}|${id}` (the ids are then cut from the keys). */
  readonly ids: readonly string[] | null;
  readonly timestamps: Float64Array;
  /** Distinct texts of the coded fields. */
  readonly texts: readonly string[];
  /** CODED.length runs of `count` indexes into `texts` (field by field); -1 = null. */
  readonly codes: Int32Array;
  /** Sparse: [event index, coordinates] for events that have the field (null included). */
  readonly coordinates: readonly (readonly [number, Coordinates])[];
  /** Some of these keys were cached before (a resync that changed them): they replace earlier records' copies. */
  readonly replaces: boolean;
}

/** One columns record per source, events in the order given (each key once); `replaces` when some were cached before. */
export function eventColumnsOf(events: readonly CorrelationEvent[], replaces = false): LoginEventColumns[] {
  const bySource = new Map<string, CorrelationEvent[]>();
  for (const event of events) {
    const group = bySource.get(event.sourceKey);
    if (group) group.push(event);
    else bySource.set(event.sourceKey, [event]);
  }
  return [...bySource].map(([sourceKey, group]) => columnsOfSource(sourceKey, group, replaces));
}

function columnsOfSource(sourceKey: string, events: readonly CorrelationEvent[], replaces: boolean): LoginEventColumns {
  const n = events.length;
  const texts: string[] = [];
  const textIndex = new Map<string, number>();
  const codes = new Int32Array(CODED.length * n);
  const coordinates: [number, Coordinates][] = [];
  const prefix = `${sourceKey}|`;
  let idsFromKeys = true;
  events.forEach((event, i) => {
    if (event.key !== prefix + event.id) idsFromKeys = false;
    CODED.forEach((field, f) => {
      const value = event[field];
      if (value === null) {
        codes[f * n + i] = -1;
        return;
      }
      let code = textIndex.get(value);
      if (code === undefined) {
        code = texts.length;
        texts.push(value);
        textIndex.set(value, code);
      }
      codes[f * n + i] = code;
    });
    if ('coordinates' in event && event.coordinates !== undefined) coordinates.push([i, event.coordinates]);
  });
  return {
    sourceKey,
    count: n,
    keys: events.map((e) => e.key),
    ids: idsFromKeys ? null : events.map((e) => e.id),
    timestamps: Float64Array.from(events, (e) => e.timestamp),
    texts,
    codes,
    coordinates,
    replaces,
  };
}

/**
 * The events of the records by (timestamp, key): the timeline's order. A key in several records is the
 * latest record's copy; only a record marked `replaces` can repeat an earlier key, so without one no key
 * is looked up at all.
 */
export function eventsOfColumns(records: readonly LoginEventColumns[]): CorrelationEvent[] {
  const events: CorrelationEvent[] = [];
  const replaced = records.some((r) => r.replaces) ? new Set<string>() : null;
  // Newest record first, so the first copy of a key met is the one kept.
  for (let r = records.length - 1; r >= 0; r--) {
    const record = records[r] as LoginEventColumns;
    const { count: n, codes, texts, keys, ids, timestamps, sourceKey } = record;
    const text = (code: number): string | null => (code < 0 ? null : (texts[code] ?? null));
    const coordinates = record.coordinates.length > 0 ? new Map(record.coordinates) : null;
    const cut = sourceKey.length + 1;
    for (let i = 0; i < n; i++) {
      const key = keys[i] as string;
      if (replaced !== null) {
        if (replaced.has(key)) continue;
        if (record.replaces) replaced.add(key);
      }
      const event: { -readonly [K in keyof CorrelationEvent]: CorrelationEvent[K] } = {
        key,
        sourceKey,
        source: text(codes[i] as number) as CorrelationEvent['source'],
        id: ids === null ? key.slice(cut) : (ids[i] as string),
        timestamp: timestamps[i] as number,
        actor: text(codes[n + i] as number),
        ip: text(codes[2 * n + i] as number),
        country: text(codes[3 * n + i] as number),
        city: text(codes[4 * n + i] as number),
        outcome: text(codes[5 * n + i] as number) as CorrelationEvent['outcome'],
        kind: text(codes[6 * n + i] as number) as CorrelationEvent['kind'],
        detail: text(codes[7 * n + i] as number) as string,
      };
      if (coordinates?.has(i)) event.coordinates = coordinates.get(i);
      events.push(event);
    }
  }
  return events.sort((a, b) => a.timestamp - b.timestamp || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** Whether two copies of an event differ in what the columns keep (a resync re-sending the same event writes nothing). */
export function sameColumnFields(a: CorrelationEvent, b: CorrelationEvent): boolean {
  if (a.key !== b.key || a.id !== b.id || a.sourceKey !== b.sourceKey || a.timestamp !== b.timestamp) return false;
  if (!CODED.every((field: CodedField) => a[field] === b[field])) return false;
  const ca = a.coordinates;
  const cb = b.coordinates;
  if (ca === cb) return true;
  if (ca == null || cb == null) return false;
  return ca.lat === cb.lat && ca.lon === cb.lon && ca.radiusKm === cb.radiusKm;
}
