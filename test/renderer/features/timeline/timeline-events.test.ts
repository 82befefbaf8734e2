/**
 * The timeline's Dexie reads over fake-indexeddb: source keys with their provider and extent, lane windows
 * read as records when few and as index keys when many (security changes always as records), and the
 * lanes of an account (its own Deribit log only).
 */
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoginEvent, LoginEventKind, LoginSourceKind } from '../../../../src/core/logins/types';
import type { ReconcilerDatabase } from '../../../../src/renderer/db/database';
import { eventCategory, lanesForAccount, readLaneWindows, readSourceKeys } from '../../../../src/renderer/features/timeline/timeline-events';
import { freshDatabase } from '../../../support/sync-harness';

const T0 = Date.UTC(2025, 5, 1);
const MIN = 60_000;
let db: ReconcilerDatabase;

function event(sourceKey: string, source: LoginSourceKind, i: number, kind: LoginEventKind = 'login-success'): LoginEvent {
  return {
    key: `${sourceKey}|${i}`, sourceKey, source, id: String(i), timestamp: T0 + i * MIN, actor: 'a@example.com', ip: '10.0.0.1', country: 'FR', city: null,
    outcome: kind === 'login-success' ? 'success' : kind === 'login-failure' ? 'failure' : 'info', kind, detail: kind, raw: '{}',
  };
}

beforeAll(async () => {
  db = freshDatabase();
  const events: LoginEvent[] = [];
  for (let i = 0; i < 3000; i++) events.push(event('cf-1', 'cloudflare', i, i % 10 === 0 ? 'login-failure' : 'login-success'));
  events.push(event('cf-1', 'cloudflare', 1500.5 as number, '2fa-disabled'));
  for (let i = 0; i < 50; i++) events.push(event('acc-a', 'deribit', i * 10));
  for (let i = 0; i < 20; i++) events.push(event('acc-b', 'deribit', i * 10));
  events.push(event('pearl', 'nlpearl', 42, 'password-changed'));
  await db.loginEvents.bulkPut(events);
});

afterAll(() => db.close());

describe('timeline reads over Dexie', () => {
  it('lists every source key with its provider and first/last event', async () => {
    const keys = await readSourceKeys(db);
    expect(keys.map((k) => [k.sourceKey, k.source, k.first, k.last])).toEqual([
      ['acc-a', 'deribit', T0, T0 + 490 * MIN],
      ['acc-b', 'deribit', T0, T0 + 190 * MIN],
      ['cf-1', 'cloudflare', T0, T0 + 2999 * MIN],
      ['pearl', 'nlpearl', T0 + 42 * MIN, T0 + 42 * MIN],
    ]);
  });

  it('an account timeline has its own Deribit lane and every other source; hidden sources drop out', async () => {
    const keys = await readSourceKeys(db);
    const all = new Set<LoginSourceKind>(['deribit', 'cloudflare', 'ingedata', 'nlpearl']);
    expect([...lanesForAccount('acc-b', keys, all).entries()]).toEqual([
      ['deribit', ['acc-b']],
      ['cloudflare', ['cf-1']],
      ['ingedata', []],
      ['nlpearl', ['pearl']],
    ]);
    expect([...lanesForAccount('acc-a', keys, new Set<LoginSourceKind>(['nlpearl'])).keys()]).toEqual(['nlpearl']);
  });

  it('a narrow window reads the records (sorted); a wide one only the timestamps plus the security changes', async () => {
    const lanes = new Map<LoginSourceKind, string[]>([['cloudflare', ['cf-1']], ['deribit', ['acc-a']]]);
    const narrow = await readLaneWindows(db, lanes, { from: T0 + 100 * MIN, to: T0 + 200 * MIN }, 500);
    const cf = narrow.find((l) => l.source === 'cloudflare');
    expect(cf?.complete).toBe(true);
    expect(cf?.times).toEqual(Array.from({ length: 100 }, (_v, i) => T0 + (100 + i) * MIN));
    expect(cf?.events.map((e) => e.key)).toEqual(Array.from({ length: 100 }, (_v, i) => `cf-1|${100 + i}`));
    expect(narrow.find((l) => l.source === 'deribit')?.times.length).toBe(10);

    const wide = await readLaneWindows(db, lanes, { from: T0, to: T0 + 3000 * MIN }, 500);
    const cfWide = wide.find((l) => l.source === 'cloudflare');
    expect(cfWide?.complete).toBe(false);
    expect(cfWide?.times.length).toBe(3001);
    expect([...(cfWide?.times ?? [])]).toEqual([...(cfWide?.times ?? [])].sort((a, b) => a - b));
    expect(cfWide?.events.map((e) => e.kind)).toEqual(['2fa-disabled']);
    expect(wide.find((l) => l.source === 'deribit')?.complete).toBe(true);
  });

  it('categories: security changes, failures, denials, successes', () => {
    expect(eventCategory({ kind: '2fa-disabled', outcome: 'info' })).toBe('security');
    expect(eventCategory({ kind: 'access-denied', outcome: 'denied' })).toBe('denied');
    expect(eventCategory({ kind: 'login-failure', outcome: 'failure' })).toBe('failure');
    expect(eventCategory({ kind: 'login-success', outcome: 'success' })).toBe('success');
    expect(eventCategory({ kind: 'other', outcome: 'info' })).toBe('other');
  });
});
