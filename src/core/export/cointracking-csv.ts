/**
 * CoinTracking CSV (types: https://cointracking.freshdesk.com/en/support/solutions/articles/29000042783-transaction-types).
 * Derivative PnL as `Derivatives / Futures Profit|Loss`, trading fees in the Fee column (or a
 * `Margin Fee` line when no cash moved).
 *
 * Wallets: CoinTracking pairs a Withdrawal from one exchange/wallet with a Deposit into another of
 * (about) the same amount and time into a transfer
 * (https://cointracking.freshdesk.com/en/support/solutions/articles/29000048812-understanding-and-using-the-missing-transactions-report).
 * So the Exchange column names the Deribit user ("Deribit <username>"): a transfer between the main
 * account and a subaccount, or a position move, is a Withdrawal on one user's exchange and a Deposit on
 * the other's, and CoinTracking recognises the pair. Deposits and withdrawals of the account as a whole
 * have no counterpart there and stay what they are. Swaps are one `Trade` (Buy + Sell); staking/bonus
 * distributions and fee rebates are `Reward / Bonus`. Per currency, Buy − Sell − Fee = Σ change exactly.
 * Tx-ID is the Deribit row id.
 */
import { csvField, csvLine, csvNumber, csvRecord } from './csv-text';
import { spaceSeparatedUtc } from './export-dates';
import type { ExportContext, ExportRow } from './export-types';
import { accountUsers, isOwnAccountMove } from './own-account';
import { txHashOfRaw } from './raw-row-fields';
import { INCOME_KINDS, PNL_KINDS, rowCash } from './row-cash';
import { CSV_MIME, type RowFormat } from './row-encoder';
import { describeRow, describeSwap, ownerName, walletName } from './row-wording';
import { SwapPairs, type SwapTrade } from './swap-pairs';
import { usdNotes, UsdCounter } from './usd-columns';

export const COINTRACKING_COLUMNS = [
  'Type', 'Buy', 'Cur.', 'Sell', 'Cur.', 'Fee', 'Cur.', 'Exchange', 'Trade-Group', 'Comment', 'Date', 'Tx-ID',
  'Buy Value in USD', 'Sell Value in USD',
] as const;

/** CoinTracking's type for rewards and bonuses (the income family shared with Koinly's `reward`). */
export const COINTRACKING_INCOME_TYPE = 'Reward / Bonus';

const MOVEMENT_KINDS: ReadonlySet<string> = new Set(['deposit', 'withdrawal', 'transfer', 'position-move']);

type Amount = readonly [amount: string, currency: string] | null;
interface Line {
  readonly type: string;
  readonly buy: Amount;
  readonly sell: Amount;
  readonly fee: Amount;
  readonly txId: string;
  readonly note: string;
  /** The rows whose price values the Buy and Sell amounts (default: the row written). */
  readonly buyRow?: ExportRow;
  readonly sellRow?: ExportRow;
}

function typeFor(kind: string, sign: 1 | -1, loneSwapLeg: boolean): string {
  if (PNL_KINDS.has(kind)) return sign > 0 ? 'Derivatives / Futures Profit' : 'Derivatives / Futures Loss';
  if (MOVEMENT_KINDS.has(kind)) return sign > 0 ? 'Deposit' : 'Withdrawal';
  if (INCOME_KINDS.has(kind) && sign > 0) return COINTRACKING_INCOME_TYPE;
  // A swap leg whose counterpart is not in the export: recorded, neither income nor a fee.
  if (loneSwapLeg) return sign > 0 ? 'Income (non taxable)' : 'Expense (non taxable)';
  return sign > 0 ? 'Income' : 'Other Fee';
}

