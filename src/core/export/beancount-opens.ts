/**
 * Which accounts a Beancount file opens, on which date, and which year boundaries it asserts, so
 * that one ledger can span many years.
 *
 * Beancount refuses a second `open` of an account and a `pad` that finds nothing to fill ("Unused Pad
 * entry"; Beancount Language Syntax, sections Open, Pad and Includes), so two yearly files that each
 * stand alone can never be combined: the second one must not open what the first opened nor post the
 * opening balance again. The design:
 *
 * - Every account is opened on a date that does not depend on the exported period: the calendar day
 *   (in the period's zone) of the chain's first cached row (ChainStatus.firstTimestamp, the whole
 *   history's first row); the fixed counter-accounts on the earliest such day of all chains, and
 *   `Assets:Deribit:Transfers:<CUR>` on the earliest day of the chains in that currency.
 * - A chain whose first row falls inside the period starts in this file: it is opened here, in every
 *   layout, and its opening balance (zero, or the balance before the first cached row when history is
 *   incomplete) is posted on that first day. A chain whose first row is after the period is left out.
 * - A chain with rows before the period is "carried": the layout decides.
 *   `standalone` (the default): the file checks on its own, so it opens carried accounts (on their
 *   first-row day) and posts their opening balance the day before the period's first day.
 *   `continuation`: for a ledger that already holds the previous period's file (concatenated, or via
 *   `include`): no `open` and no opening transaction for carried chains, only the balance assertion on
 *   the period's first day, which is the same figure the previous file asserts as its closing
 *   balance, so a missing or different previous period is reported by bean-check instead of being
 *   silently absorbed.
 *   A standalone file of the first period the user keeps, followed by continuation files of the
 *   periods after it, opens every account exactly once and counts every balance once.
 * - Whatever the layout, a period longer than a year (e.g. the whole history) asserts every chain's
 *   balance at each 1 January inside it, besides its first and last day. Beancount checks a balance
 *   assertion at the START of its date (https://beancount.github.io/docs/beancount_language_syntax.html
 *   #balance-assertions), so the assertion dated YYYY-01-01 is the closing balance of the year before.
 */
import { chainKeyOf, type ChainId } from '../recon/types';
import { commodityName } from './beancount-accounts';
import { addDays, type ZonedDates } from './export-dates';
import type { ExportContext } from './export-types';

export type BeancountLayout = 'standalone' | 'continuation';

export interface BeancountOptions {
  /** See this file's header; default 'standalone'. */
  readonly layout?: BeancountLayout;
}

export interface ChainPlan {
  /** 'carried': the chain has rows before the period; 'starts': its first row is inside the period. */
  readonly start: 'carried' | 'starts';
  /** The `open` date: the day of the chain's first row (the day before the period when that is unknown). */
  readonly openDate: string;
  /** Whether this file writes the chain's `open` directive (and its opening transaction). */
  readonly opensHere: boolean;
}

/** The opens of one file: per chain, per Transfers commodity, and for the fixed accounts. */
export class BeancountOpenPlan {
  readonly layout: BeancountLayout;
  /** First and last calendar day of the period, and the day before it. */
  readonly first: string;
  readonly last: string;
  readonly dayBefore: string;
  private readonly plans = new Map<string, ChainPlan>();
  private readonly boundaries: readonly string[];

  constructor(ctx: ExportContext, dates: ZonedDates, days: { first: string; last: string }, options: BeancountOptions = {}) {
    this.layout = options.layout ?? 'standalone';
    this.first = days.first;
    this.last = days.last;
    this.dayBefore = addDays(days.first, -1);
    const firstRows = new Map<string, number>();
    for (const status of ctx.chains) {
      if (status.firstTimestamp === null) continue;
      const key = chainKeyOf(status.chain);
      const known = firstRows.get(key);
      if (known === undefined || status.firstTimestamp < known) firstRows.set(key, status.firstTimestamp);
    }
    for (const s of ctx.summaries) {
      const key = chainKeyOf(s.chain);
      const firstRow = firstRows.get(key);
      let start: ChainPlan['start'];
      let openDate: string;
      if (firstRow === undefined) {
        // Not dated by the reconciliation (e.g. still downloading): treat it as carried from before the period.
        start = 'carried';
        openDate = this.dayBefore;
      } else if (firstRow >= ctx.period.toMs) {
        continue;
      } else {
        openDate = dates.dateOf(firstRow);
        start = firstRow < ctx.period.fromMs || s.openingBasis === 'previous-row' ? 'carried' : 'starts';
        if (start === 'carried' && openDate > this.dayBefore) openDate = this.dayBefore;
      }
      this.plans.set(key, { start, openDate, opensHere: start === 'starts' || this.layout === 'standalone' });
    }
    this.boundaries = yearStartsWithin(days.first, days.last);
  }

  /** No chain of the context is in this file. */
  isEmpty(): boolean {
    return this.plans.size === 0;
  }

  /** The chain's plan; undefined when the chain is not in this file (no summary, or first row after the period). */
  chain(chain: ChainId): ChainPlan | undefined {
    return this.plans.get(chainKeyOf(chain));
  }

  /** Open date of the fixed accounts, or null when this file does not open them (or has no chain). */
  fixedOpenDate(): string | null {
    return this.sharedOpenDate([...this.plans.values()]);
  }

  /** Open date of `Assets:Deribit:Transfers:<commodity>`, or null when this file does not open it. */
  transfersOpenDate(commodity: string, chains: readonly ChainId[]): string | null {
    return this.sharedOpenDate(chains.filter((c) => commodityName(c.currency) === commodity).map((c) => this.chain(c)).filter((p) => p !== undefined));
  }

  /** 1 January of every year strictly after the period's first day up to its last day. */
  yearBoundaries(): readonly string[] {
    return this.boundaries;
  }

  /**
   * An account shared by several chains opens with the earliest of them; only a file that opens that
   * earliest chain writes the open (in continuation, the chain must start in the period).
   */
  private sharedOpenDate(plans: readonly ChainPlan[]): string | null {
    let earliest: ChainPlan | null = null;
    for (const p of plans) if (earliest === null || p.openDate < earliest.openDate) earliest = p;
    if (earliest === null) return null;
    return plans.some((p) => p.opensHere && p.openDate === earliest.openDate) ? earliest.openDate : null;
  }
}

function yearStartsWithin(first: string, last: string): string[] {
  const out: string[] = [];
  for (let year = Number(first.slice(0, 4)) + 1; year <= Number(last.slice(0, 4)); year++) out.push(`${String(year).padStart(4, '0')}-01-01`);
  return out;
}
