/** Login events to compact columns and back: every field but raw, nulls, coordinates, odd ids, later copies winning. */
import { describe, expect, it } from 'vitest';
import { eventColumnsOf, eventsOfColumns, sameColumnFields, type CorrelationEvent } from '../../../src/core/correlate/event-columns';

const T = Date.UTC(2026, 3, 1);
const event = (sourceKey: string, id: string, at: number, extra: Partial<CorrelationEvent> = {}): CorrelationEvent => ({
  key: `${sourceKey}|${id}`, sourceKey, source: sourceKey === 'acc' ? 'deribit' : 'cloudflare', id, timestamp: at, actor: null, ip: '198.51.100.4',
  country: 'FR', city: null, outcome: 'success', kind: 'login-success', detail: 'login', ...extra,
});

describe('login event columns', () => {
  it('give back every event of every source, by (time, key), whatever the fields hold', () => {
    const events = [
      event('cf', 'b', T + 5, { actor: 'ann@example.com', coordinates: { lat: 48.85, lon: 2.35, radiusKm: null } }),
      event('acc', '17', T, { ip: null, country: null, detail: 'success', coordinates: null }),
      event('cf', 'a', T + 5, { kind: 'access-denied', outcome: 'denied', city: 'Paris' }),
      { ...event('cf', 'x', T + 1), key: 'cf|not-the-id' },
    ];
    const records = eventColumnsOf(events);
    expect(records.map((r) => [r.sourceKey, r.count, r.ids === null])).toEqual([['cf', 3, false], ['acc', 1, true]]);
    const back = eventsOfColumns(records);
    expect(back).toEqual([events[1], events[3], events[2], events[0]]);
    expect(back[0]).toHaveProperty('coordinates', null);
    expect(back[1]).not.toHaveProperty('coordinates');
  });

  it('a later record marked replaces wins its keys; others add', () => {
    const first = eventColumnsOf([event('cf', '1', T), event('cf', '2', T + 1)]);
    const changed = eventColumnsOf([event('cf', '2', T + 9, { country: 'JP' }), event('cf', '3', T + 2)], true);
    const again = eventColumnsOf([event('cf', '2', T + 3, { country: 'BR' })], true);
    expect(eventsOfColumns([...first, ...changed]).map((e) => [e.id, e.country, e.timestamp - T])).toEqual([['1', 'FR', 0], ['3', 'FR', 2], ['2', 'JP', 9]]);
    expect(eventsOfColumns([...first, ...changed, ...again]).map((e) => [e.id, e.country])).toEqual([['1', 'FR'], ['3', 'FR'], ['2', 'BR']]);
  });

  it('tells changed copies from equal ones by the fields the columns keep', () => {
    const a = event('cf', '1', T);
    expect(sameColumnFields(a, { ...a })).toBe(true);
    expect(sameColumnFields(a, { ...a, coordinates: undefined })).toBe(true);
    expect(sameColumnFields(a, { ...a, coordinates: null })).toBe(false);
    expect(sameColumnFields(a, { ...a, city: 'Lyon' })).toBe(false);
    expect(sameColumnFields({ ...a, coordinates: { lat: 1, lon: 2, radiusKm: 3 } }, { ...a, coordinates: { lat: 1, lon: 2, radiusKm: null } })).toBe(false);
  });
});
