/**
 * Opening, closing and totals by kind of one chain over a period. Totals partition Σ change exactly:
 * a row's fee part is −commission (`fee`, or `withdrawal-fee` for withdrawals) and the rest goes to the
 * row's kind; transfers are split per counterparty and direction. Sums are BigInt at the chain's scale.
 */
import type { ChainColumns } from './chain-columns';
import { kindLabel } from './classify';
import { formatFixed } from './fixed-point';
import type { KindTotal, Period, PeriodSummary } from './types';

export interface PeriodSummaryOptions {
  /** History reaches account creation (chain status `complete`): no earlier row means opening 0. */
  readonly complete: boolean;
  readonly usernames?: ReadonlyMap<number, string>;
}

/** Fixed order of totals; within a group keys sort by counterparty id or type name. */
const ORDER = ['trade-option', 'trade-future', 'trade', 'fee', 'settlement', 'delivery', 'deposit', 'withdrawal',
  'withdrawal-fee', 'transfer-in', 'transfer-out', 'transfer', 'position-move', 'swap', 'bonus', 'correction', 'unknown'];

function rankOf(kind: string): [number, string] {
  const colon = kind.indexOf(':');
  const group = colon < 0 ? kind : kind.slice(0, colon);
  const rank = ORDER.indexOf(group);
  return [rank < 0 ? ORDER.length : rank, colon < 0 ? '' : kind.slice(colon + 1)];
}

export function compareKinds(a: string, b: string): number {
  const [ra, sa] = rankOf(a);
  const [rb, sb] = rankOf(b);
  if (ra !== rb) return ra - rb;
  const na = Number(sa);
  const nb = Number(sb);
  if (sa !== '' && sb !== '' && Number.isFinite(na) && Number.isFinite(nb) && na !== nb) return na - nb;
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

const FEE_AS_WITHDRAWAL = 'withdrawal';

interface Acc {
  sum: bigint;
  rows: number;
}

export function summarizePeriod(chain: ChainColumns, period: Period, opts: PeriodSummaryOptions): PeriodSummary {
  const { count: n, timestamps, balances, changes, commissions, kindCodes, kindNames, otherUserIds, scale } = chain;
  const { fromMs, toMs } = period;
  const restSums = kindNames.map((): Acc => ({ sum: 0n, rows: 0 }));
  const transferCode = kindNames.indexOf('transfer');
  const withdrawalCode = kindNames.indexOf(FEE_AS_WITHDRAWAL);
  const fee: Acc = { sum: 0n, rows: 0 };
  const withdrawalFee: Acc = { sum: 0n, rows: 0 };
  const transfers = new Map<string, Acc>();
  let lastBefore = -1;
  let firstIn = -1;
  let lastIn = -1;
  let sum = 0n;
  let rows = 0;
  for (let i = 0; i < n; i++) {
    const t = timestamps[i] as number;
    if (t < fromMs) {
      lastBefore = i;
      continue;
    }
    if (t >= toMs) continue;
    if (firstIn < 0) firstIn = i;
    lastIn = i;
    rows++;
    const change = changes[i] as bigint;
    const commission = commissions[i] as bigint;
    const code = kindCodes[i] as number;
    sum += change;
    if (commission !== 0n) {
      const acc = code === withdrawalCode ? withdrawalFee : fee;
      acc.sum -= commission;
      acc.rows++;
    }
    const rest = change + commission;
    if (code === transferCode) {
      const other = otherUserIds[i] as number;
      const key = `${change < 0n ? 'transfer-out' : 'transfer-in'}:${other < 0 ? 'unknown' : other}`;
      let acc = transfers.get(key);
      if (!acc) transfers.set(key, (acc = { sum: 0n, rows: 0 }));
      acc.sum += rest;
      acc.rows++;
    } else {
      const acc = restSums[code] as Acc;
      acc.sum += rest;
      acc.rows++;
    }
  }

  let opening: bigint;
  let openingBasis: PeriodSummary['openingBasis'];
  if (lastBefore >= 0) {
    opening = balances[lastBefore] as bigint;
    openingBasis = 'previous-row';
  } else if (opts.complete) {
    opening = 0n;
    openingBasis = 'zero-before-first-row';
  } else {
    const k = firstIn >= 0 ? firstIn : n > 0 ? 0 : -1;
    opening = k >= 0 ? (balances[k] as bigint) - (changes[k] as bigint) : 0n;
    openingBasis = 'unknown-history-incomplete';
  }
  const closing = lastIn >= 0 ? (balances[lastIn] as bigint) : opening;

  const totals: KindTotal[] = [];
  const push = (kind: string, acc: Acc): void => {
    if (acc.rows > 0) totals.push({ kind, label: labelFor(kind, opts.usernames), amount: formatFixed(acc.sum, scale), rows: acc.rows });
  };
  kindNames.forEach((name, code) => {
    if (code !== transferCode) push(name, restSums[code] as Acc);
  });
  push('fee', fee);
  push('withdrawal-fee', withdrawalFee);
  for (const [key, acc] of transfers) push(key, acc);
  totals.sort((a, b) => compareKinds(a.kind, b.kind));

  return {
    chain: chain.chain,
    username: opts.usernames?.get(chain.chain.userId) ?? null,
    period,
    opening: formatFixed(opening, scale),
    openingBasis,
    closing: formatFixed(closing, scale),
    sumOfChanges: formatFixed(sum, scale),
    identityHolds: closing === opening + sum,
    rows,
    totals,
  };
}

function labelFor(kind: string, usernames: ReadonlyMap<number, string> | undefined): string {
  const m = /^transfer-(in|out):(.+)$/.exec(kind);
  if (!m) return kindLabel(kind);
  const id = m[2] as string;
  const name = id === 'unknown' ? undefined : usernames?.get(Number(id));
  const who = id === 'unknown' ? 'an unnamed account' : name !== undefined ? `${name} (${id})` : `user ${id}`;
  return m[1] === 'in' ? `Transfers in from ${who}` : `Transfers out to ${who}`;
}
