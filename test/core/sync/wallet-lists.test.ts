import { describe, expect, it } from 'vitest';
import type { WalletListPage, WalletListRequest, WalletRecord } from '../../../src/core/providers/deribit/types';
import { fetchAllWalletRecords, type WalletPageSource } from '../../../src/core/sync/wallet-lists';

function record(n: number, overrides: Partial<WalletRecord> = {}): WalletRecord {
  return {
    kind: 'deposits', currency: 'BTC', id: null, amount: `0.${n}`, fee: null, state: 'completed', transactionId: `tx${n}`,
    address: 'bc1q', timestamp: 1_000 * n, updatedTimestamp: 1_000 * n, direction: null, otherSide: null,
    raw: `{"amount":0.${n},"transaction_id":"tx${n}"}`, ...overrides,
  };
}

/** A server list, newest first, whose contents may change between requests. */
function listSource(entries: WalletRecord[], options: { cap?: number; beforeRequest?: (n: number) => void; total?: (n: number) => number } = {}) {
  const requests: WalletListRequest[] = [];
  const source: WalletPageSource = {
    fetchWalletPage: (req): Promise<WalletListPage> => {
      options.beforeRequest?.(requests.length);
      requests.push(req);
      const size = Math.min(req.count, options.cap ?? req.count);
      const records = entries.slice(req.offset, req.offset + size);
      return Promise.resolve({ records, total: options.total?.(requests.length) ?? entries.length });
    },
  };
  return { source, requests };
}

describe('fetchAllWalletRecords', () => {
  it('pages by offset until offset reaches the total, asking for pageSize entries', async () => {
    const entries = Array.from({ length: 7 }, (_, i) => record(7 - i));
    const { source, requests } = listSource(entries);
    expect(await fetchAllWalletRecords(source, 'deposits', 'BTC', 3)).toEqual(entries);
    expect(requests).toEqual([0, 3, 6].map((offset) => ({ kind: 'deposits', currency: 'BTC', offset, count: 3 })));
  });

  it('advances by what came back when the server caps the page, and stops on an empty page', async () => {
    const entries = Array.from({ length: 5 }, (_, i) => record(5 - i));
    // The total claims more than exists: the empty page ends it.
    const { source, requests } = listSource(entries, { cap: 2, total: () => 50 });
    expect(await fetchAllWalletRecords(source, 'deposits', 'BTC')).toEqual(entries);
    expect(requests.map((r) => [r.offset, r.count])).toEqual([[0, 1000], [2, 1000], [4, 1000], [5, 1000]]);
  });

  it('drops entries seen twice when a new one arrives mid-way and shifts the offsets', async () => {
    const entries = Array.from({ length: 6 }, (_, i) => record(6 - i));
    const newest = record(9);
    const { source } = listSource(entries, { beforeRequest: (n) => (n === 1 ? void entries.unshift(newest) : undefined) });
    const got = await fetchAllWalletRecords(source, 'deposits', 'BTC', 3);
    // The shifted entry 4 (last of page one, first of page two) comes once; the newest is for the next run.
    expect(got.map((r) => r.transactionId)).toEqual(['tx6', 'tx5', 'tx4', 'tx3', 'tx2', 'tx1']);
  });

  it('keys entries by id, else on-chain hash, else exact text', async () => {
    const byId = [record(1, { id: 5, raw: 'a' }), record(2, { id: 5, raw: 'b' })];
    const byText = [record(3, { transactionId: null, raw: 'x' }), record(4, { transactionId: null, raw: 'x' }), record(5, { transactionId: null, raw: 'y' })];
    expect(await fetchAllWalletRecords(listSource(byId).source, 'withdrawals', 'BTC')).toHaveLength(1);
    expect((await fetchAllWalletRecords(listSource(byText).source, 'deposits', 'BTC')).map((r) => r.raw)).toEqual(['x', 'y']);
  });

  it('stops between pages when aborted', async () => {
    const controller = new AbortController();
    const { source, requests } = listSource(Array.from({ length: 9 }, (_, i) => record(i + 1)), { beforeRequest: (n) => (n === 1 ? controller.abort() : undefined) });
    await expect(fetchAllWalletRecords(source, 'deposits', 'BTC', 3, controller.signal)).rejects.toThrow();
    expect(requests).toHaveLength(2);
  });
});
