/**
 * Kind of a transaction-log row, as a stable key used by ledger pages, totals and exports. Every type
 * Deribit documents (trade, deposit, withdrawal, settlement, delivery, transfer, swap, correction) and
 * every type seen in practice (position_move, bonus_distribution) has a kind; a truly unknown type is
 * kept under `unknown:<type>`: Deribit adds types without notice and nothing may be dropped.
 */
import type { TransactionLogRow } from '../providers/deribit/types';

export const KNOWN_KINDS = [
  'trade-option',
  'trade-future',
  'trade',
  'settlement',
  'delivery',
  'deposit',
  'withdrawal',
  'transfer',
  'swap',
  'correction',
  'position-move',
  'bonus',
] as const;

const SIMPLE_TYPES: ReadonlySet<string> = new Set(['settlement', 'delivery', 'deposit', 'withdrawal', 'transfer', 'swap', 'correction']);

/** Deribit type names whose kind key differs from the type (kind keys use '-'). */
const RENAMED_TYPES: Readonly<Record<string, string>> = {
  position_move: 'position-move',
  bonus_distribution: 'bonus',
};

/** Kinds whose cash is income (staking/bonus distributions); fee rebates are income too (see the exports). */
export const INCOME_KINDS: ReadonlySet<string> = new Set(['bonus']);

/**
 * The current kind for a kind name stored earlier: ledger pages keep kind NAMES, so caches written
 * before a type got its own kind hold `unknown:position_move` etc. Readers map names through this, so
 * old caches classify like new ones without a rebuild.
 */
export function canonicalKind(name: string): string {
  if (!name.startsWith('unknown:')) return name;
  return RENAMED_TYPES[name.slice('unknown:'.length)] ?? name;
}

/** Options are `UNDERLYING-EXPIRY-STRIKE-C|P` (BTC-19FEB21-49200-C, XRP_USDC-30JUN23-0d625-P). */
export function isOptionInstrument(name: string): boolean {
  const parts = name.split('-');
  const last = parts[parts.length - 1];
  return parts.length === 4 && (last === 'C' || last === 'P');
}

export function classifyRow(row: TransactionLogRow): string {
  const type = row.type;
  if (type === 'trade') {
    if (row.instrumentName === null || row.instrumentName === '') return 'trade';
    return isOptionInstrument(row.instrumentName) ? 'trade-option' : 'trade-future';
  }
  if (SIMPLE_TYPES.has(type)) return type;
  const renamed = RENAMED_TYPES[type];
  if (renamed !== undefined) return renamed;
  // A transfer under another type name is still a transfer when its info says so.
  if (infoOf(row)?.transfer_type !== undefined && otherUserIdOf(row) !== null) return 'transfer';
  return `unknown:${type}`;
}

const LABELS: Readonly<Record<string, string>> = {
  'trade-option': 'Options trading',
  'trade-future': 'Futures and perpetuals trading',
  trade: 'Trades',
  settlement: 'Settlements (session PnL and funding)',
  delivery: 'Deliveries (expiry PnL)',
  deposit: 'Deposits',
  withdrawal: 'Withdrawals',
  transfer: 'Transfers',
  swap: 'Swaps',
  correction: 'Corrections',
  'position-move': 'Position moves between own users',
  bonus: 'Bonus and staking distributions (income)',
  fee: 'Trading fees',
  'withdrawal-fee': 'Withdrawal fees',
};

/** Plain words for a kind key (also the summary keys fee, withdrawal-fee, transfer-in:<id>, transfer-out:<id>). */
export function kindLabel(kind: string): string {
  const known = LABELS[kind];
  if (known !== undefined) return known;
  if (kind.startsWith('transfer-in:')) return `Transfers in from user ${kind.slice('transfer-in:'.length)}`;
  if (kind.startsWith('transfer-out:')) return `Transfers out to user ${kind.slice('transfer-out:'.length)}`;
  if (kind.startsWith('unknown:')) return `Unrecognised type "${kind.slice('unknown:'.length)}"`;
  return kind;
}

type Info = Readonly<Record<string, unknown>>;

/** The row's `info` object (from infoText, else raw); null when it is a plain string or absent. */
function infoOf(row: TransactionLogRow): Info | null {
  const fromText = parseObject(row.infoText);
  if (fromText !== null) return fromText;
  const raw = parseObject(row.raw);
  const info = raw?.info;
  return typeof info === 'object' && info !== null && !Array.isArray(info) ? (info as Info) : null;
}

function parseObject(text: string | null): Info | null {
  if (text === null || !text.startsWith('{')) return null;
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Info) : null;
  } catch {
    return null;
  }
}

/** Transfers: `info.other_user_id` (safe integer); null otherwise. */
export function otherUserIdOf(row: TransactionLogRow): number | null {
  const value = infoOf(row)?.other_user_id;
  const n = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  return typeof n === 'number' && Number.isSafeInteger(n) ? n : null;
}

/** Deposits/withdrawals: the on-chain hash in `info.transaction`; null when absent. */
export function txHashOf(row: TransactionLogRow): string | null {
  const value = infoOf(row)?.transaction;
  return typeof value === 'string' && value !== '' ? value : null;
}
