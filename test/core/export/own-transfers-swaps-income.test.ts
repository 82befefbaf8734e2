/**
 * One small account history with every case issue 9 names: an own-account transfer (both legs), a
 * transfer to a user outside the account, position moves, a paired swap (two legs sharing timestamp and
 * rate), a lone swap leg (as the simulator makes them), a staking reward, a fee rebate, a deposit and a
 * withdrawal. Exact expected lines per format, and the per-currency identity.
 */
import { parse } from 'lossless-json';
import { describe, expect, it } from 'vitest';
import type { ExportContext, ExportRow, UsdExport } from '../../../src/core/export';
import { UsdTotalsBuilder, UsdValuer } from '../../../src/core/fiat';
import { counterAccount, counterAccountOf } from '../../../src/core/export/beancount-accounts';
import { toTransactionLogRow } from '../../../src/core/providers/deribit/lossless-response';
import { classifyRow } from '../../../src/core/recon/classify';
import type { Period } from '../../../src/core/recon/types';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { csvObjects } from '../../support/csv-parse';
import { beanCheckFiles, hasBeanCheck, parseBeancount, verifyBeancount } from '../../support/beancount-parse';
import { chainOrder, chainStatuses, Dx, encodeFile, summarize } from './export-fixture';

const ACCOUNT = 'acc_own';
const LABEL = 'Own';
const Y2025: Period = { fromMs: Date.UTC(2025, 0, 1), toMs: Date.UTC(2026, 0, 1), timeZone: 'UTC', label: '2025 (UTC)' };
const MAIN: [number, string] = [1, 'main'];
const SUB: [number, string] = [2, 'main_sub1'];

let seq = new Map<string, number>();
function row(user: [number, string], currency: string, id: number, day: string, type: string, change: string, balance: string, extra: Record<string, string> = {}): ExportRow {
  const key = `${user[0]}|${currency}`;
  const userSeq = (seq.get(key) ?? 0) + 1;
  seq.set(key, userSeq);
  const fields: Record<string, string> = {
    id: String(id), user_id: String(user[0]), username: JSON.stringify(user[1]), user_seq: String(userSeq), currency: JSON.stringify(currency),
    timestamp: String(Date.parse(`${day}T12:00:00.000Z`)), type: JSON.stringify(type), side: '"-"', change, cashflow: change, balance,
    commission: '0', ...extra,
  };
  const raw = `{${Object.entries(fields).map(([k, v]) => `"${k}":${v}`).join(',')}}`;
  const r = toTransactionLogRow(parse(raw), currency);
  return { ...r, accountKey: ACCOUNT, accountLabel: LABEL, username: r.username, kind: classifyRow(r) };
}

function history(): ExportRow[] {
  seq = new Map();
  const sub = (other: [number, string]): string => `{"transfer_type":"subaccount","other_user_id":${other[0]},"other_user":"${other[1]}"}`;
  const move = '[{"instrument_name":"BTC-PERPETUAL","amount":100,"target_uid":2}]';
  const rows = [
    row(MAIN, 'BTC', 1001, '2025-01-05', 'deposit', '1', '1', { info: '{"transaction":"dd01","addr":"bc1q"}' }),
    row(MAIN, 'BTC', 1003, '2025-02-01', 'transfer', '-0.3', '0.7', { info: sub(SUB) }),
    row(MAIN, 'BTC', 1005, '2025-02-02', 'transfer', '-0.05', '0.65', { info: '{"transfer_type":"user","other_user_id":999,"other_user":"friend"}' }),
    row(MAIN, 'BTC', 1006, '2025-03-01', 'position_move', '0', '0.65', { info: move, commission: 'null' }),
    row(MAIN, 'BTC', 1008, '2025-04-01', 'bonus_distribution', '0.001', '0.651', { info: '{"program":"staking_rewards","period":3}' }),
    row(MAIN, 'BTC', 1009, '2025-05-01', 'trade', '0.00002', '0.65102', { commission: '-0.00002', instrument_name: '"BTC-PERPETUAL"', side: '"open sell"', index_price: '50000.5', price: '50010', price_currency: '"USD"' }),
    row(MAIN, 'BTC', 1011, '2025-06-01', 'withdrawal', '-0.2005', '0.45052', { commission: '0.0005', info: '{"transaction":"ww02","addr":"bc1q"}' }),
    row(MAIN, 'USDC', 1002, '2025-01-06', 'deposit', '100', '100', { info: '{"transaction":"dd03"}' }),
    row(MAIN, 'USDC', 1012, '2025-07-01', 'swap', '-10', '90', { info: '{"swap_type":"currency_conversion","rate":0.1234}' }),
    row(SUB, 'BTC', 1004, '2025-02-01', 'transfer', '0.3', '0.3', { info: sub(MAIN) }),
    row(SUB, 'BTC', 1007, '2025-03-01', 'position_move', '0', '0.3', { info: move, commission: 'null' }),
    row(SUB, 'BTC', 1013, '2025-08-01', 'swap', '-0.1001', '0.1999', { commission: '0.0001', info: '{"swap_type":"currency_conversion","rate":50000}' }),
    row(SUB, 'USDC', 1014, '2025-08-01', 'swap', '5000', '5000', { info: '{"swap_type":"currency_conversion","rate":50000}' }),
  ];
  return rows.sort(chainOrder);
}

