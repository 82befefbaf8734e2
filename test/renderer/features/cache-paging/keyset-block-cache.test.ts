import 'fake-indexeddb/auto';
import { beforeAll, describe, expect, it } from 'vitest';
import { readBlock } from '../../../../src/renderer/features/cache-paging/index-keyset-reader';
import { positionOf, type IndexQueryPlan } from '../../../../src/renderer/features/cache-paging/index-query-plan';
import { KeysetBlockCache } from '../../../../src/renderer/features/cache-paging/keyset-block-cache';
import type { ReconcilerDatabase, TransactionRecord } from '../../../../src/renderer/db/database';
import { freshTestDatabase, keyOf, makeTransactions, referenceOrder } from '../../fixtures/cached-rows';

const rows = makeTransactions(400, 11);
let db: ReconcilerDatabase;

const byTimeDesc: IndexQueryPlan<TransactionRecord> = {
  table: 'transactions',
  scans: [{ keyPath: 'timestamp', prefix: [] }],
  reverse: true,
  sortParts: (r) => [r.timestamp],
  primaryKey: (r) => [r.accountKey, r.id],
  matches: null,
};

function cacheFor(plan: IndexQueryPlan<TransactionRecord>, reads: { skip: number }[] = []) {
  return new KeysetBlockCache<TransactionRecord>({
    readBlock: (req) => {
      reads.push({ skip: req.skip });
      return readBlock(db, plan, req);
    },
    positionOf: (row) => positionOf(plan, row),
  });
}

beforeAll(async () => {
  db = freshTestDatabase();
  await db.transactions.bulkPut(rows);
});

describe('KeysetBlockCache', () => {
  it('pages block by block by keyset (no skips) and matches the reference order with equal timestamps', async () => {
    const expected = referenceOrder(rows, (r) => [r.timestamp], true).map(keyOf);
    const reads: { skip: number }[] = [];
    const cache = cacheFor(byTimeDesc, reads);
    const got: string[] = [];
    let lastRow: number | undefined;
    for (let start = 0; lastRow === undefined; start += 30) {
      const block = await cache.getBlock(start, start + 30);
      got.push(...block.rows.map(keyOf));
      lastRow = block.lastRow;
    }
    expect(got).toEqual(expected);
    expect(lastRow).toBe(400);
    expect(reads.every((r) => r.skip === 0)).toBe(true);
  });

  it('lets a block requested while the previous one loads wait for its boundary', async () => {
    const expected = referenceOrder(rows, (r) => [r.timestamp], true).map(keyOf);
    const reads: { skip: number }[] = [];
    const cache = cacheFor(byTimeDesc, reads);
    const blocks = await Promise.all([cache.getBlock(0, 25), cache.getBlock(25, 50), cache.getBlock(50, 75)]);
    expect(blocks.flatMap((b) => b.rows.map(keyOf))).toEqual(expected.slice(0, 75));
    expect(reads.map((r) => r.skip)).toEqual([0, 0, 0]);
  });

  it('serves a jump with an offset from the nearest known boundary, then keyset again', async () => {
    const expected = referenceOrder(rows, (r) => [r.timestamp], true).map(keyOf);
    const reads: { skip: number }[] = [];
    const cache = cacheFor(byTimeDesc, reads);
    await cache.getBlock(0, 20);
    const jumped = await cache.getBlock(200, 220);
    expect(jumped.rows.map(keyOf)).toEqual(expected.slice(200, 220));
    const after = await cache.getBlock(220, 240);
    expect(after.rows.map(keyOf)).toEqual(expected.slice(220, 240));
    expect(reads.map((r) => r.skip)).toEqual([0, 180, 0]);
  });

  it('reports the end: a short last block gives the row count, a block past the end is empty', async () => {
    const cache = cacheFor(byTimeDesc);
    const last = await cache.getBlock(390, 420);
    expect(last.rows).toHaveLength(10);
    expect(last.lastRow).toBe(400);
    const beyond = await cache.getBlock(420, 450);
    expect(beyond.rows).toHaveLength(0);
    expect(beyond.lastRow).toBe(420);
  });

  it('forgets the boundary of a failed read so a retry reads again', async () => {
    let fail = true;
    const cache = new KeysetBlockCache<TransactionRecord>({
      readBlock: (req) => (fail ? Promise.reject(new Error('boom')) : readBlock(db, byTimeDesc, req)),
      positionOf: (row) => positionOf(byTimeDesc, row),
    });
    await expect(cache.getBlock(0, 10)).rejects.toThrow('boom');
    await Promise.resolve();
    expect(cache.knownBoundaries).toBe(1);
    fail = false;
    const retried = await cache.getBlock(0, 10);
    expect(retried.rows).toHaveLength(10);
  });
});
