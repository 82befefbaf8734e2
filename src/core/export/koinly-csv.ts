/**
 * Koinly universal CSV (columns and labels: https://support.koinly.io/en/articles/9489976-how-to-create-a-custom-csv-file-with-your-data,
 * tags: https://support.koinly.io/en/articles/9490023-what-are-tags). Koinly treats derivatives as
 * realized PnL: the cash part of trades, settlements and deliveries is Received/Sent with label
 * `realized gain`, the commission its fee (or a `cost` line when no cash moved).
 *
 * Own-account transfers and position moves: Koinly has no transfer row in its CSV; it merges an
 * unlabelled Sent in one wallet and an unlabelled Received of the same currency in another wallet
 * (within 12 h, withdrawal not after the deposit, no conflicting TxHash) into a transfer
 * (https://support.koinly.io/en/articles/9490024-how-koinly-handles-transfers-between-your-own-wallets).
 * So each leg is an unlabelled line without TxHash, and each Deribit user is meant to be its own Koinly
 * wallet (one file per user). Deposits and withdrawals (money entering or leaving the account) are
 * plain lines with the on-chain hash. Swaps are ONE trade line (Sent + Received). Staking/bonus
 * distributions and fee rebates are `reward` (Koinly's income tag for rewards and bonuses).
 * Per currency, Received − Sent − Fee = Σ change exactly.
 */
import { csvField, csvLine, csvNumber, csvRecord } from './csv-text';
import { spaceSeparatedUtc } from './export-dates';
import type { ExportContext, ExportRow } from './export-types';
import { accountUsers, isOwnAccountMove } from './own-account';
import { txHashOfRaw } from './raw-row-fields';
import { INCOME_KINDS, PNL_KINDS, rowCash, type RowCash } from './row-cash';
import { CSV_MIME, type RowFormat } from './row-encoder';
import { describeRow, describeSwap } from './row-wording';
import { SwapPairs, type SwapTrade } from './swap-pairs';
import { usdNotes, UsdCounter } from './usd-columns';

export const KOINLY_COLUMNS = [
  'Date', 'Sent Amount', 'Sent Currency', 'Received Amount', 'Received Currency', 'Fee Amount', 'Fee Currency',
  'Net Worth Amount', 'Net Worth Currency', 'Label', 'Description', 'TxHash',
] as const;

/** Koinly's tag for income that is a reward or bonus (staking rewards, referral bonuses, rebates). */
export const KOINLY_INCOME_LABEL = 'reward';

type Amount = readonly [amount: string, currency: string] | null;
interface Line {
  readonly sent: Amount;
  readonly received: Amount;
  readonly fee: Amount;
  readonly label: string;
  readonly note: string;
}

function record(date: string, l: Line, description: string, hash: string | null, worth: string | null): string {
  return csvRecord([
    csvField(date),
    csvNumber(l.sent?.[0] ?? null), csvField(l.sent?.[1] ?? null),
    csvNumber(l.received?.[0] ?? null), csvField(l.received?.[1] ?? null),
    csvNumber(l.fee?.[0] ?? null), csvField(l.fee?.[1] ?? null),
    worth ?? '', worth === null ? '' : 'USD',
    csvField(l.label),
    csvField(description + l.note),
    csvField(hash),
  ]);
}

