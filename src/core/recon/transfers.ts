/**
 * Subaccount transfers appear in both users' logs with opposite signs. Each leg is matched one-to-one
 * with a counterpart in the other user's log (same account and currency, equal and opposite amount,
 * within a time tolerance), closest in time first. Legs towards users outside the configured account
 * cannot be checked (their log is not visible): they are only counted.
 */
import { decimalScale, formatFixed, normalizeDecimal, toFixed } from './fixed-point';
import type { Finding, TransferLeg } from './types';

export const DEFAULT_TRANSFER_TOLERANCE_MS = 60_000;

export interface TransferMatchResult {
  readonly findings: Finding[];
  /** In-account legs still without counterpart (carried to the next incremental run). */
  readonly unmatched: TransferLeg[];
  /** Legs whose counterparty is not a user of the account (or unknown). */
  readonly outside: number;
  readonly matchedPairs: number;
}

function negate(text: string): string {
  const scale = decimalScale(text);
  return formatFixed(-toFixed(text, scale), scale);
}

const legKey = (accountKey: string, userId: number, currency: string, other: number, amount: string): string =>
  `${accountKey}|${userId}|${currency}|${other}|${amount}`;

/** Users of each account, from the legs' own chains when the caller does not say. */
function usersFromLegs(legs: readonly TransferLeg[]): Map<string, Set<number>> {
  const users = new Map<string, Set<number>>();
  for (const leg of legs) {
    let set = users.get(leg.chain.accountKey);
    if (!set) users.set(leg.chain.accountKey, (set = new Set()));
    set.add(leg.chain.userId);
  }
  return users;
}

export function matchTransferLegs(
  legs: readonly TransferLeg[],
  toleranceMs: number = DEFAULT_TRANSFER_TOLERANCE_MS,
  accountUsers?: ReadonlyMap<string, ReadonlySet<number>>,
): TransferMatchResult {
  const users = accountUsers ?? usersFromLegs(legs);
  const groups = new Map<string, TransferLeg[]>();
  const canonical = new Map<TransferLeg, string>();
  let outside = 0;
  for (const leg of legs) {
    const other = leg.otherUserId;
    if (other === null || !(users.get(leg.chain.accountKey)?.has(other) ?? false)) {
      outside++;
      continue;
    }
    const amount = normalizeDecimal(leg.amount);
    canonical.set(leg, amount);
    const key = legKey(leg.chain.accountKey, leg.chain.userId, leg.chain.currency, other, amount);
    const group = groups.get(key);
    if (group) group.push(leg);
    else groups.set(key, [leg]);
  }
  const matched = new Set<TransferLeg>();
  let matchedPairs = 0;
  for (const [key, group] of groups) {
    const first = group[0] as TransferLeg;
    const amount = canonical.get(first) as string;
    const counterKey = legKey(first.chain.accountKey, first.otherUserId as number, first.chain.currency, first.chain.userId, negate(amount));
    // Each pair of groups once: from the negative (sending) side, or the smaller key for zero amounts.
    const sending = amount.startsWith('-') || (amount === '0' && key <= counterKey);
    if (!sending) continue;
    const counter = groups.get(counterKey);
    if (!counter) continue;
    const pairs: [TransferLeg, TransferLeg, number][] = [];
    for (const a of group) {
      for (const b of counter) {
        if (a === b) continue;
        const dt = Math.abs(a.timestamp - b.timestamp);
        if (dt <= toleranceMs) pairs.push([a, b, dt]);
      }
    }
    pairs.sort((x, y) => x[2] - y[2] || x[0].timestamp - y[0].timestamp || x[0].rowId - y[0].rowId || x[1].rowId - y[1].rowId);
    for (const [a, b] of pairs) {
      if (matched.has(a) || matched.has(b)) continue;
      matched.add(a);
      matched.add(b);
      matchedPairs++;
    }
  }
  const findings: Finding[] = [];
  const unmatched: TransferLeg[] = [];
  for (const leg of legs) {
    if (matched.has(leg) || !canonical.has(leg)) continue;
    unmatched.push(leg);
    const amount = canonical.get(leg) as string;
    const other = leg.otherUserId as number;
    const direction = amount.startsWith('-') ? `to user ${other}` : `from user ${other}`;
    findings.push({
      kind: 'transfer-unmatched',
      severity: 'error',
      chain: leg.chain,
      rowId: leg.rowId,
      timestamp: leg.timestamp,
      message: `Transfer of ${amount} ${leg.chain.currency} ${direction} has no counterpart of ${negate(amount)} in user ${other}'s log within ${Math.round(toleranceMs / 1000)} s`,
      expected: negate(amount),
      actual: null,
      difference: null,
      relatedRowIds: [],
    });
  }
  return { findings, unmatched, outside, matchedPairs };
}

/** Findings for in-account legs without counterpart (see matchTransferLegs for the counts). */
export function matchTransfers(
  legs: readonly TransferLeg[],
  toleranceMs: number = DEFAULT_TRANSFER_TOLERANCE_MS,
  accountUsers?: ReadonlyMap<string, ReadonlySet<number>>,
): Finding[] {
  return matchTransferLegs(legs, toleranceMs, accountUsers).findings;
}

/** "N transfers to accounts outside this key": legs whose counterparty is not among the account's users. */
export function countTransfersOutside(legs: readonly TransferLeg[], accountUsers?: ReadonlyMap<string, ReadonlySet<number>>): number {
  return matchTransferLegs(legs, DEFAULT_TRANSFER_TOLERANCE_MS, accountUsers).outside;
}
