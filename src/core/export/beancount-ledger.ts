/**
 * Beancount ledger: one transaction per row (asset ↔ counter-account by kind, fee to Expenses), an
 * opening transaction per chain from Equity:Opening-Balances, and balance assertions at the period's
 * boundaries and at each 1 January inside it. A Beancount assertion checks the balance at the START of
 * its date, and dates are calendar days in the period's zone, so: opening postings are dated the day
 * before the first day, the opening assertion on the first day, the closing assertion on the day after
 * the last day. Which accounts a file opens, and when, so that yearly files combine into one ledger
 * (the standalone and continuation layouts): see beancount-opens.ts.
 * A balance-chain break becomes a visible adjusting transaction against Equity:Deribit:Unreconciled,
 * so the file still checks and every break stays listed (also in the reconciliation comments).
 */
import { chainKeyOf, type ChainId, type PeriodSummary, type ReconciliationSection } from '../recon/types';
import {
  BeancountAccounts,
  commodityName,
  counterAccountOf,
  FEES,
  FIXED_ACCOUNTS,
  OPENING_BALANCES,
  transfersAccount,
  UNRECONCILED,
} from './beancount-accounts';
import { BeancountOpenPlan, type BeancountOptions, type ChainPlan } from './beancount-opens';
import {
  addAmounts,
  formatAmount,
  negateAmount,
  negatedWire,
  parseAmount,
  parseOptionalAmount,
  signOf,
  wireOrPlain,
  type ExactAmount,
} from './exact-amount';
import { addDays, isoUtc, periodDays, ZonedDates } from './export-dates';
import type { ExportContext, ExportRow } from './export-types';
import { formatReconciliationSection } from './reconciliation-text';
import { TEXT_MIME, type RowFormat } from './row-encoder';
import { compareSummaries } from './summary-csv';
import { describeRow } from './row-wording';
import { usdNotes, UsdCounter } from './usd-columns';
import { plainDecimal } from '../fiat/usd-valuer';

interface ChainState {
  readonly chain: ChainId;
  readonly asset: string;
  readonly commodity: string;
  /** The account's open date: year boundaries on or before it are not asserted. */
  readonly openDate: string;
  /** Exact balance after the last row seen (starts at the opening). */
  running: ExactAmount;
  /** Index of the next year boundary to assert. */
  nextBoundary: number;
  /** From the period summary (the ledger's figure); null for a chain without one. */
  readonly closing: string | null;
}

/** Narration text: one line, no quote or backslash (Beancount string escapes vary by version). */
function bcString(text: string): string {
  return `"${text.replace(/[\r\n]+/g, ' ').replaceAll('\\', '/').replaceAll('"', "'")}"`;
}

