/**
 * Pairs the two legs of a Deribit swap (a currency conversion: one row in the currency given up, one
 * in the currency received) so tax-tool exports can write it as ONE trade. Rows arrive in chain order
 * (account, user, currency, ...), so the legs of one swap come in different chains: the first leg
 * waits here until its partner arrives.
 *
 * What identifies a pair: the same account and user, the same timestamp, different currencies,
 * opposite signs of cash, and the same conversion `info.rate` (both legs of one conversion carry it;
 * a row without one pairs only with a row without one); when both rows carry an order_id or trade_id,
 * those must be equal too. The simulator's swap rows (test/sim/deribit/transaction-row-json.ts) are
 * single legs, each with its own random `info.rate`, so they stay unpaired and are exported as lone legs.
 *
 * A leg is known to have no partner once every swap row of its user in the period has been seen
 * (counted from the period summaries, computed before the rows are streamed); without a count, a leg
 * is released at once.
 */
import type { ExportContext, ExportRow } from './export-types';
import { rowCash, type RowCash } from './row-cash';

export interface SwapLeg {
  readonly row: ExportRow;
  readonly cash: RowCash;
  /** `info.rate` as sent (number text), null when absent. */
  readonly rate: string | null;
}

/** The conversion rate's text from the raw row, by string search (no JSON parse per row). */
export function swapRateOf(raw: string): string | null {
  const m = /"rate"\s*:\s*"?(-?[0-9][0-9.eE+-]*)"?/.exec(raw);
  return m?.[1] ?? null;
}

/** A paired swap: `sent` gave up a currency (cash < 0), `received` got one (cash > 0). */
export interface SwapTrade {
  readonly sent: SwapLeg;
  readonly received: SwapLeg;
}

export type SwapOutput = { readonly pair: SwapTrade } | { readonly lone: SwapLeg };

const userKey = (row: ExportRow): string => `${row.accountKey}|${row.userId}`;

function sameIdentifier(a: string | null, b: string | null): boolean {
  return a === null || b === null || a === '' || b === '' || a === b;
}

function partners(a: SwapLeg, b: SwapLeg): boolean {
  const x = a.row;
  const y = b.row;
  return (
    x.timestamp === y.timestamp &&
    x.currency !== y.currency &&
    a.cash.cashSign !== 0 &&
    a.cash.cashSign === -b.cash.cashSign &&
    a.rate === b.rate &&
    sameIdentifier(x.orderId, y.orderId) &&
    sameIdentifier(x.tradeId, y.tradeId)
  );
}

export class SwapPairs {
  private readonly expected = new Map<string, number>();
  private readonly seen = new Map<string, number>();
  private readonly waiting = new Map<string, SwapLeg[]>();
  paired = 0;
  lone = 0;

  constructor(ctx: ExportContext) {
    for (const s of ctx.summaries) {
      const rows = s.totals.find((t) => t.kind === 'swap')?.rows ?? 0;
      if (rows === 0) continue;
      const key = `${s.chain.accountKey}|${s.chain.userId}`;
      this.expected.set(key, (this.expected.get(key) ?? 0) + rows);
    }
  }

  /** A swap row in chain order; returns what can be written now (a pair, lone legs, or nothing yet). */
  add(row: ExportRow): SwapOutput[] {
    const key = userKey(row);
    const leg: SwapLeg = { row, cash: rowCash(row), rate: swapRateOf(row.raw) };
    const seen = (this.seen.get(key) ?? 0) + 1;
    this.seen.set(key, seen);
    const waiting = this.waiting.get(key) ?? [];
    const out: SwapOutput[] = [];
    const at = leg.cash.cashSign === 0 ? -1 : waiting.findIndex((w) => partners(w, leg));
    if (at >= 0) {
      const [other] = waiting.splice(at, 1) as [SwapLeg];
      this.paired++;
      out.push({ pair: leg.cash.cashSign < 0 ? { sent: leg, received: other } : { sent: other, received: leg } });
    } else {
      waiting.push(leg);
    }
    const expected = this.expected.get(key) ?? 0;
    if (seen >= expected) {
      // Every swap of this user has arrived: whatever still waits has no partner in this export.
      for (const w of waiting) out.push({ lone: w });
      this.lone += waiting.length;
      this.waiting.delete(key);
    } else {
      this.waiting.set(key, waiting);
    }
    return out;
  }
}