/**
 * Deribit btc_usd delivery prices of the fixture's days. 2025-02-02 has none (the 1 February price is used,
 * named), 2025-04-01's makes a half cent (0.001 × 44005 = 44.005 → 44.01), and 2025-06-01 has nothing within
 * 3 days (the withdrawal is unpriced).
 */
const BTC_USD: readonly [string, string][] = [
  ['2025-01-05', '40000'], ['2025-02-01', '41000'], ['2025-03-01', '43000'], ['2025-04-01', '44005'], ['2025-05-20', '45000'], ['2025-08-01', '46000'],
];

function usdExport(rows: readonly ExportRow[]): UsdExport {
  const valuer = new UsdValuer(
    BTC_USD.map(([date, price]) => ({ indexName: 'btc_usd', date, price })),
    new Map([['btc_usd', { indexName: 'btc_usd', oldest: '2025-01-05', newest: '2025-08-01', unavailable: null }]]),
  );
  const totals = new UsdTotalsBuilder(valuer, 'UTC');
  for (const r of rows) totals.add(r);
  return { valuer, totals: totals.result().totals, coverage: ['btc_usd: Deribit delivery prices 2025-01-05 to 2025-08-01'] };
}

function context(rows: readonly ExportRow[], withUsd = false): ExportContext {
  const usernames = new Map([[`${ACCOUNT}|1`, 'main'], [`${ACCOUNT}|2`, 'main_sub1']]);
  const summaries = summarize(rows, Y2025, usernames);
  const ctx: ExportContext = { period: Y2025, summaries, chains: chainStatuses(summaries, rows), findings: [], accountLabels: new Map([[ACCOUNT, LABEL]]), usernames };
  return withUsd ? { ...ctx, usd: usdExport(rows) } : ctx;
}

/** Σ change per currency over the period's rows. */
function changeByCurrency(rows: readonly ExportRow[]): Map<string, string> {
  const out = new Map<string, InstanceType<typeof Dx>>();
  for (const r of rows) out.set(r.currency, (out.get(r.currency) ?? new Dx(0)).plus(r.change));
  return new Map([...out].map(([c, v]) => [c, v.toFixed()]));
}

