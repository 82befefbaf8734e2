/**
 * USD values end to end, in Node over fake-indexeddb: rows synced from the simulator (three years, BTC, ETH,
 * USDC, two subaccounts), prices downloaded from its public/get_delivery_prices over HTTP into the cache,
 * then a whole-history export of every format. Every row has a USD value or is listed as unpriced, and each
 * value is change × the price the rules give, computed here independently from the simulator's truth: the
 * row's own index_price / USD price when its instrument is the row's currency, else the seeded delivery
 * price of its UTC day (or up to 3 days before), USDC at par.
 */
import 'fake-indexeddb/auto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Decimal from 'decimal.js';
import { parse } from 'lossless-json';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { periodForRange } from '../../../src/core/recon/period';
import type { ExportFormat } from '../../../src/core/export/export-types';
import type { ReconcilerDatabase } from '../../../src/renderer/db/database';
import { downloadPrices } from '../../../src/renderer/prices/price-download';
import { exportPeriod } from '../../../src/renderer/worker/export-stream';
import { ChainColumnsCache } from '../../../src/renderer/worker/ledger-reader';
import type { ReconcileDeps } from '../../../src/renderer/worker/reconcile-accounts';
import { listChains } from '../../../src/renderer/worker/chain-catalog';
import { loadUsdPrices, usdTotalsOf } from '../../../src/renderer/worker/usd-prices';
import { DeribitClient } from '../../../src/core/providers/deribit/deribit-client';
import type { AccountInfo } from '../../../src/shared/contract';
import type { DeribitSim } from '../../sim/deribit/index';
import { beanCheckFiles, hasBeanCheck } from '../../support/beancount-parse';
import { csvObjects } from '../../support/csv-parse';
import { fastClient, freshDatabase, smallDataset, startFastSim, syncOnce } from '../../support/sync-harness';
import { collectingChannel } from '../../support/collecting-channel';

const ACCOUNT = 'deribit-usd';
const START = Date.UTC(2023, 11, 1);
const END = Date.UTC(2026, 2, 1);
const WHOLE = periodForRange('2023-12-01', '2026-02-28', 'UTC');
/** Prices begin after the first rows (those rows need their own price or stay unpriced) and miss a week. */
const FIRST_PRICE = '2024-01-20';
const OUTAGE = ['2025-03-10', '2025-03-11', '2025-03-12', '2025-03-13', '2025-03-14', '2025-03-15'];
const Usd = Decimal.clone({ precision: 60 });

let sim: DeribitSim;
let db: ReconcilerDatabase;
let deps: ReconcileDeps;

async function exportText(format: ExportFormat): Promise<{ text: string; sidecar: string }> {
  const { ch, text } = collectingChannel();
  const outcome = await exportPeriod(deps, { accountKeys: [ACCOUNT], period: WHOLE, format, accountLabels: [[ACCOUNT, 'USD sim']] }, ch);
  return { text: text(), sidecar: outcome.sidecar?.text ?? '' };
}

/** The expected price of a served row, from the row's JSON and the simulator's seeded prices. */
function expectedPrice(raw: string, currency: string, timestamp: number): string | null {
  const row = parse(raw) as Record<string, unknown>;
  const instrument = typeof row.instrument_name === 'string' ? row.instrument_name : null;
  if (instrument?.startsWith(`${currency}-`)) {
    if (row.index_price !== undefined && row.index_price !== null) return String(row.index_price);
    if (row.price_currency === 'USD' && row.price !== null && row.price !== undefined) return String(row.price);
  }
  if (currency === 'USDC') return '1';
  const daily = new Map(sim.truthDeliveryPrices(`${currency.toLowerCase()}_usd`).map((p) => [p.date, p.price]));
  for (let back = 0; back <= 3; back++) {
    const price = daily.get(new Date(timestamp - back * 86_400_000).toISOString().slice(0, 10));
    if (price !== undefined) return price;
  }
  return null;
}

const times = (amount: string, price: string): string => {
  const v = new Usd(amount).times(price).toFixed(2, Decimal.ROUND_HALF_UP);
  return v === '-0.00' ? '0.00' : v;
};