export function koinlyCsvFormat(ctx: ExportContext): RowFormat {
  const users = accountUsers(ctx);
  const swaps = new SwapPairs(ctx);
  const usd = new UsdCounter(ctx.usd?.valuer ?? null);
  let withoutLine = 0;
  let rebates = 0;
  let ownMoves = 0;
  let rewards = 0;

  /** Net Worth: the USD value of the line's received (else sent) amount at `row`'s price; null when unpriced. */
  const worthOf = (row: ExportRow, l: Line): string | null => {
    const amount = l.received?.[0] ?? l.sent?.[0];
    if (amount === undefined) return null;
    const v = usd.valueOf(row, amount);
    return v !== null && v.priced ? v.usd : null;
  };

  /** The lines of one row on its own (every kind; a swap leg without its partner too). */
  const rowLines = (row: ExportRow, c: RowCash): Line[] => {
    const cur = row.currency;
    const pnl = PNL_KINDS.has(row.kind);
    const income = INCOME_KINDS.has(row.kind);
    const lines: Line[] = [];
    if (c.cashSign !== 0) {
      const amount: Amount = [c.cashMagnitude, cur];
      const fee: Amount = c.fee === null ? null : [c.fee, cur];
      const label = pnl ? 'realized gain' : income && c.cashSign > 0 ? KOINLY_INCOME_LABEL : '';
      if (label === KOINLY_INCOME_LABEL) rewards++;
      lines.push(c.cashSign > 0 ? { sent: null, received: amount, fee, label, note: '' } : { sent: amount, received: null, fee, label, note: '' });
    } else if (c.fee !== null) {
      lines.push({ sent: [c.fee, cur], received: null, fee: null, label: 'cost', note: ' (fee)' });
    }
    if (c.rebate !== null) {
      rebates++;
      lines.push({ sent: null, received: [c.rebate, cur], fee: null, label: KOINLY_INCOME_LABEL, note: ' (fee rebate)' });
    }
    return lines;
  };

  const rowText = (row: ExportRow): string => {
    const lines = rowLines(row, rowCash(row));
    if (lines.length === 0) {
      withoutLine++;
      return '';
    }
    if (isOwnAccountMove(row, users)) ownMoves++;
    // Only money entering or leaving the account carries its on-chain hash (a hash on one leg of an own
    // transfer would not stop Koinly's match, but deposits/withdrawals are the only rows that have one).
    const hash = row.kind === 'deposit' || row.kind === 'withdrawal' ? txHashOfRaw(row.raw) : null;
    const date = spaceSeparatedUtc(row.timestamp);
    const description = describeRow(row, ctx);
    return lines.map((l) => record(date, l, description, hash, worthOf(row, l))).join('');
  };

  /** A paired swap: one trade line (Sent + Received); a second fee or a rebate gets its own line. */
  const swapText = ({ sent, received }: SwapTrade): string => {
    const s = sent.cash;
    const r = received.cash;
    const fees: Amount[] = [];
    if (s.fee !== null) fees.push([s.fee, sent.row.currency]);
    if (r.fee !== null) fees.push([r.fee, received.row.currency]);
    const lines: Line[] = [{
      sent: [s.cashMagnitude, sent.row.currency], received: [r.cashMagnitude, received.row.currency], fee: fees[0] ?? null, label: '', note: '',
    }];
    // Each line is valued in the currency of its amount: the trade by what was received, a second fee by the received leg.
    const rowOf: ExportRow[] = [received.row];
    if (fees[1] !== undefined) {
      lines.push({ sent: fees[1], received: null, fee: null, label: 'cost', note: ' (fee)' });
      rowOf.push(received.row);
    }
    for (const leg of [sent, received]) {
      if (leg.cash.rebate === null) continue;
      rebates++;
      lines.push({ sent: null, received: [leg.cash.rebate, leg.row.currency], fee: null, label: KOINLY_INCOME_LABEL, note: ' (fee rebate)' });
      rowOf.push(leg.row);
    }
    const date = spaceSeparatedUtc(received.row.timestamp);
    const description = describeSwap(sent.row, received.row);
    return lines.map((l, i) => record(date, l, description, null, worthOf(rowOf[i] as ExportRow, l))).join('');
  };

  return {
    format: 'koinly-csv',
    mimeType: CSV_MIME,
    fileStem: 'koinly',
    extension: 'csv',
    carriesSection: false,
    header: () => csvLine(KOINLY_COLUMNS),
    row(row: ExportRow) {
      if (row.kind !== 'swap') return rowText(row);
      let text = '';
      for (const out of swaps.add(row)) text += 'pair' in out ? swapText(out.pair) : rowText(out.lone.row);
      return text;
    },
    footer: () => '',
    // A swap's legs pair across one user's chains (SwapPairs keeps them per user): a user's rows stay together.
    split: 'user',
    tally: () => ({ counts: [withoutLine, rebates, ownMoves, rewards, swaps.paired, swaps.lone], usd: usd.tally() }),
    addTally(t) {
      const [a = 0, b = 0, c = 0, d = 0, e = 0, f = 0] = t.counts;
      withoutLine += a;
      rebates += b;
      ownMoves += c;
      rewards += d;
      swaps.paired += e;
      swaps.lone += f;
      usd.addTally(t.usd);
    },
    sidecarNotes: () => [
      'Every line\'s Description carries the Deribit row id. Per currency, Received − Sent − Fee equals the sum of change.',
      'Trades, settlements and deliveries: the cash part (change + commission) is realized PnL; the commission is the fee.',
      `Rows that moved no cash (change and commission 0) have no line: ${withoutLine}.`,
      `Transfers between this account's own users and position moves, unlabelled so Koinly merges each Sent/Received pair into a transfer when every Deribit user is imported as its own Koinly wallet (one file per user): ${ownMoves} rows.`,
      'Deposits and withdrawals (money entering or leaving the Deribit account, including transfers to users outside it) are plain lines with the on-chain hash.',
      `Swaps as one trade line (Sent + Received): ${swaps.paired}; swap legs whose counterpart is not in this export, as plain lines: ${swaps.lone}.`,
      `Staking/bonus distributions labelled "${KOINLY_INCOME_LABEL}": ${rewards}. Fee rebates (negative commission) as separate "${KOINLY_INCOME_LABEL}" lines: ${rebates}.`,
      ...usdNotes(ctx, usd, 'Net Worth Amount is the USD value of the line\'s Received Amount (else its Sent Amount), Net Worth Currency "USD"'),
    ],
  };
}
