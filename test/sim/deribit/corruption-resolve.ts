/**
 * Turns each Corruption's row reference (clean index, row id, or "the middle eligible row") into a
 * concrete clean row, checking that the row suits the corruption. Errors name the corruption, so a
 * test with a wrong target fails at start-up rather than with a silently clean dataset.
 */
import type { Corruption } from './sim-types';
import { streamKey } from './transaction-generator';
import type { RowKind, StreamRow, TransactionStream } from './transaction-store';

export interface ResolvedCorruption {
  readonly corruption: Corruption;
  readonly stream: TransactionStream;
  readonly index: number;
  readonly row: StreamRow;
  /** orphan-transfer: the counterpart leg that is removed from the other log. */
  readonly counterpart: { readonly stream: TransactionStream; readonly index: number; readonly row: StreamRow } | null;
}

type StreamLookup = (userId: number, currency: string) => TransactionStream | undefined;

export function resolveCorruptions(
  corruptions: readonly Corruption[],
  lookup: StreamLookup,
  mainUserId: number,
): ResolvedCorruption[] {
  const used = new Set<string>();
  return corruptions.map((corruption, position) => {
    const label = `corruption #${position} (${corruption.kind})`;
    const stream = lookup(corruption.userId, corruption.currency);
    if (!stream || stream.length === 0) {
      throw new Error(`${label}: no rows for user ${corruption.userId} in ${corruption.currency}`);
    }
    const unsuitable = unsuitability(corruption, mainUserId, lookup);
    const index = pickIndex(corruption, stream, unsuitable, label);
    const reason = unsuitable(stream, index);
    if (reason !== null) throw new Error(`${label}: row ${stream.idAt(index)} ${reason}`);
    const row = stream.row(index);
    const counterpart = corruption.kind === 'orphan-transfer' ? findCounterpart(stream, row, lookup) : null;
    for (const [s, i] of [[stream, index], ...(counterpart ? [[counterpart.stream, counterpart.index] as const] : [])] as const) {
      const key = `${streamKey(s.userId, s.currency)}#${i}`;
      if (used.has(key)) throw new Error(`${label}: row ${s.idAt(i)} is already the target of another corruption`);
      used.add(key);
    }
    return { corruption, stream, index, row, counterpart };
  });
}

/** Why a row does not suit the corruption; null when it does. */
function unsuitability(
  corruption: Corruption,
  mainUserId: number,
  lookup: StreamLookup,
): (stream: TransactionStream, index: number) => string | null {
  const ofKinds = (stream: TransactionStream, index: number, kinds: readonly RowKind[], what: string): string | null =>
    kinds.includes(stream.kindAt(index)) ? null : `is not ${what}`;
  switch (corruption.kind) {
    case 'wallet-amount':
      return (stream, index) =>
        stream.userId !== mainUserId
          ? "is not the main account's (wallet lists cover the main account only)"
          : ofKinds(stream, index, ['deposit', 'withdrawal'], 'a deposit or withdrawal');
    case 'orphan-transfer':
      return (stream, index) =>
        ofKinds(stream, index, ['transfer'], 'a transfer') ??
        (findCounterpart(stream, stream.row(index), lookup) ? null : 'has no counterpart leg');
    default:
      return () => null;
  }
}

/** Default picks: what each corruption is most telling on, in the middle of the stream. */
const DEFAULT_KINDS: Readonly<Partial<Record<Corruption['kind'], readonly RowKind[]>>> = {
  'duplicate-movement': ['deposit'],
  'drop-row': ['trade-option', 'trade-future', 'settlement', 'delivery', 'swap', 'correction', 'withdrawal', 'deposit'],
  'orphan-transfer': ['transfer'],
  'wallet-amount': ['deposit', 'withdrawal'],
};

function pickIndex(
  corruption: Corruption,
  stream: TransactionStream,
  test: (stream: TransactionStream, index: number) => string | null,
  label: string,
): number {
  if (corruption.rowId !== undefined) {
    const index = stream.countBelow('id', corruption.rowId, false);
    if (index >= stream.length || stream.idAt(index) !== corruption.rowId) {
      throw new Error(`${label}: row ${corruption.rowId} is not in user ${corruption.userId}'s ${corruption.currency} log`);
    }
    if (corruption.index !== undefined && corruption.index !== index) {
      throw new Error(`${label}: rowId ${corruption.rowId} is at index ${index}, not ${corruption.index}`);
    }
    return index;
  }
  if (corruption.index !== undefined) {
    if (!Number.isInteger(corruption.index) || corruption.index < 0 || corruption.index >= stream.length) {
      throw new Error(`${label}: index ${corruption.index} outside 0..${stream.length - 1}`);
    }
    return corruption.index;
  }
  const preferred = DEFAULT_KINDS[corruption.kind];
  const candidates: number[] = [];
  for (let i = 0; i < stream.length; i++) {
    if (preferred && !preferred.includes(stream.kindAt(i))) continue;
    if (corruption.kind === 'drop-row' && stream.row(i).change === 0n) continue;
    if (test(stream, i) === null) candidates.push(i);
  }
  const middle = candidates[Math.floor(candidates.length / 2)];
  if (middle === undefined) throw new Error(`${label}: no suitable row in user ${corruption.userId}'s ${corruption.currency} log`);
  return middle;
}

/** The other leg of a transfer: consecutive id, same timestamp, in the counterparty's log. */
export function findCounterpart(
  stream: TransactionStream,
  row: StreamRow,
  lookup: StreamLookup,
): { stream: TransactionStream; index: number; row: StreamRow } | null {
  const other = lookup(row.otherUserId, stream.currency);
  if (row.kind !== 'transfer' || !other) return null;
  for (const id of [row.id - 1, row.id + 1]) {
    const index = other.countBelow('id', id, false);
    if (index >= other.length || other.idAt(index) !== id) continue;
    const candidate = other.row(index);
    if (candidate.kind === 'transfer' && candidate.timestamp === row.timestamp && candidate.otherUserId === stream.userId) {
      return { stream: other, index, row: candidate };
    }
  }
  return null;
}
