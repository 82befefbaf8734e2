import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ProviderError } from '../../../../src/core/providers/deribit/errors';
import {
  parseEnvelope,
  toAccessLogPage,
  toTransactionLogPage,
} from '../../../../src/core/providers/deribit/lossless-response';

const EXAMPLE = readFileSync(new URL('./fixtures/transaction-log-example.json', import.meta.url), 'utf8');

function examplePage() {
  const envelope = parseEnvelope(EXAMPLE);
  if (envelope.kind !== 'result') throw new Error('expected a result');
  return toTransactionLogPage(envelope.result, 'BTC');
}

function malformedFrom(run: () => unknown): ProviderError {
  try {
    run();
  } catch (e) {
    if (e instanceof ProviderError) return e;
    throw e;
  }
  throw new Error('expected a ProviderError');
}

describe('transaction log rows (the documented example)', () => {
  it('keeps ids, order and continuation', () => {
    const page = examplePage();
    expect(page.continuation).toBe(61282);
    expect(page.rows.map((r) => r.id)).toEqual([61312, 61311, 61291, 61289, 61288]);
    expect(page.rows.map((r) => r.userSeq)).toEqual([6009, 6008, 6007, 6006, 6005]);
    expect(page.rows.map((r) => r.type)).toEqual(['transfer', 'settlement', 'deposit', 'trade', 'trade']);
  });

  it('keeps every amount as the exact text on the wire', () => {
    const [transfer, settlement, deposit, open, close] = examplePage().rows;
    expect(transfer).toMatchObject({ change: '-2.5', balance: '3001.22270418', equity: '3000.9275869', commission: '0' });
    expect(settlement).toMatchObject({ change: '0.00215706', balance: '3003.72270418', commission: null, amount: '1520', price: '51807.07' });
    expect(deposit).toMatchObject({ change: '0.65', balance: '3003.72054712', amount: null });
    expect(open).toMatchObject({ change: '-0.10759', balance: '3003.07054712', position: '0.7', price: '0.1537' });
    expect(close).toMatchObject({ change: '-0.04611', balance: '3003.17813712', position: '0', amount: '0.3' });
  });

  it('keeps unknown fields and every digit in raw', () => {
    const [transfer, settlement, , open] = examplePage().rows;
    expect(settlement?.raw).toContain('"session_rpl":-0.00004467');
    expect(settlement?.raw).toContain('"total_interest_pl":0.00001243');
    expect(settlement?.raw).toContain('"interest_pl":0.00000993');
    expect(open?.raw).toContain('"mark_price":0.04884653215049635');
    expect(open?.raw).toContain('"user_role":"maker"');
    expect(open?.raw).toContain('"profit_as_cashflow":false');
    expect(transfer?.raw).toContain('"trade_id":null');
    // A JS float would print 0.00000993 as 9.93e-6: raw must not have gone through one.
    expect(settlement?.raw).not.toContain('e-6');
  });

  it('maps the text fields, info and ip', () => {
    const [transfer, settlement, deposit, open] = examplePage().rows;
    expect(transfer).toMatchObject({ userId: 7, username: 'TestUser', side: '-', tradeId: null, instrumentName: null, ip: null });
    expect(JSON.parse(transfer?.infoText ?? '')).toEqual({ transfer_type: 'subaccount', other_user_id: 27, other_user: 'Subaccount' });
    expect(settlement?.infoText).toBe('{"settlement_price":51807,"floating_pl":0.00220172}');
    expect(deposit?.infoText).toContain('"addr":"2N8prMvpZHr8aYqodX3S4yhz5wMxjY8La3p"');
    expect(open).toMatchObject({ infoText: 'Source: api', ip: '11.222.33.44', tradeId: '28349', orderId: '67546', instrumentName: 'BTC-19FEB21-49200-C' });
  });

  it('keeps a type it has never seen and numbers beyond float precision', () => {
    const body =
      '{"jsonrpc":"2.0","result":{"logs":[{"id":9,"user_id":1,"user_seq":3,"timestamp":5,"currency":"ETH",' +
      '"type":"bonus_distribution","change":0.12345678901234567,"balance":12345678.123456789,"commission":null,' +
      '"cashflow":1e-8,"nested":{"deep":[1.10,2]}}],"continuation":null}}';
    const envelope = parseEnvelope(body);
    if (envelope.kind !== 'result') throw new Error('expected a result');
    const { rows, continuation } = toTransactionLogPage(envelope.result, 'ETH');
    expect(continuation).toBeNull();
    expect(rows[0]).toMatchObject({ type: 'bonus_distribution', change: '0.12345678901234567', balance: '12345678.123456789', cashflow: '1e-8' });
    expect(rows[0]?.raw).toContain('"nested":{"deep":[1.10,2]}');
  });

  it.each(['id', 'timestamp', 'balance', 'change', 'user_id', 'user_seq', 'type'])('rejects a row without %s', (field) => {
    const row: Record<string, unknown> = { id: 1, user_id: 2, user_seq: 3, timestamp: 4, type: 'trade', change: '0.1', balance: '1' };
    delete row[field];
    const error = malformedFrom(() => toTransactionLogPage({ logs: [row], continuation: null }, 'BTC'));
    expect(error.kind).toBe('malformed_response');
    expect(error.retriable).toBe(true);
    expect(error.detail).toContain(`"${field}"`);
  });

  it('rejects a wrong result shape and a non-integer continuation', () => {
    expect(malformedFrom(() => toTransactionLogPage([], 'BTC')).kind).toBe('malformed_response');
    expect(malformedFrom(() => toTransactionLogPage({ continuation: null }, 'BTC')).detail).toContain('logs');
    expect(malformedFrom(() => toTransactionLogPage({ logs: [], continuation: 'abc' }, 'BTC')).detail).toContain('continuation');
  });
});

