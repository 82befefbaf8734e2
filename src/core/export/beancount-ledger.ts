/**
 * Beancount ledger: one transaction per row (asset ↔ counter-account by kind, fee to Expenses), an
 * opening transaction per chain from Equity:Opening-Balances, and balance assertions at both period
 * boundaries. A Beancount assertion checks the balance at the START of its date, and dates are
 * calendar days in the period's zone, so: opening postings are dated the day before the first day,
 * the opening assertion on the first day, the closing assertion on the day after the last day.
 * A balance-chain break becomes a visible adjusting transaction against Equity:Deribit:Unreconciled,
 * so the file still checks and every break stays listed (also in the reconciliation comments).
 */
import { chainKeyOf, type ChainId, type ReconciliationSection } from '../recon/types';
import {
  BeancountAccounts,
  commodityName,
  counterAccount,
  FEES,
  FIXED_ACCOUNTS,
  OPENING_BALANCES,
  transfersAccount,
  UNRECONCILED,
} from './beancount-accounts';
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

interface ChainState {
  readonly chain: ChainId;
  readonly asset: string;
  readonly commodity: string;
  /** Exact balance after the last row seen (starts at the opening). */
  running: ExactAmount;
  /** From the period summary (the ledger's figure); null for a chain without one. */
  readonly closing: string | null;
}

/** Narration text: one line, no quote or backslash (Beancount string escapes vary by version). */
function bcString(text: string): string {
  return `"${text.replace(/[\r\n]+/g, ' ').replaceAll('\\', '/').replaceAll('"', "'")}"`;
}

export function beancountFormat(ctx: ExportContext): RowFormat {
  const dates = new ZonedDates(ctx.period.timeZone);
  const { first, last } = periodDays(ctx.period, dates);
  const openDate = addDays(first, -1);
  const closeDate = addDays(last, 1);
  const accounts = new BeancountAccounts(ctx);
  const chains = new Map<string, ChainState>();
  const openedTransfers = new Set<string>();
  let adjustments = 0;

  /** open directives, the opening transaction and the opening assertion of a chain seen for the first time. */
  const openChain = (chain: ChainId, username: string | null, opening: string, closing: string | null, why: string): string => {
    const commodity = commodityName(chain.currency);
    const asset = accounts.asset(chain.accountKey, chain.userId, chain.currency, username);
    const openingValue = parseAmount(opening);
    chains.set(chainKeyOf(chain), { chain, asset, commodity, running: openingValue, closing });
    let text = `${openDate} open ${asset} ${commodity}\n`;
    if (!openedTransfers.has(commodity)) {
      openedTransfers.add(commodity);
      text += `${openDate} open ${transfersAccount(commodity)}\n`;
    }
    if (signOf(openingValue) !== 0) {
      const amount = wireOrPlain(opening, openingValue);
      text +=
        `${openDate} * ${bcString(`Opening balance ${ctx.period.label}: ${why}`)}\n` +
        `  ${asset}  ${amount} ${commodity}\n` +
        `  ${OPENING_BALANCES}  ${negatedWire(opening, openingValue)} ${commodity}\n`;
    }
    return text + `${first} balance ${asset}  ${wireOrPlain(opening, openingValue)} ${commodity}\n\n`;
  };

  let header =
    `; Deribit Reconciler: Beancount ledger of the cached Deribit transaction log\n` +
    `; Period ${ctx.period.label}: ${isoUtc(ctx.period.fromMs)} to ${isoUtc(ctx.period.toMs)} (exclusive); ` +
    `dates are calendar days in ${ctx.period.timeZone}\n` +
    `option "title" ${bcString(`Deribit ${ctx.period.label}`)}\n\n`;
  for (const account of FIXED_ACCOUNTS) header += `${openDate} open ${account}\n`;
  header += '\n';
  for (const s of [...ctx.summaries].sort(compareSummaries)) {
    if (chains.has(chainKeyOf(s.chain))) continue;
    header += openChain(s.chain, s.username, s.opening, s.closing, `${s.openingBasis} (period summary)`);
  }

  return {
    format: 'beancount',
    mimeType: TEXT_MIME,
    fileStem: 'ledger',
    extension: 'beancount',
    carriesSection: true,
    header: () => header,
    row(row: ExportRow) {
      const key = `${row.accountKey}|${row.userId}|${row.currency}`;
      const change = parseAmount(row.change);
      const balance = parseAmount(row.balance);
      let text = '';
      let state = chains.get(key);
      if (state === undefined) {
        const opening = formatAmount(addAmounts(balance, negateAmount(change)));
        const chain = { accountKey: row.accountKey, userId: row.userId, currency: row.currency };
        text += openChain(chain, row.username, opening, null, `balance before the first exported row (id ${row.id})`);
        state = chains.get(key) as ChainState;
      }
      const date = dates.dateOf(row.timestamp);
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
        `  ${asset}  ${wireOrPlain(row.change, change)} ${commodity}\n`;
      if (hasFee) text += `  ${FEES}  ${wireOrPlain(row.commission ?? '0', commission)} ${commodity}\n`;
      if (counter !== '0') text += `  ${counterAccount(row.kind, commodity)}  ${counter} ${commodity}\n`;
      return text + '\n';
    },
    footer(section: ReconciliationSection) {
      let text = `; Closing balances: asserted at the start of ${closeDate} (the day after the period's last day)\n`;
      const states = [...chains.values()].sort((a, b) => compareChains(a.chain, b.chain));
      for (const s of states) {
        text += `${closeDate} balance ${s.asset}  ${s.closing === null ? formatAmount(s.running) : wireOrPlain(s.closing, parseAmount(s.closing))} ${s.commodity}\n`;
      }
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
