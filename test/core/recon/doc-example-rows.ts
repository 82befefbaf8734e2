/** The five example rows of the get_transaction_log docs (user_seq 6005–6009), newest first as sent. */
import type { TransactionLogRow } from '../../../src/core/providers/deribit/types';

const RAW = [
  '{"username":"TestUser","user_seq":6009,"user_id":7,"type":"transfer","trade_id":null,"timestamp":1613659830333,"side":"-","price":null,"position":null,"order_id":null,"interest_pl":null,"instrument_name":null,"info":{"transfer_type":"subaccount","other_user_id":27,"other_user":"Subaccount"},"id":61312,"equity":3000.9275869,"currency":"BTC","commission":0,"change":-2.5,"cashflow":-2.5,"balance":3001.22270418}',
  '{"username":"TestUser","user_seq":6008,"user_id":7,"type":"settlement","trade_id":null,"total_interest_pl":0.00001243,"timestamp":1613659544153,"side":"long","session_upl":0.00220172,"session_rpl":-0.00004467,"price_currency":"USD","price":51807.07,"position":1520,"order_id":null,"interest_pl":0.00000993,"instrument_name":"BTC-PERPETUAL","info":{"settlement_price":51807,"floating_pl":0.00220172},"id":61311,"equity":3003.42821428,"currency":"BTC","commission":null,"change":0.00215706,"cashflow":0.00215706,"balance":3003.72270418,"amount":1520}',
  '{"username":"TestUser","user_seq":6007,"user_id":7,"type":"deposit","trade_id":null,"timestamp":1613657828414,"side":"-","price":null,"position":null,"order_id":null,"interest_pl":null,"instrument_name":null,"info":{"transaction":"de6eba075855f32c9510f338d3ca0900376cedcb9f7b142caccfbdc292d3237e","deposit_type":"wallet","addr":"2N8prMvpZHr8aYqodX3S4yhz5wMxjY8La3p"},"id":61291,"equity":3003.4876111,"currency":"BTC","commission":0,"change":0.65,"cashflow":0.65,"balance":3003.72054712}',
  '{"username":"TestUser","user_seq":6006,"user_role":"maker","user_id":7,"type":"trade","ip":"11.222.33.44","trade_id":"28349","timestamp":1613657734620,"side":"open buy","profit_as_cashflow":false,"price_currency":"BTC","price":0.1537,"position":0.7,"order_id":"67546","mark_price":0.04884653215049635,"interest_pl":0,"instrument_name":"BTC-19FEB21-49200-C","info":"Source: api","id":61289,"equity":3002.83270455,"currency":"BTC","commission":0,"change":-0.10759,"cashflow":-0.10759,"balance":3003.07054712,"amount":0.7}',
  '{"username":"TestUser","user_seq":6005,"user_role":"maker","user_id":7,"type":"trade","trade_id":"28349","timestamp":1613657734620,"side":"close buy","profit_as_cashflow":false,"price_currency":"BTC","price":0.1537,"position":0,"order_id":"67546","mark_price":0.04884653215049635,"interest_pl":0,"instrument_name":"BTC-19FEB21-49200-C","info":"Source: api","id":61288,"equity":3002.83270455,"currency":"BTC","commission":0,"change":-0.04611,"cashflow":-0.04611,"balance":3003.17813712,"amount":0.3}',
];

/** Field extraction from the raw text keeps every amount's exact digits (as the lossless client does). */
function field(raw: string, name: string): string | null {
  const m = new RegExp(`"${name}":("(?:[^"\\\\]|\\\\.)*"|-?[0-9.eE+-]+|null|true|false)`).exec(raw);
  if (!m || m[1] === undefined || m[1] === 'null') return null;
  return m[1].startsWith('"') ? (JSON.parse(m[1]) as string) : m[1];
}

export const DOC_EXAMPLE_ROWS: readonly TransactionLogRow[] = RAW.map((raw) => {
  const info = /"info":(\{[^}]*\}|"[^"]*")/.exec(raw)?.[1] ?? null;
  return {
    id: Number(field(raw, 'id')),
    userId: Number(field(raw, 'user_id')),
    userSeq: Number(field(raw, 'user_seq')),
    timestamp: Number(field(raw, 'timestamp')),
    currency: field(raw, 'currency') ?? '',
    type: field(raw, 'type') ?? '',
    username: field(raw, 'username'),
    instrumentName: field(raw, 'instrument_name'),
    side: field(raw, 'side'),
    change: field(raw, 'change') ?? '',
    balance: field(raw, 'balance') ?? '',
    cashflow: field(raw, 'cashflow'),
    commission: field(raw, 'commission'),
    equity: field(raw, 'equity'),
    amount: field(raw, 'amount'),
    price: field(raw, 'price'),
    position: field(raw, 'position'),
    tradeId: field(raw, 'trade_id'),
    orderId: field(raw, 'order_id'),
    ip: field(raw, 'ip'),
    infoText: info === null ? null : info.startsWith('"') ? (JSON.parse(info) as string) : info,
    raw,
  };
});