describe('parseEnvelope', () => {
  it('reads an error with its code, message and data', () => {
    const envelope = parseEnvelope('{"jsonrpc":"2.0","error":{"code":10028,"message":"too_many_requests","data":{"x":1}},"testnet":false}');
    expect(envelope).toMatchObject({ kind: 'error', code: 10028, message: 'too_many_requests' });
  });

  it.each([
    ['truncated', EXAMPLE.slice(0, Math.floor(EXAMPLE.length / 2))],
    ['HTML', '<html><body>502 Bad Gateway</body></html>'],
    ['empty', ''],
    ['not an object', '[1,2]'],
    ['no result nor error', '{"jsonrpc":"2.0","usIn":1}'],
    ['error without code', '{"jsonrpc":"2.0","error":{"message":"x"}}'],
  ])('%s → malformed_response (retriable)', (_name, body) => {
    const error = malformedFrom(() => parseEnvelope(body));
    expect(error.kind).toBe('malformed_response');
    expect(error.retriable).toBe(true);
  });
});

describe('access log pages', () => {
  it('reads the official example shape: {records_total, data} with the event in "result"', () => {
    const body =
      '{"jsonrpc":"2.0","id":1,"result":{"records_total":34,"data":[' +
      '{"timestamp":1575876682576,"result":"success","ip":"127.0.0.1","id":45,"country":"Local Country","city":"Local Town"},' +
      '{"timestamp":1575546252774,"result":"disabled_tfa","ip":"127.0.0.1","id":43,"country":"Local Country","city":"Local Town"}]}}';
    const envelope = parseEnvelope(body);
    if (envelope.kind !== 'result') throw new Error('expected a result');
    const page = toAccessLogPage(envelope.result);
    expect(page.total).toBe(34);
    expect(page.events.map((e) => [e.id, e.event, e.dataText])).toEqual([
      [45, 'success', null],
      [43, 'disabled_tfa', null],
    ]);
    expect(page.events[0]).toMatchObject({ timestamp: 1575876682576, ip: '127.0.0.1', country: 'Local Country', city: 'Local Town' });
  });

  it('reads the schema shape: a bare array with the event in "log", data as object or string', () => {
    const body =
      '{"jsonrpc":"2.0","result":[' +
      '{"id":7,"ip":"1.2.3.4","timestamp":100,"country":"NL","city":"Delft","log":"new_api_key","data":{"client_id":"abc","amount":0.10}},' +
      '{"id":6,"ip":"1.2.3.4","timestamp":90,"country":"NL","city":"Delft","log":"enabled_subaccount_login","data":"1234"},' +
      '{"id":5,"ip":"1.2.3.4","timestamp":80,"country":"NL","city":"Delft","log":"some_future_event","extra":true}]}';
    const envelope = parseEnvelope(body);
    if (envelope.kind !== 'result') throw new Error('expected a result');
    const page = toAccessLogPage(envelope.result);
    expect(page.total).toBeNull();
    expect(page.events.map((e) => [e.id, e.event, e.dataText])).toEqual([
      [7, 'new_api_key', '{"client_id":"abc","amount":0.10}'],
      [6, 'enabled_subaccount_login', '1234'],
      [5, 'some_future_event', null],
    ]);
    expect(page.events[2]?.raw).toContain('"extra":true');
  });

  it('rejects events without id, timestamp or event name, and wrong shapes', () => {
    expect(malformedFrom(() => toAccessLogPage([{ timestamp: 1, log: 'success' }])).detail).toContain('"id"');
    expect(malformedFrom(() => toAccessLogPage([{ id: 1, log: 'success' }])).detail).toContain('"timestamp"');
    expect(malformedFrom(() => toAccessLogPage([{ id: 1, timestamp: 2 }])).detail).toContain('"log" or "result"');
    expect(malformedFrom(() => toAccessLogPage({ records_total: 3 })).kind).toBe('malformed_response');
    expect(malformedFrom(() => toAccessLogPage('x')).kind).toBe('malformed_response');
  });
});