export function beancountFormat(ctx: ExportContext, options: BeancountOptions = {}): RowFormat {
  const dates = new ZonedDates(ctx.period.timeZone);
  const plan = new BeancountOpenPlan(ctx, dates, periodDays(ctx.period, dates), options);
  const { first, last, dayBefore } = plan;
  const closeDate = addDays(last, 1);
  const boundaries = plan.yearBoundaries();
  const accounts = new BeancountAccounts(ctx);
  const chains = new Map<string, ChainState>();
  /** Commodities whose Transfers account is accounted for (opened here or by an earlier period's file). */
  const transferCommodities = new Set<string>();
  /** Whether the fixed accounts are accounted for; a file with no planned chain opens them with its first row. */
  let fixedOpen = !plan.isEmpty();
  let adjustments = 0;
  const usd = new UsdCounter(ctx.usd?.valuer ?? null);
  /** `${date} ${commodity}` → the USD price of that day (the day's reference price, else the first row's own): `price` directives. */
  const prices = new Map<string, string>();
  const usdMeta = (row: ExportRow, date: string, commodity: string): string => {
    const v = usd.value(row);
    if (v === null) return '';
    if (!v.priced) return `  usd-value-missing: ${bcString(v.reason)}\n`;
    const key = `${date} ${commodity}`;
    if (!prices.has(key)) prices.set(key, ctx.usd?.valuer.dailyPrice(row.currency, row.timestamp)?.price ?? v.price.price);
    return `  usd-value: "${v.usd}"\n  usd-price: "${v.price.price}"\n  usd-price-source: ${bcString(v.price.label)}\n`;
  };

  const openingTransaction = (date: string, asset: string, commodity: string, opening: string, value: ExactAmount, why: string): string =>
    `${date} * ${bcString(`Opening balance ${ctx.period.label}: ${why}`)}\n` +
    `  ${asset}  ${wireOrPlain(opening, value)} ${commodity}\n` +
    `  ${OPENING_BALANCES}  ${negatedWire(opening, value)} ${commodity}\n`;

  const addState = (chain: ChainId, asset: string, openDate: string, running: ExactAmount, closing: string | null): ChainState => {
    let nextBoundary = 0;
    while (nextBoundary < boundaries.length && (boundaries[nextBoundary] as string) <= openDate) nextBoundary++;
    const state = { chain, asset, commodity: commodityName(chain.currency), openDate, running, nextBoundary, closing };
    chains.set(chainKeyOf(chain), state);
    return state;
  };

  /** Opening transaction and opening assertion of a chain the period summaries list (its open is written apart). */
  const planChain = (s: PeriodSummary, chainPlan: ChainPlan, asset: string): string => {
    const { chain } = s;
    const commodity = commodityName(chain.currency);
    const opening = parseAmount(s.opening);
    addState(chain, asset, chainPlan.openDate, opening, s.closing);
    if (chainPlan.start === 'starts') {
      // History starts in this period: the balance before its first cached row (zero when complete).
      if (signOf(opening) === 0) return '';
      return `${openingTransaction(chainPlan.openDate, asset, commodity, s.opening, opening, `${s.openingBasis} (balance before the first cached row)`)}\n`;
    }
    let text = '';
    if (chainPlan.opensHere && signOf(opening) !== 0) {
      text += openingTransaction(dayBefore, asset, commodity, s.opening, opening, `${s.openingBasis} (period summary)`);
    }
    return `${text}${first} balance ${asset}  ${wireOrPlain(s.opening, opening)} ${commodity}\n\n`;
  };

  const layoutNote =
    plan.layout === 'continuation'
      ? `; Layout: continuation. Add it to a ledger that holds the previous period's file (after it, or with include):\n` +
        `; it opens only the accounts whose history starts in this period and posts no opening balance for the others;\n` +
        `; their balance on ${first} is asserted, the figure the previous period's file asserts as its closing balance.\n`
      : `; Layout: standalone (checks on its own). To extend it with later periods, export those as continuations.\n`;
  let header =
    `; Deribit Reconciler: Beancount ledger of the cached Deribit transaction log\n` +
    `; Period ${ctx.period.label}: ${isoUtc(ctx.period.fromMs)} to ${isoUtc(ctx.period.toMs)} (exclusive); ` +
    `dates are calendar days in ${ctx.period.timeZone}\n` +
    layoutNote +
    `; Accounts open on the day of their first cached row; balances are asserted at the start of each 1 January.\n` +
    `option "title" ${bcString(`Deribit ${ctx.period.label}`)}\n\n`;
  let opens = '';
  const fixedDate = plan.fixedOpenDate();
  if (fixedDate !== null) for (const account of FIXED_ACCOUNTS) opens += `${fixedDate} open ${account}\n`;
  const planned = [...ctx.summaries].sort(compareSummaries).filter((s) => plan.chain(s.chain) !== undefined);
  for (const commodity of [...new Set(planned.map((s) => commodityName(s.chain.currency)))].sort()) {
    transferCommodities.add(commodity);
    const date = plan.transfersOpenDate(commodity, planned.map((s) => s.chain));
    if (date !== null) opens += `${date} open ${transfersAccount(commodity)}\n`;
  }
  let openings = '';
  for (const s of planned) {
    if (chains.has(chainKeyOf(s.chain))) continue;
    const chainPlan = plan.chain(s.chain) as ChainPlan;
    const asset = accounts.asset(s.chain.accountKey, s.chain.userId, s.chain.currency, s.username);
    if (chainPlan.opensHere) opens += `${chainPlan.openDate} open ${asset} ${commodityName(s.chain.currency)}\n`;
    openings += planChain(s, chainPlan, asset);
  }
  if (opens !== '') header += `${opens}\n`;
  header += openings;

  /** A chain no summary lists: opened with its first row in this file, from the balance before that row. */
  const openUnplannedChain = (row: ExportRow, date: string): { text: string; state: ChainState } => {
    const chain = { accountKey: row.accountKey, userId: row.userId, currency: row.currency };
    const commodity = commodityName(row.currency);
    const asset = accounts.asset(row.accountKey, row.userId, row.currency, row.username);
    const openingValue = addAmounts(parseAmount(row.balance), negateAmount(parseAmount(row.change)));
    let text = '';
    if (!fixedOpen) {
      fixedOpen = true;
      for (const account of FIXED_ACCOUNTS) text += `${date} open ${account}\n`;
    }
    if (!transferCommodities.has(commodity)) {
      transferCommodities.add(commodity);
      text += `${date} open ${transfersAccount(commodity)}\n`;
    }
    text += `${date} open ${asset} ${commodity}\n`;
    if (signOf(openingValue) !== 0) {
      const opening = formatAmount(openingValue);
      text += openingTransaction(date, asset, commodity, opening, openingValue, `balance before the first exported row (id ${row.id})`);
    }
    return { text: `${text}\n`, state: addState(chain, asset, date, openingValue, null) };
  };

  const boundaryAssertions = (state: ChainState, upTo: string): string => {
    let text = '';
    while (state.nextBoundary < boundaries.length && (boundaries[state.nextBoundary] as string) <= upTo) {
      const boundary = boundaries[state.nextBoundary++] as string;
      text += `${boundary} balance ${state.asset}  ${formatAmount(state.running)} ${state.commodity}\n`;
    }
    return text;
  };

  return {
    format: 'beancount',
    mimeType: TEXT_MIME,
    fileStem: plan.layout === 'continuation' ? 'ledger-continued' : 'ledger',
    extension: 'beancount',
    carriesSection: true,
    header: () => header,
    row(row: ExportRow) {
      const change = parseAmount(row.change);
      const balance = parseAmount(row.balance);
      const date = dates.dateOf(row.timestamp);
      let text = '';
      let state = chains.get(`${row.accountKey}|${row.userId}|${row.currency}`);
      if (state === undefined) ({ text, state } = openUnplannedChain(row, date));
      const boundaryText = boundaryAssertions(state, date);
      if (boundaryText !== '') text += `${boundaryText}\n`;
      const { asset, commodity } = state;
      const difference = addAmounts(balance, negateAmount(addAmounts(state.running, change)));
      if (signOf(difference) !== 0) {
        adjustments++;
        const d = formatAmount(difference);
        text +=
          `${date} * ${bcString(`Balance-chain break at Deribit id ${row.id}: balance ${row.balance} does not follow from the previous balance + change (off by ${d}); see the reconciliation section`)}\n` +
          `  deribit-id: "${row.id}"\n` +
          `  ${asset}  ${d} ${commodity}\n` +
          `  ${UNRECONCILED}  ${formatAmount(negateAmount(difference))} ${commodity}\n\n`;
      }
      state.running = balance;
      const commission = parseOptionalAmount(row.commission);
      const hasFee = signOf(commission) !== 0;
      // change = cash − commission, so the counter-account takes −cash = −(change + commission).
      const counter = hasFee ? formatAmount(negateAmount(addAmounts(change, commission))) : negatedWire(row.change, change);
      text +=
        `${date} * ${bcString(describeRow(row, ctx))}\n` +
        `  deribit-id: "${row.id}"\n` +
        `  deribit-type: ${bcString(row.type)}\n` +
        `  deribit-user-seq: "${row.userSeq}"\n` +
        `  deribit-time: "${isoUtc(row.timestamp)}"\n` +
        usdMeta(row, date, commodity) +
        `  ${asset}  ${wireOrPlain(row.change, change)} ${commodity}\n`;
      if (hasFee) text += `  ${FEES}  ${wireOrPlain(row.commission ?? '0', commission)} ${commodity}\n`;
      if (counter !== '0') text += `  ${counterAccountOf(row, ctx, commodity)}  ${counter} ${commodity}\n`;
      return text + '\n';
    },
    footer(section: ReconciliationSection) {
      const states = [...chains.values()].sort((a, b) => compareChains(a.chain, b.chain));
      let text = '';
      if (boundaries.length > 0) {
        let years = '';
        for (const s of states) years += boundaryAssertions(s, last);
        if (years !== '') text += `; Year boundaries after each chain's last row\n${years}\n`;
      }
      text += `; Closing balances: asserted at the start of ${closeDate} (the day after the period's last day)\n`;
      for (const s of states) {
        text += `${closeDate} balance ${s.asset}  ${s.closing === null ? formatAmount(s.running) : wireOrPlain(s.closing, parseAmount(s.closing))} ${s.commodity}\n`;
      }
      if (prices.size > 0) {
        text += `\n; USD prices of the days with rows (the day's Deribit delivery price, else the first row's own price)\n`;
        for (const key of [...prices.keys()].sort()) {
          const [date, commodity] = key.split(' ') as [string, string];
          text += `${date} price ${commodity}  ${plainDecimal(prices.get(key) as string)} USD\n`;
        }
      }
      for (const note of ctx.usd === undefined ? [] : usdNotes(ctx, usd, 'usd-value is the posting\'s change × usd-price')) text += `; ${note}\n`;
      text += `\n; Balance-chain breaks adjusted against ${UNRECONCILED}: ${adjustments}\n;\n`;
      return text + formatReconciliationSection(section, '; ');
    },
    sidecarNotes: () => [],
  };
}

function compareChains(a: ChainId, b: ChainId): number {
  if (a.accountKey !== b.accountKey) return a.accountKey < b.accountKey ? -1 : 1;
  if (a.userId !== b.userId) return a.userId - b.userId;
  return a.currency < b.currency ? -1 : a.currency > b.currency ? 1 : 0;
}
