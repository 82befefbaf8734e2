/** Realistic transaction-log rows for storage benchmarks (the simulator's shape, generated without HTTP). */
import type { TransactionLogRow } from '../src/core/providers/deribit/types';

const TYPES = ['trade', 'trade', 'trade', 'settlement', 'deposit', 'transfer', 'delivery', 'withdrawal'];

export function syntheticRow(i: number, userId = 1, currency = 'BTC'): TransactionLogRow {
  const timestamp = 1_600_000_000_000 + i * 60_000;
  const change = `${i % 3 === 0 ? '-' : ''}0.${String(1_000_000 + ((i * 7919) % 1_000_000)).slice(1)}23`;
  const balance = `${1000 + (i % 5000)}.${String(10_000_000 + ((i * 104_729) % 10_000_000)).slice(1)}`;
  const type = TYPES[i % TYPES.length] ?? 'trade';
  const raw = JSON.stringify({ id: 1_000_000 + i, user_seq: i + 1, user_id: userId, currency, type, timestamp, change: Number(change), balance: Number(balance), instrument_name: 'BTC-PERPETUAL', info: 'Source: api' });
  return {
    id: 1_000_000 + i, userId, userSeq: i + 1, timestamp, currency, type, username: 'bench', instrumentName: 'BTC-PERPETUAL',
    side: 'open buy', change, balance, cashflow: change, commission: '0.00001', equity: balance, amount: '10', price: '51807.07',
    position: '1520', tradeId: String(28_000 + i), orderId: String(67_000 + i), ip: '11.222.33.44', infoText: 'Source: api', raw,
  };
}
