import { parse, stringify } from 'lossless-json';
import { afterEach, describe, expect, it } from 'vitest';
import { toWalletListPage } from '../../../../src/core/providers/deribit/wallet-responses';
import { fetchAllWalletRecords } from '../../../../src/core/sync/wallet-lists';
import { DEFAULT_SIM_KEY, type DeribitSim } from '../../../sim/deribit/index';
import { SMALL_DATASET, calls, clientFor, rejection, startSim } from './client-harness';

let sim: DeribitSim | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

const DATASET = {
  ...SMALL_DATASET,
  rowsPerStream: 250,
  walletPending: [{ kind: 'withdrawal' as const, currency: 'BTC', amount: '0.3' }],
};

/** The wallet list's entries exactly as the server sent them (lossless text), newest first. */
async function servedEntries(s: DeribitSim, method: string, currency: string): Promise<string[]> {
  const auth = (await (await fetch(`${s.url}/public/auth?grant_type=client_credentials&client_id=${DEFAULT_SIM_KEY.clientId}&client_secret=${DEFAULT_SIM_KEY.clientSecret}`)).json()) as { result: { access_token: string } };
  const response = await fetch(`${s.url}/private/${method}?currency=${currency}&count=1000`, { headers: { authorization: `Bearer ${auth.result.access_token}` } });
  const body = parse(await response.text()) as { result: { data: unknown[] } };
  return body.result.data.map((entry) => stringify(entry) ?? '');
}

const scaled = (text: string): bigint => {
  const [whole = '0', fraction = ''] = text.replace('-', '').split('.');
  const value = BigInt(whole + fraction.padEnd(8, '0'));
  return text.startsWith('-') ? -value : value;
};

