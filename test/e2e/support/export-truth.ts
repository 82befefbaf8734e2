/**
 * What the exports must say, computed from the simulator's truth (never from the app's code): the
 * period's rows, Σ change per chain and per currency, opening and closing balances per chain.
 */
import Decimal from 'decimal.js';
import type { DeribitSim, TruthTransaction } from '../../sim/deribit/index';

export const D = Decimal.clone({ precision: 100 });
export type Dec = InstanceType<typeof D>;

export interface ChainTruth {
  readonly userId: number;
  readonly currency: string;
  readonly inPeriod: readonly TruthTransaction[];
  readonly opening: Dec;
  readonly closing: Dec;
  readonly sumOfChanges: Dec;
}

export function periodTruth(sim: DeribitSim, currencies: readonly string[], fromMs: number, toMs: number): ChainTruth[] {
  const chains: ChainTruth[] = [];
  for (const user of [...sim.users].sort((a, b) => a.userId - b.userId)) {
    for (const currency of [...currencies].sort()) {
      const rows = [...sim.truthTransactions(user.userId, currency)].sort((a, b) => a.userSeq - b.userSeq || a.id - b.id);
      const before = rows.filter((r) => r.timestamp < fromMs).at(-1);
      const inPeriod = rows.filter((r) => r.timestamp >= fromMs && r.timestamp < toMs);
      const opening = new D(before?.balance ?? '0');
      chains.push({
        userId: user.userId,
        currency,
        inPeriod,
        opening,
        closing: new D(inPeriod.at(-1)?.balance ?? opening),
        sumOfChanges: inPeriod.reduce((sum, r) => sum.plus(r.change), new D(0)),
      });
    }
  }
  return chains;
}

export function sumByCurrency(chains: readonly ChainTruth[]): Map<string, Dec> {
  const sums = new Map<string, Dec>();
  for (const c of chains) sums.set(c.currency, (sums.get(c.currency) ?? new D(0)).plus(c.sumOfChanges));
  return sums;
}

/** Adds signed amounts per currency; empty cells are nothing. */
export class CurrencySums {
  readonly sums = new Map<string, Dec>();
  add(currency: string | undefined, amount: string | undefined, sign: 1 | -1): void {
    if (amount === undefined || amount === '' || currency === undefined) return;
    this.sums.set(currency, (this.sums.get(currency) ?? new D(0)).plus(new D(amount).times(sign)));
  }
}
