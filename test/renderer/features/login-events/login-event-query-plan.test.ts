/**
 * The login-events grid's plans and reveal over fake-indexeddb: every filter/sort reads exactly the
 * matching events in (sort parts, key) order, counts agree, and a revealed event's index is where the
 * grid's own walk puts it (ties on timestamp included).
 */
import 'fake-indexeddb/auto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { LoginEvent, LoginEventKind, LoginOutcome } from '../../../../src/core/logins/types';
import type { ReconcilerDatabase } from '../../../../src/renderer/db/database';
import { readBlock } from '../../../../src/renderer/features/cache-paging/index-keyset-reader';
import { countRows } from '../../../../src/renderer/features/cache-paging/index-row-count';
import {
  DEFAULT_LOGIN_EVENT_SORT,
  loginEventMatchesSearch,
  planLoginEventCount,
  planLoginEventQuery,
  type LoginEventFilter,
  type LoginEventSort,
} from '../../../../src/renderer/features/login-events/login-event-query-plan';
import { locateLoginEvent } from '../../../../src/renderer/features/login-events/login-event-reveal';
import { freshTestDatabase } from '../../fixtures/cached-rows';

const SOURCES = ['login_b', 'acc_a', 'login_c'];
const KINDS: readonly [LoginEventKind, LoginOutcome][] = [
  ['login-success', 'success'], ['login-failure', 'failure'], ['access-denied', 'denied'], ['2fa-disabled', 'info'], ['other', 'info'],
];
const ACTORS = ['alice@treasury.example', 'Bob', null];

function makeEvents(count: number): LoginEvent[] {
  const events: LoginEvent[] = [];
  let t = Date.UTC(2026, 5, 1);
  for (let i = 0; i < count; i++) {
    // Every fourth event shares the previous timestamp (ties resolved by key).
    if (i % 4 !== 0) t += 1000 + ((i * 7919) % 50_000);
    const sourceKey = SOURCES[i % SOURCES.length] as string;
    const [kind, outcome] = KINDS[(i * 3) % KINDS.length] as [LoginEventKind, LoginOutcome];
    const id = `e${(i * 37) % 1000}-${i}`;
    events.push({
      key: `${sourceKey}|${id}`, sourceKey, source: sourceKey.startsWith('acc') ? 'deribit' : 'cloudflare', id, timestamp: t,
      actor: ACTORS[i % ACTORS.length] ?? null, ip: `203.0.113.${i % 40}`, country: i % 5 === 0 ? 'NG' : 'CH', city: null,
      outcome, kind, detail: kind, raw: JSON.stringify({ i }),
    });
  }
  return events;
}

const events = makeEvents(400);
let db: ReconcilerDatabase;
beforeAll(async () => {
  db = freshTestDatabase();
  await db.loginEvents.bulkPut(events);
});

function expected(filter: LoginEventFilter, sort: LoginEventSort): string[] {
  const kept = events.filter(
    (e) => (filter.sourceKey === null || e.sourceKey === filter.sourceKey) && (filter.kind === null || e.kind === filter.kind) && loginEventMatchesSearch(e, filter.search),
  );
  const part = (e: LoginEvent): string | number => (sort.field === 'timestamp' ? e.timestamp : e.kind);
  const sorted = kept.sort((a, b) => {
    const pa = part(a);
    const pb = part(b);
    const order = pa < pb ? -1 : pa > pb ? 1 : a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
    return sort.descending ? -order : order;
  });
  return sorted.map((e) => e.key);
}

const filters: LoginEventFilter[] = [
  { sourceKey: null, kind: null, search: '' },
  { sourceKey: 'acc_a', kind: null, search: '' },
  { sourceKey: null, kind: 'access-denied', search: '' },
  { sourceKey: 'login_c', kind: 'login-failure', search: '' },
  { sourceKey: null, kind: null, search: 'ALICE' },
  { sourceKey: 'login_b', kind: null, search: 'ng' },
];
const sorts: LoginEventSort[] = [DEFAULT_LOGIN_EVENT_SORT, { field: 'timestamp', descending: false }, { field: 'kind', descending: false }, { field: 'kind', descending: true }];

describe('login events grid plans', () => {
  it('reads exactly the matching events in index order, and counts them, for every filter and sort', async () => {
    for (const filter of filters) {
      const count = await countRows(db, 'loginEvents', planLoginEventCount(filter));
      expect(count, JSON.stringify(filter)).toBe(expected(filter, DEFAULT_LOGIN_EVENT_SORT).length);
      for (const sort of sorts) {
        const read = await readBlock(db, planLoginEventQuery(filter, sort), { from: null, skip: 0, limit: 10_000 });
        expect(read.map((e) => e.key), `${JSON.stringify(filter)} ${JSON.stringify(sort)}`).toEqual(expected(filter, sort));
      }
    }
  });

  it('reveals an event at the index the grid walk gives it under its source filter, ties included', async () => {
    for (const event of [events[0], events[1], events[4], events[5], events[200], events[399]]) {
      if (!event) throw new Error('fixture');
      const target = await locateLoginEvent(db, event.key);
      expect(target?.filter).toEqual({ sourceKey: event.sourceKey, kind: null, search: '' });
      const walk = await readBlock(db, planLoginEventQuery(target?.filter ?? filters[0]!, DEFAULT_LOGIN_EVENT_SORT), { from: null, skip: 0, limit: 10_000 });
      expect(walk[target?.index ?? -1]?.key).toBe(event.key);
    }
    expect(await locateLoginEvent(db, 'login_x|nothing')).toBeNull();
  });
});
