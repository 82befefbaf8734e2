/**
 * Deterministic order of findings: chain key, then the row (time, id), then kind. The order depends
 * only on finding content, so a full and an incremental run list identical findings identically.
 */
import { chainKeyOf, type Finding, type FindingKind } from './types';

const KIND_RANK: Readonly<Record<FindingKind, number>> = {
  'history-incomplete': 0,
  'balance-break': 1,
  'sequence-gap': 2,
  'sequence-duplicate': 3,
  'transfer-unmatched': 4,
  'wallet-mismatch': 5,
  'unknown-type': 6,
  'tie-out-difference': 7,
};

export function compareFindings(a: Finding, b: Finding): number {
  const ka = chainKeyOf(a.chain);
  const kb = chainKeyOf(b.chain);
  if (ka !== kb) return ka < kb ? -1 : 1;
  const ta = a.timestamp ?? -Infinity;
  const tb = b.timestamp ?? -Infinity;
  if (ta !== tb) return ta - tb;
  const ia = a.rowId ?? -Infinity;
  const ib = b.rowId ?? -Infinity;
  if (ia !== ib) return ia - ib;
  const r = KIND_RANK[a.kind] - KIND_RANK[b.kind];
  if (r !== 0) return r;
  return a.message < b.message ? -1 : a.message > b.message ? 1 : 0;
}

export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(compareFindings);
}