beforeAll(async () => {
  sim = await startFastSim({
    dataset: smallDataset({ rowsPerStream: 90, accessLogEvents: 5, startTime: START, endTime: END }),
    deliveryPrices: { firstDate: FIRST_PRICE, missingDates: { '*': OUTAGE } },
  });
  db = freshDatabase();
  deps = { db, columns: new ChainColumnsCache(db), now: () => performance.now() };
  await syncOnce({ client: fastClient(sim), db, accountKey: ACCOUNT });
  const account: AccountInfo = {
    accountKey: ACCOUNT, label: 'USD sim', environment: 'custom', baseUrl: sim.url, mainUserId: sim.mainUserId, username: 'main',
    keys: [], syncKeyId: null, scope: null, addedAt: 0, demo: false,
  } as unknown as AccountInfo;
  await db.accounts.put(account);
  const publicClient = new DeribitClient({ baseUrl: sim.url, clientId: '', clientSecret: '', retry: { maxAttempts: 2, baseDelayMs: 5, maxDelayMs: 10 } });
  const result = await downloadPrices(db, [account], (a) => publicClient.getDeliveryPrices(a.indexName, a.offset, a.count), { pageSize: 400 });
  expect(result.errors).toEqual([]);
  expect(result.indexes.map((i) => `${i.indexName}:${i.state.oldest}:${i.state.reachedStart}`)).toEqual([
    `btc_usd:${FIRST_PRICE}:true`, `eth_usd:${FIRST_PRICE}:true`,
  ]);
});

afterAll(async () => {
  db.close();
  await sim.close();
});

