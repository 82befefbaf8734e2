import 'fake-indexeddb/auto';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  accessLogMatchesSearch,
  planAccessLogCount,
  planAccessLogQuery,
  type AccessLogFilter,
  type AccessLogSort,
} from '../../../../src/renderer/features/access-log/access-log-query-plan';
import { readBlock } from '../../../../src/renderer/features/cache-paging/index-keyset-reader';
import { positionOf } from '../../../../src/renderer/features/cache-paging/index-query-plan';
import { countRows } from '../../../../src/renderer/features/cache-paging/index-row-count';
import { KeysetBlockCache } from '../../../../src/renderer/features/cache-paging/keyset-block-cache';
import type { AccessLogRecord, ReconcilerDatabase } from '../../../../src/renderer/db/database';
import { freshTestDatabase, keyOf, makeAccessEvents, referenceOrder } from '../../fixtures/cached-rows';

const events = makeAccessEvents(300);
let db: ReconcilerDatabase;

beforeAll(async () => {
  db = freshTestDatabase();
  await db.accessLog.bulkPut(events);
});

const none: AccessLogFilter = { accountKey: null, event: null, search: '' };

function expected(filter: AccessLogFilter, sort: AccessLogSort): string[] {
  const kept = events.filter(
    (e) =>
      (filter.accountKey === null || e.accountKey === filter.accountKey) &&
      (filter.event === null || e.event === filter.event) &&
      accessLogMatchesSearch(e, filter.search),
  );
  return referenceOrder(kept, (e) => (sort.field === 'event' ? [e.event] : [e.timestamp]), sort.descending).map(keyOf);
}

async function readAll(filter: AccessLogFilter, sort: AccessLogSort): Promise<string[]> {
  const plan = planAccessLogQuery(filter, sort);
  const cache = new KeysetBlockCache<AccessLogRecord>({
    readBlock: (req) => readBlock(db, plan, req),
    positionOf: (row) => positionOf(plan, row),
  });
  const got: string[] = [];
  for (let start = 0; ; start += 11) {
    if (start > events.length * 2) throw new Error('paging does not end');
    const block = await cache.getBlock(start, start + 11);
    got.push(...block.rows.map(keyOf));
    if (block.lastRow !== undefined) return got;
  }
}

const cases: [string, AccessLogFilter, AccessLogSort][] = [
  ['everything, newest first', none, { field: 'timestamp', descending: true }],
  ['one account', { ...none, accountKey: 'acc_a' }, { field: 'timestamp', descending: true }],
  ['one event under timestamp order', { ...none, event: 'failure' }, { field: 'timestamp', descending: false }],
  ['search by city', { ...none, search: 'amster' }, { field: 'timestamp', descending: true }],
  ['sorted by event', none, { field: 'event', descending: false }],
  ['sorted by event, one event, one account', { ...none, event: 'success', accountKey: 'acc_b' }, { field: 'event', descending: true }],
];

describe('planAccessLogQuery', () => {
  it.each(cases)('%s: block-by-block reads equal the reference order', async (_name, filter, sort) => {
    const want = expected(filter, sort);
    expect(want.length).toBeGreaterThan(0);
    expect(await readAll(filter, sort)).toEqual(want);
  });
});

describe('planAccessLogCount', () => {
  const countCases: [string, AccessLogFilter][] = [
    ['everything', none],
    ['one account', { ...none, accountKey: 'acc_b' }],
    ['one event', { ...none, event: 'changed_email' }],
    ['event and account', { ...none, event: 'failure', accountKey: 'acc_a' }],
    ['a search on data', { ...none, search: 'firefox' }],
  ];
  it.each(countCases)('%s: equals the number of matching events', async (_name, filter) => {
    const want = expected(filter, { field: 'timestamp', descending: true }).length;
    expect(await countRows(db, 'accessLog', planAccessLogCount(filter))).toBe(want);
  });
});