describe('own-account transfers, position moves, swaps and income', () => {
  it('classifies every row of the history (no unknown kind)', () => {
    expect(history().map((r) => `${r.id} ${r.kind}`)).toEqual([
      '1001 deposit', '1003 transfer', '1005 transfer', '1006 position-move', '1008 bonus', '1009 trade-future', '1011 withdrawal',
      '1002 deposit', '1012 swap', '1004 transfer', '1007 position-move', '1013 swap', '1014 swap',
    ]);
  });

  it('Koinly: own transfers plain (one wallet per user), a swap as one trade, rewards and rebates as "reward"', () => {
    const rows = history();
    const file = encodeFile('koinly-csv', context(rows), rows, 3);
    const { rows: lines } = csvObjects(file.text);
    const brief = lines.map((l) => [
      l.Date, l['Sent Amount'], l['Sent Currency'], l['Received Amount'], l['Received Currency'], l['Fee Amount'], l['Fee Currency'],
      l.Label, l.TxHash, /^Deribit id (\d+)/.exec(l.Description!)?.[1],
    ].join('|'));
    expect(brief).toEqual([
      '2025-01-05 12:00:00|||1|BTC||||dd01|1001',
      '2025-02-01 12:00:00|0.3|BTC|||||||1003',
      '2025-02-02 12:00:00|0.05|BTC|||||||1005',
      '2025-04-01 12:00:00|||0.001|BTC|||reward||1008',
      '2025-05-01 12:00:00|||0.00002|BTC|||reward||1009',
      '2025-06-01 12:00:00|0.2|BTC|||0.0005|BTC||ww02|1011',
      '2025-01-06 12:00:00|||100|USDC||||dd03|1002',
      '2025-07-01 12:00:00|10|USDC|||||||1012',
      '2025-02-01 12:00:00|||0.3|BTC|||||1004',
      '2025-08-01 12:00:00|0.1|BTC|5000|USDC|0.0001|BTC|||1013',
    ]);
    const description = (id: string): string => lines.find((l) => l.Description!.startsWith(`Deribit id ${id} `))?.Description ?? '';
    expect(description('1003')).toBe('Deribit id 1003 transfer to main_sub1 (own account) (Own / main)');
    expect(description('1004')).toBe('Deribit id 1004 transfer from main (own account) (Own / main_sub1)');
    expect(description('1005')).toBe('Deribit id 1005 transfer to friend (outside this account) (Own / main)');
    expect(description('1013')).toBe('Deribit id 1013 swap BTC → USDC with id 1014 (Own / main_sub1)');
    expect(description('1009')).toMatch(/\(fee rebate\)$/);
    const sidecar = file.encoder.sidecar() ?? '';
    expect(sidecar).toContain('its own Koinly wallet (one file per user): 2 rows.');
    expect(sidecar).toContain('Swaps as one trade line (Sent + Received): 1; swap legs whose counterpart is not in this export, as plain lines: 1.');
    expect(sidecar).toContain('have no line: 2.'); // the two position moves moved no cash
  });

  it('Koinly: per currency, Received − Sent − Fee = Σ change (swap legs in their own currencies)', () => {
    const rows = history();
    const { rows: lines } = csvObjects(encodeFile('koinly-csv', context(rows), rows).text);
    const actual = new Map<string, InstanceType<typeof Dx>>();
    const add = (currency: string, amount: string, sign: 1 | -1): void => {
      if (amount !== '') actual.set(currency, (actual.get(currency) ?? new Dx(0)).plus(new Dx(amount).times(sign)));
    };
    for (const l of lines) {
      add(l['Received Currency']!, l['Received Amount']!, 1);
      add(l['Sent Currency']!, l['Sent Amount']!, -1);
      add(l['Fee Currency']!, l['Fee Amount']!, -1);
    }
    expect(new Map([...actual].map(([c, v]) => [c, v.toFixed()]))).toEqual(changeByCurrency(rows));
  });

  it('CoinTracking: the Exchange names the Deribit user, own transfers pair across exchanges, a swap is one Trade, income is Reward / Bonus', () => {
    const rows = history();
    const file = encodeFile('cointracking-csv', context(rows), rows, 5);
    const { rows: lines } = csvObjects(file.text);
    const brief = lines.map((l) => [l.Type, l.Buy, l['Cur.'], l.Sell, l['Cur.#2'], l.Fee, l['Cur.#3'], l.Exchange, l['Tx-ID']].join('|'));
    expect(brief).toEqual([
      'Deposit|1|BTC|||||Deribit main|1001',
      'Withdrawal|||0.3|BTC|||Deribit main|1003',
      'Withdrawal|||0.05|BTC|||Deribit main|1005',
      'Reward / Bonus|0.001|BTC|||||Deribit main|1008',
      'Reward / Bonus|0.00002|BTC|||||Deribit main|1009',
      'Withdrawal|||0.2|BTC|0.0005|BTC|Deribit main|1011',
      'Deposit|100|USDC|||||Deribit main|1002',
      'Expense (non taxable)|||10|USDC|||Deribit main|1012',
      'Deposit|0.3|BTC|||||Deribit main_sub1|1004',
      'Trade|5000|USDC|0.1|BTC|0.0001|BTC|Deribit main_sub1|1013-swap-1014',
    ]);
    expect(lines.every((l) => !['Other Fee', 'Income'].includes(l.Type!))).toBe(true);
    expect(lines.find((l) => l['Tx-ID'] === '1011')?.Comment).toContain('tx ww02');
    expect(lines.find((l) => l['Tx-ID'] === '1012')?.Comment).toContain('swap leg without its counterpart in this export');
    expect(file.encoder.sidecar()).toContain("CoinTracking matches as a transfer: 2 rows.");
    const actual = new Map<string, InstanceType<typeof Dx>>();
    const add = (currency: string, amount: string, sign: 1 | -1): void => {
      if (amount !== '') actual.set(currency, (actual.get(currency) ?? new Dx(0)).plus(new Dx(amount).times(sign)));
    };
    for (const l of lines) {
      add(l['Cur.']!, l.Buy!, 1);
      add(l['Cur.#2']!, l.Sell!, -1);
      add(l['Cur.#3']!, l.Fee!, -1);
    }
    expect(new Map([...actual].map(([c, v]) => [c, v.toFixed()]))).toEqual(changeByCurrency(rows));
  });

  it('pairs swap legs whichever comes first, and never pairs legs of different rates or users', () => {
    const rows = history();
    // Reversed chain order: the USDC leg arrives first.
    const reversed = [...rows].reverse();
    const { rows: lines } = csvObjects(encodeFile('cointracking-csv', context(rows), reversed).text);
    expect(lines.filter((l) => l.Type === 'Trade').map((l) => l['Tx-ID'])).toEqual(['1013-swap-1014']);
    const otherRate = rows.map((r) => (r.id === 1014 ? { ...r, raw: r.raw.replace('"rate":50000', '"rate":49999') } : r));
    const unpaired = csvObjects(encodeFile('cointracking-csv', context(otherRate), otherRate).text).rows;
    expect(unpaired.filter((l) => l.Type === 'Trade')).toEqual([]);
    expect(unpaired.filter((l) => l['Tx-ID'] === '1013' || l['Tx-ID'] === '1014').map((l) => l.Type)).toEqual(['Expense (non taxable)', 'Income (non taxable)']);
  });

  it('summary and transactions CSVs name the new kinds and order them with the transfers', () => {
    const rows = history();
    const summary = encodeFile('summary-csv', context(rows), rows);
    const header = summary.text.split('\r\n')[0]!.split(',');
    expect(header.slice(header.indexOf('usd_unpriced_rows') + 1)).toEqual([
      'trade-future', 'fee', 'deposit', 'withdrawal', 'withdrawal-fee', 'transfer-in:1', 'transfer-out:2', 'transfer-out:999',
      'position-move', 'swap', 'bonus',
    ]);
    const transactions = csvObjects(encodeFile('transactions-csv', context(rows), rows).text).rows;
    expect(transactions.map((t) => t.kind)).toEqual(rows.map((r) => r.kind));
    expect(transactions.find((t) => t.id === '1006')?.kind).toBe('position-move');
    expect(transactions.find((t) => t.id === '1008')?.kind).toBe('bonus');
  });

  it('Beancount accounts: own transfers and position moves clear through Transfers, outside transfers are External, rewards are income', () => {
    const rows = history();
    const ctx = context(rows);
    const of = (id: number): string => counterAccountOf(rows.find((r) => r.id === id) as ExportRow, ctx, 'BTC');
    expect(of(1003)).toBe('Assets:Deribit:Transfers:BTC');
    expect(of(1004)).toBe('Assets:Deribit:Transfers:BTC');
    expect(of(1006)).toBe('Assets:Deribit:Transfers:BTC');
    expect(of(1005)).toBe('Equity:Deribit:External');
    expect(of(1008)).toBe('Income:Deribit:Rewards');
    expect(counterAccount('position-move', 'BTC')).toBe('Assets:Deribit:Transfers:BTC');
  });

  describe('USD values', () => {
    const byId = (lines: Record<string, string>[], column: string, idOf: (l: Record<string, string>) => string | undefined): Record<string, string> =>
      Object.fromEntries(lines.map((l) => [idOf(l) ?? '?', l[column] ?? '']));

    it('transactions CSV: each row\'s price, its source and change × price rounded half-up to cents, or why there is none', () => {
      const rows = history();
      const file = encodeFile('transactions-csv', context(rows, true), rows);
      const lines = csvObjects(file.text).rows;
      const cell = (id: string): string => {
        const l = lines.find((x) => x.id === id)!;
        return `${l.usd_price}|${l.usd_price_source}|${l.usd_value}`;
      };
      expect(cell('1001')).toBe('40000|Deribit btc_usd delivery price of 2025-01-05|40000.00');
      expect(cell('1003')).toBe('41000|Deribit btc_usd delivery price of 2025-02-01|-12300.00');
      expect(cell('1005')).toBe('41000|Deribit btc_usd delivery price of 2025-02-01|-2050.00'); // 2 February has none: the day before, named
      expect(cell('1006')).toBe('43000|Deribit btc_usd delivery price of 2025-03-01|0.00');
      expect(cell('1008')).toBe('44005|Deribit btc_usd delivery price of 2025-04-01|44.01'); // 44.005 half-up
      expect(cell('1009')).toBe("50000.5|the row's index_price (BTC-PERPETUAL)|1.00"); // own index price beats the daily one
      expect(cell('1011')).toBe('|no USD price: Deribit published no btc_usd price within 3 days before 2025-06-01|');
      expect(cell('1002')).toBe('1|USDC counted as 1 USD (par)|100.00');
      expect(cell('1013')).toBe('46000|Deribit btc_usd delivery price of 2025-08-01|-4604.60');
      expect(cell('1014')).toBe('1|USDC counted as 1 USD (par)|5000.00');
      const sidecar = file.encoder.sidecar() ?? '';
      expect(sidecar).toContain('Values given: 12 (');
      expect(sidecar).toContain('without a price: 1 (left empty, never 0).');
      expect(sidecar).toContain('Price data: btc_usd: Deribit delivery prices 2025-01-05 to 2025-08-01');
    });

    it('Koinly: Net Worth Amount in USD of the received (else sent) amount; empty where unpriced', () => {
      const rows = history();
      const lines = csvObjects(encodeFile('koinly-csv', context(rows, true), rows).text).rows;
      const id = (l: Record<string, string>): string | undefined => /^Deribit id (\d+)/.exec(l.Description!)?.[1];
      expect(lines.map((l) => `${id(l)}:${l['Net Worth Amount']}:${l['Net Worth Currency']}`)).toEqual([
        '1001:40000.00:USD', '1003:12300.00:USD', '1005:2050.00:USD', '1008:44.01:USD', '1009:1.00:USD', '1011::',
        '1002:100.00:USD', '1012:10.00:USD', '1004:12300.00:USD', '1013:5000.00:USD',
      ]);
      expect(byId(lines, 'Net Worth Amount', id)['1013']).toBe('5000.00'); // the swap: what was received (5000 USDC at par)
    });

    it('CoinTracking: Buy and Sell Value in USD per line, a swap valued on each side at its own currency', () => {
      const rows = history();
      const lines = csvObjects(encodeFile('cointracking-csv', context(rows, true), rows).text).rows;
      expect(lines.map((l) => `${l['Tx-ID']}:${l['Buy Value in USD']}:${l['Sell Value in USD']}`)).toEqual([
        '1001:40000.00:', '1003::12300.00', '1005::2050.00', '1008:44.01:', '1009:1.00:', '1011::',
        '1002:100.00:', '1012::10.00', '1004:12300.00:', '1013-swap-1014:5000.00:4600.00',
      ]);
    });

    it('Beancount: usd-value metadata on each transaction, a price directive per day, and the file still balances', () => {
      const rows = history();
      const text = encodeFile('beancount', context(rows, true), rows).text;
      expect(text).toContain('  usd-value: "44.01"\n  usd-price: "44005"\n  usd-price-source: "Deribit btc_usd delivery price of 2025-04-01"\n');
      expect(text).toContain('  usd-value-missing: "no USD price: Deribit published no btc_usd price within 3 days before 2025-06-01"\n');
      const prices = text.split('\n').filter((l) => /^\d{4}-\d\d-\d\d price /.test(l));
      expect(prices).toEqual([
        '2025-01-05 price BTC  40000 USD', '2025-01-06 price USDC  1 USD', '2025-02-01 price BTC  41000 USD', '2025-02-02 price BTC  41000 USD',
        '2025-03-01 price BTC  43000 USD', '2025-04-01 price BTC  44005 USD', '2025-05-01 price BTC  50000.5 USD', // no daily price near 1 May: the row's own
        '2025-07-01 price USDC  1 USD', '2025-08-01 price BTC  46000 USD', '2025-08-01 price USDC  1 USD',
      ]);
      expect(verifyBeancount(parseBeancount(text))).toEqual([]);
      if (hasBeanCheck) expect(beanCheckFiles(mkdtempSync(join(tmpdir(), 'usd-bc-')), { 'usd.beancount': text }, 'usd.beancount')).toBe('');
    });

    it('summary CSV: per-line USD realized PnL, fees, funding and income, and how many rows had no price', () => {
      const rows = history();
      const lines = csvObjects(encodeFile('summary-csv', context(rows, true), rows).text).rows;
      const usd = (user: string, currency: string): string => {
        const l = lines.find((x) => x.user_id === user && x.currency === currency)!;
        return [l.usd_realized_pnl, l.usd_fees, l.usd_funding, l.usd_income, l.usd_unpriced_rows].join('|');
      };
      // main BTC: the trade's cash is 0 (its change is all rebate): fees +1.00 (a rebate), withdrawal fee unpriced; reward 44.01.
      expect(usd('1', 'BTC')).toBe('0.00|1.00|0.00|44.01|1');
      expect(usd('1', 'USDC')).toBe('0.00|0.00|0.00|0.00|0');
      expect(usd('2', 'BTC')).toBe('0.00|-4.60|0.00|0.00|0');
    });
  });
});
