/**
 * Builds LedgerPage records (the compact columns the sync store writes) from simple row specs, so
 * correlation tests and scenarios feed selectMovements exactly what the worker reads from Dexie.
 */
import { formatScaled, parseScaled } from '../../src/core/correlate/scaled-decimal';
import { chainKeyOf, type ChainId, type LedgerPage } from '../../src/core/recon/types';

export interface LedgerRowSpec {
  readonly id: number;
  readonly timestamp: number;
  /** Classify key: withdrawal, transfer, trade-option, settlement, deposit, ... */
  readonly kind: string;
  /** Exact decimal text. */
  readonly change: string;
  readonly ip?: string | null;
  readonly otherUserId?: number;
}

export interface LedgerBuildOptions {
  readonly pageSize?: number;
  readonly scale?: number;
  /** Write the texts fallback (amounts beyond int64) instead of the typed amount columns. */
  readonly asTexts?: boolean;
}

function atScale(text: string, scale: number): bigint {
  const value = parseScaled(text);
  if (value.scale > scale) throw new Error(`${text} has more than ${scale} decimals`);
  return value.int * 10n ** BigInt(scale - value.scale);
}

/** Rows in any order; pages hold them newest first, as received from Deribit. */
export function buildLedgerPages(chain: ChainId, rows: readonly LedgerRowSpec[], options: LedgerBuildOptions = {}): LedgerPage[] {
  const pageSize = options.pageSize ?? 250;
  const scale = options.scale ?? 8;
  const ordered = [...rows].sort((a, b) => a.timestamp - b.timestamp || a.id - b.id);
  const balances: bigint[] = [];
  let balance = 0n;
  for (const row of ordered) balances.push((balance += atScale(row.change, scale)));
  const chainKey = chainKeyOf(chain);
  const pages: LedgerPage[] = [];
  for (let end = ordered.length; end > 0; end -= pageSize) {
    const start = Math.max(0, end - pageSize);
    const slice = ordered.slice(start, end).reverse();
    const sliceBalances = balances.slice(start, end).reverse();
    const kindNames = [...new Set(slice.map((r) => r.kind))];
    const ips: (readonly [number, string])[] = [];
    slice.forEach((row, i) => {
      if (row.ip) ips.push([i, row.ip]);
    });
    const ids = Float64Array.from(slice, (r) => r.id);
    pages.push({
      pageKey: `${chainKey}|${Math.min(...ids)}`,
      chainKey,
      accountKey: chain.accountKey,
      userId: chain.userId,
      currency: chain.currency,
      count: slice.length,
      minId: Math.min(...ids),
      maxId: Math.max(...ids),
      minTimestamp: Math.min(...slice.map((r) => r.timestamp)),
      maxTimestamp: Math.max(...slice.map((r) => r.timestamp)),
      ids,
      userSeqs: Float64Array.from(slice, (_, i) => end - i),
      timestamps: Float64Array.from(slice, (r) => r.timestamp),
      kindCodes: Uint8Array.from(slice, (r) => kindNames.indexOf(r.kind)),
      kindNames,
      scale,
      changes: options.asTexts ? new BigInt64Array(0) : BigInt64Array.from(slice, (r) => atScale(r.change, scale)),
      balances: options.asTexts ? new BigInt64Array(0) : BigInt64Array.from(sliceBalances),
      commissions: options.asTexts ? new BigInt64Array(0) : new BigInt64Array(slice.length),
      otherUserIds: Float64Array.from(slice, (r) => r.otherUserId ?? -1),
      ips,
      texts: options.asTexts
        ? { changes: slice.map((r) => r.change), balances: sliceBalances.map((b) => formatScaled(b, scale)), commissions: slice.map(() => null) }
        : null,
    });
  }
  return pages;
}