describe('USD values against the simulator', () => {
  it('transactions CSV: every row valued at the rule\'s price or listed as unpriced with its reason; unpriced rows are the listed ones', async () => {
    const { text, sidecar } = await exportText('transactions-csv');
    const { rows } = csvObjects(text);
    expect(rows.length).toBeGreaterThan(800);
    const unpricedIds: string[] = [];
    let ownPrices = 0;
    for (const line of rows) {
      const price = expectedPrice(line.raw!, line.currency!, Number(line.timestamp));
      if (price === null) {
        expect(line.usd_value, line.id).toBe('');
        expect(line.usd_price_source, line.id).toMatch(/^no USD price: /);
        unpricedIds.push(line.id!);
        continue;
      }
      expect(line.usd_price, line.id).toBe(price);
      expect(line.usd_value, line.id).toBe(times(line.change!, price));
      if (line.usd_price_source!.startsWith("the row's")) ownPrices++;
    }
    // The history has rows before the first price (only own prices value them) and in the outage week.
    expect(unpricedIds.length).toBeGreaterThan(0);
    expect(ownPrices).toBeGreaterThan(0);
    expect(rows.filter((l) => l.usd_price_source?.includes('counted as 1 USD')).length).toBeGreaterThan(0);
    expect(sidecar).toContain(`without a price: ${unpricedIds.length} (left empty, never 0).`);
    expect(sidecar).toContain(`BTC: btc_usd delivery prices from ${sim.url}, ${FIRST_PRICE} to `);
    expect(sidecar).toContain('USDC: counted as 1 USD (par)');

    const chains = await listChains(db, [ACCOUNT]);
    const prices = await loadUsdPrices(db, [ACCOUNT], chains);
    const summary = await usdTotalsOf(deps, chains, WHOLE, prices.valuer, collectingChannel().ch);
    expect(summary.unpricedCount).toBe(unpricedIds.length);
    expect(summary.unpriced.map((u) => String(u.id)).sort()).toEqual(unpricedIds.slice(0, 500).sort());
    expect(summary.unpriced.every((u) => u.reason.startsWith('no USD price: '))).toBe(true);
    expect(summary.unpriced.some((u) => u.reason.includes(`history starts on ${FIRST_PRICE}`))).toBe(true);
    expect(summary.unpriced.some((u) => u.reason.includes('no eth_usd price within 3 days') || u.reason.includes('no btc_usd price within 3 days'))).toBe(true);
  });

  it('Koinly, CoinTracking and Beancount: a USD value on every line of a priced row, none on an unpriced one; bean-check passes', async () => {
    const { rows } = csvObjects((await exportText('transactions-csv')).text);
    const unpriced = new Set(rows.filter((l) => l.usd_value === '').map((l) => l.id));
    const koinly = csvObjects((await exportText('koinly-csv')).text).rows;
    for (const line of koinly) {
      const id = /^Deribit id (\d+)/.exec(line.Description!)?.[1];
      if (line.Description!.includes(' swap ')) continue; // a swap line is valued by its received leg
      expect(line['Net Worth Amount'] === '', `${id}`).toBe(unpriced.has(id));
      if (line['Net Worth Amount'] !== '') expect(line['Net Worth Currency']).toBe('USD');
    }
    const ct = csvObjects((await exportText('cointracking-csv')).text).rows;
    for (const line of ct) {
      const id = /^(\d+)/.exec(line['Tx-ID']!)?.[1];
      if (line['Tx-ID']!.includes('-swap-')) continue;
      const valued = (line.Buy !== '' ? line['Buy Value in USD'] : line['Sell Value in USD']) !== '';
      expect(valued, `${line['Tx-ID']}`).toBe(!unpriced.has(id));
    }
    const bean = (await exportText('beancount')).text;
    const transactions = bean.split('\n\n').filter((block) => / \* "/.test(block) && block.includes('deribit-type:'));
    expect(transactions.length).toBe(rows.length);
    for (const block of transactions) expect(/usd-value: "|usd-value-missing: "/.test(block)).toBe(true);
    expect(bean).toMatch(/^\d{4}-\d\d-\d\d price BTC {2}\d+\.\d{4} USD$/m);
    if (hasBeanCheck) expect(beanCheckFiles(mkdtempSync(join(tmpdir(), 'usd-sim-')), { 'whole.beancount': bean }, 'whole.beancount')).toBe('');
  });

  it('summary CSV: USD totals per line equal the per-year totals added up', async () => {
    const lines = csvObjects((await exportText('summary-csv')).text).rows;
    const chains = await listChains(db, [ACCOUNT]);
    const prices = await loadUsdPrices(db, [ACCOUNT], chains);
    const summary = await usdTotalsOf(deps, chains, WHOLE, prices.valuer, collectingChannel().ch);
    expect(new Set(summary.totals.map((t) => t.year))).toEqual(new Set(['2023', '2024', '2025', '2026']));
    for (const line of lines) {
      const years = summary.totals.filter((t) => String(t.userId) === line.user_id && t.currency === line.currency);
      const add = (pick: (t: (typeof years)[number]) => string): string => years.reduce((s, t) => s.plus(pick(t)), new Usd(0)).toFixed(2);
      expect(line.usd_realized_pnl).toBe(add((t) => t.realizedPnl));
      expect(line.usd_fees).toBe(add((t) => t.fees));
      expect(line.usd_funding).toBe(add((t) => t.funding));
      expect(line.usd_unpriced_rows).toBe(String(years.reduce((n, t) => n + t.unpricedRows, 0)));
    }
    expect(summary.totals.some((t) => t.funding !== '0.00')).toBe(true);
    expect(summary.totals.some((t) => t.realizedPnl !== '0.00')).toBe(true);
  });

  it('a second download asks only for the newest page; an index Deribit does not publish is remembered as unavailable', async () => {
    const account = (await db.accounts.get(ACCOUNT)) as AccountInfo;
    const calls: string[] = [];
    const publicClient = new DeribitClient({ baseUrl: sim.url, clientId: '', clientSecret: '' });
    const fetch = (a: { indexName: string; offset: number; count: number }) => {
      calls.push(`${a.indexName}@${a.offset}`);
      return publicClient.getDeliveryPrices(a.indexName, a.offset, a.count);
    };
    // Pretend yesterday's price is not held yet: one page each, joined to the held days.
    for (const key of ['btc_usd', 'eth_usd']) await db.priceState.update(`${sim.url}|${key}`, { newest: '2026-01-01' });
    await downloadPrices(db, [account], fetch, { pageSize: 400 });
    expect(calls).toEqual(['btc_usd@0', 'eth_usd@0']);
    // A SOL row whose index the simulator does not serve.
    await db.syncState.put({ ...(await db.syncState.where('accountKey').equals(ACCOUNT).first())!, streamKey: 'sol-stream', currency: 'SOL', kind: 'tx' });
    await db.transactions.put({ ...(await db.transactions.where('accountKey').equals(ACCOUNT).first())!, id: 999_999_999, currency: 'SOL' });
    const result = await downloadPrices(db, [account], fetch, { pageSize: 400 });
    const sol = result.indexes.find((i) => i.indexName === 'sol_usd');
    expect(sol?.state.unavailable).toBe('Deribit publishes no USD delivery price for SOL (no sol_usd index): its rows have no USD value');
    expect(result.errors).toEqual([]);
  });
});