describe('DeribitClient.getWalletList against the simulator', () => {
  it('refuses a wallet-list kind it does not know before sending anything', async () => {
    sim = await startSim({ dataset: DATASET });
    const { client } = clientFor(sim);
    sim.resetRequests();
    const error = await rejection(client.getWalletList({ kind: 'addresses' as never, currency: 'BTC', offset: 0, count: 10 }));
    expect(error).toMatchObject({ kind: 'invalid_params', retriable: false });
    expect(sim.requests()).toHaveLength(0);
  });

  it('reads deposits, withdrawals and transfers with exact amounts, raw text identical to the wire', async () => {
    sim = await startSim({ dataset: DATASET });
    const { client } = clientFor(sim);
    const rows = sim.truthTransactions(sim.mainUserId, 'BTC');
    for (const kind of ['deposits', 'withdrawals', 'transfers'] as const) {
      const page = await client.getWalletList({ kind, currency: 'BTC', offset: 0, count: 1000 });
      expect(page.records.map((r) => r.raw)).toEqual(await servedEntries(sim, `get_${kind}`, 'BTC'));
      expect(page.total).toBe(page.records.length);
      expect(page.records.every((r) => r.kind === kind && r.currency === 'BTC')).toBe(true);
    }
    const deposits = await client.getWalletList({ kind: 'deposits', currency: 'BTC', offset: 0, count: 1000 });
    const depositRows = rows.filter((r) => r.type === 'deposit');
    expect(deposits.records.map((r) => r.amount)).toEqual(depositRows.map((r) => r.change));
    expect(deposits.records.map((r) => r.timestamp)).toEqual(depositRows.map((r) => r.timestamp));
    expect(deposits.records.every((r) => r.id === null && r.fee === null && /^[0-9a-f]{64}$/.test(r.transactionId ?? ''))).toBe(true);

    const withdrawals = await client.getWalletList({ kind: 'withdrawals', currency: 'BTC', offset: 0, count: 1000 });
    const [pending, ...booked] = withdrawals.records;
    expect(pending).toMatchObject({ state: 'unconfirmed', amount: '0.3', fee: '0.0001', transactionId: null });
    const withdrawalRows = rows.filter((r) => r.type === 'withdrawal');
    expect(booked.map((r) => r.id)).toEqual(withdrawalRows.map((r) => r.id));
    booked.forEach((record, i) => {
      expect(scaled(record.amount) + scaled(record.fee ?? 'x')).toBe(-scaled(withdrawalRows[i]!.change));
      expect(record.state).toBe('completed');
    });

    const transfers = await client.getWalletList({ kind: 'transfers', currency: 'BTC', offset: 0, count: 1000 });
    expect(transfers.records.length).toBeGreaterThan(0);
    const sub = sim.users.find((u) => !u.isMain)!;
    for (const t of transfers.records) {
      expect(t.direction === 'payment' || t.direction === 'income').toBe(true);
      expect(t.otherSide).toBe(sub.username);
      expect(t.amount).not.toMatch(/^-/);
    }
    expect(calls(sim, 'private/get_withdrawals')[0]?.params).toMatchObject({ currency: 'BTC', offset: '0', count: '1000' });
  });

  it('pages by offset across several pages to every entry once (fetchAllWalletRecords over the client)', async () => {
    sim = await startSim({ dataset: DATASET });
    const { client } = clientFor(sim);
    const all = await client.getWalletList({ kind: 'transfers', currency: 'USDC', offset: 0, count: 1000 });
    expect(all.total).toBeGreaterThan(7);
    const paged = await fetchAllWalletRecords({ fetchWalletPage: (req) => client.getWalletList(req) }, 'transfers', 'USDC', 3);
    expect(paged.map((r) => r.raw)).toEqual(all.records.map((r) => r.raw));
    const offsets = calls(sim, 'private/get_transfers').slice(1).map((c) => Number(c.params.offset));
    expect(offsets).toEqual(offsets.map((_, i) => i * 3));
    expect(offsets.length).toBe(Math.ceil(all.total / 3));
  });

  it('says plainly that the key needs wallet:read when its scope lacks it (13021, not retried)', async () => {
    sim = await startSim({ dataset: DATASET, keys: [{ clientId: 'account-only', clientSecret: 'secret', scope: 'account:read' }] });
    const { client } = clientFor(sim, { clientId: 'account-only', clientSecret: 'secret' });
    const error = await rejection(client.getWalletList({ kind: 'withdrawals', currency: 'BTC', offset: 0, count: 10 }));
    expect(error).toMatchObject({ kind: 'forbidden', code: 13021, retriable: false });
    expect(error.userMessage).toMatch(/needs wallet:read/);
    expect(calls(sim, 'private/get_withdrawals')).toHaveLength(1);
  });
});

describe('wallet list parsing', () => {
  const read = (text: string) => toWalletListPage((parse(text) as { result: unknown }).result, 'withdrawals', 'ETH');

  it('keeps amounts as sent, fills absent fields with null and counts the page when count is absent', () => {
    const page = read('{"result":{"data":[{"amount":1e-8,"fee":0.00010000,"id":12,"state":"unconfirmed","extra":{"x":0.1000000000000000055}}]}}');
    expect(page.total).toBe(1);
    const [record] = page.records;
    expect(record).toMatchObject({ amount: '1e-8', fee: '0.00010000', id: 12, currency: 'ETH', address: null, transactionId: null, timestamp: null, direction: null });
    expect(record?.raw).toBe('{"amount":1e-8,"fee":0.00010000,"id":12,"state":"unconfirmed","extra":{"x":0.1000000000000000055}}');
    expect(read('{"result":{"count":40,"data":[]}}')).toEqual({ records: [], total: 40 });
    expect(read('{"result":[{"amount":2,"created_timestamp":1700000000000}]}').records[0]?.timestamp).toBe(1_700_000_000_000);
  });

  it('rejects a result without entries or an entry without an amount as malformed', () => {
    expect(() => read('{"result":{"count":1}}')).toThrow(/no "data" array/);
    expect(() => read('{"result":{"data":[{"fee":1}]}}')).toThrow(/no valid "amount"/);
  });
});