export function coinTrackingCsvFormat(ctx: ExportContext): RowFormat {
  const users = accountUsers(ctx);
  const swaps = new SwapPairs(ctx);
  const usd = new UsdCounter(ctx.usd?.valuer ?? null);
  let withoutLine = 0;
  let rebates = 0;
  let ownMoves = 0;

  const valueCell = (row: ExportRow, amount: Amount): string => {
    if (amount === null) return '';
    const v = usd.valueOf(row, amount[0]);
    return v !== null && v.priced ? v.usd : '';
  };

  const write = (lines: readonly Line[], row: ExportRow, date: string, comment: string): string => {
    const exchange = walletName(row);
    const group = ownerName(row);
    let text = '';
    for (const l of lines) {
      text += csvRecord([
        csvField(l.type),
        csvNumber(l.buy?.[0] ?? null), csvField(l.buy?.[1] ?? null),
        csvNumber(l.sell?.[0] ?? null), csvField(l.sell?.[1] ?? null),
        csvNumber(l.fee?.[0] ?? null), csvField(l.fee?.[1] ?? null),
        csvField(exchange),
        csvField(group),
        csvField(comment + l.note),
        csvField(date),
        csvField(l.txId),
        valueCell(l.buyRow ?? row, l.buy),
        valueCell(l.sellRow ?? row, l.sell),
      ]);
    }
    return text;
  };

  const rowText = (row: ExportRow, loneSwapLeg: boolean): string => {
    const c = rowCash(row);
    const id = String(row.id);
    const cur = row.currency;
    const lines: Line[] = [];
    if (c.cashSign !== 0) {
      const type = typeFor(row.kind, c.cashSign, loneSwapLeg);
      const amount: Amount = [c.cashMagnitude, cur];
      const fee: Amount = c.fee === null ? null : [c.fee, cur];
      lines.push(c.cashSign > 0 ? { type, buy: amount, sell: null, fee, txId: id, note: '' } : { type, buy: null, sell: amount, fee, txId: id, note: '' });
    } else if (c.fee !== null) {
      lines.push({ type: PNL_KINDS.has(row.kind) ? 'Margin Fee' : 'Other Fee', buy: null, sell: [c.fee, cur], fee: null, txId: id, note: ' (fee)' });
    }
    if (c.rebate !== null) {
      rebates++;
      lines.push({ type: COINTRACKING_INCOME_TYPE, buy: [c.rebate, cur], sell: null, fee: null, txId: lines.length === 0 ? id : `${id}-rebate`, note: ' (fee rebate)' });
    }
    if (lines.length === 0) {
      withoutLine++;
      return '';
    }
    const own = isOwnAccountMove(row, users);
    if (own) ownMoves++;
    const hash = row.kind === 'deposit' || row.kind === 'withdrawal' ? txHashOfRaw(row.raw) : null;
    let comment = describeRow(row, ctx) + (hash === null ? '' : `, tx ${hash}`);
    if (loneSwapLeg) comment += ', swap leg without its counterpart in this export';
    return write(lines, row, spaceSeparatedUtc(row.timestamp), comment);
  };

  /** A paired swap: one Trade (Buy = received, Sell = given up); a second fee or a rebate gets its own line. */
  const swapText = ({ sent, received }: SwapTrade): string => {
    const s = sent.cash;
    const r = received.cash;
    const id = `${sent.row.id}-swap-${received.row.id}`;
    const fees: Amount[] = [];
    if (s.fee !== null) fees.push([s.fee, sent.row.currency]);
    if (r.fee !== null) fees.push([r.fee, received.row.currency]);
    const lines: Line[] = [{
      type: 'Trade', buy: [r.cashMagnitude, received.row.currency], sell: [s.cashMagnitude, sent.row.currency], fee: fees[0] ?? null, txId: id, note: '',
      buyRow: received.row, sellRow: sent.row,
    }];
    if (fees[1] !== undefined) lines.push({ type: 'Other Fee', buy: null, sell: fees[1], fee: null, txId: `${id}-fee`, note: ' (fee)', sellRow: received.row });
    for (const leg of [sent, received]) {
      if (leg.cash.rebate === null) continue;
      rebates++;
      lines.push({ type: COINTRACKING_INCOME_TYPE, buy: [leg.cash.rebate, leg.row.currency], sell: null, fee: null, txId: `${leg.row.id}-rebate`, note: ' (fee rebate)', buyRow: leg.row });
    }
    return write(lines, received.row, spaceSeparatedUtc(received.row.timestamp), describeSwap(sent.row, received.row));
  };

  return {
    format: 'cointracking-csv',
    mimeType: CSV_MIME,
    fileStem: 'cointracking',
    extension: 'csv',
    carriesSection: false,
    header: () => csvLine(COINTRACKING_COLUMNS),
    row(row: ExportRow) {
      if (row.kind !== 'swap') return rowText(row, false);
      let text = '';
      for (const out of swaps.add(row)) text += 'pair' in out ? swapText(out.pair) : rowText(out.lone.row, true);
      return text;
    },
    footer: () => '',
    // A swap's legs pair across one user's chains (SwapPairs keeps them per user): a user's rows stay together.
    split: 'user',
    tally: () => ({ counts: [withoutLine, rebates, ownMoves, swaps.paired, swaps.lone], usd: usd.tally() }),
    addTally(t) {
      const [a = 0, b = 0, c = 0, d = 0, e = 0] = t.counts;
      withoutLine += a;
      rebates += b;
      ownMoves += c;
      swaps.paired += d;
      swaps.lone += e;
      usd.addTally(t.usd);
    },
    sidecarNotes: () => [
      'Tx-ID is the Deribit row id (a fee rebate line of a row that also moved cash gets "<id>-rebate"; a swap "<sent id>-swap-<received id>"). Per currency, Buy − Sell − Fee equals the sum of change.',
      'Exchange names the Deribit user ("Deribit <username>"): each user is its own wallet in CoinTracking.',
      'Trades, settlements and deliveries: the cash part (change + commission) is futures/options profit or loss; the commission is the fee.',
      `Transfers between this account's own users and position moves are a Withdrawal on one user's exchange and a Deposit on the other's, which CoinTracking matches as a transfer: ${ownMoves} rows.`,
      'Deposit/Withdrawal lines of other rows are money entering or leaving the Deribit account (on-chain, or transfers to users outside it).',
      `Swaps as one Trade: ${swaps.paired}; swap legs whose counterpart is not in this export, as Income/Expense (non taxable): ${swaps.lone}.`,
      `Staking/bonus distributions and fee rebates are "${COINTRACKING_INCOME_TYPE}"; fee rebates (negative commission) as separate lines: ${rebates}.`,
      `Rows that moved no cash (change and commission 0) have no line: ${withoutLine}.`,
      ...usdNotes(ctx, usd, 'Buy/Sell Value in USD is the USD value of the Buy/Sell amount (CoinTracking\'s value columns; map them to your account currency USD on import)'),
    ],
  };
}
