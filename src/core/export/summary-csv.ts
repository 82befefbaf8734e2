/**
 * Summary CSV: one line per chain and period with the year-end figures (opening, closing, the
 * identity, totals by kind). Its data rows are these lines; they come from the summaries computed
 * before the export, so encode() writes nothing and footer() writes the lines.
 */
import type { PeriodSummary } from '../recon/types';
import { csvField, csvLine, csvNumber, csvRecord } from './csv-text';
import { ExportDigest } from './export-digest';
import { isoUtc } from './export-dates';
import type { ExportContext, ExportEncoder } from './export-types';
import { sumUsd, type UsdYearTotals } from '../fiat/usd-totals';
import { buildSection, CSV_MIME, exportFileName, sidecarText } from './row-encoder';

export const SUMMARY_CSV_FIXED_COLUMNS = [
  'account', 'account_key', 'user_id', 'user', 'currency', 'period', 'time_zone', 'from', 'to', 'opening',
  'opening_basis', 'closing', 'sum_of_changes', 'identity_holds', 'rows',
  'usd_realized_pnl', 'usd_fees', 'usd_funding', 'usd_income', 'usd_unpriced_rows',
] as const;

/** The line's USD cells: the chain's per-year totals added up over the period (empty without price data). */
function usdCells(totals: readonly UsdYearTotals[] | undefined): string[] {
  if (totals === undefined || totals.length === 0) return ['', '', '', '', ''];
  return [
    sumUsd(totals.map((t) => t.realizedPnl)),
    sumUsd(totals.map((t) => t.fees)),
    sumUsd(totals.map((t) => t.funding)),
    sumUsd(totals.map((t) => t.income)),
    String(totals.reduce((n, t) => n + t.unpricedRows, 0)),
  ];
}

const KIND_RANK: readonly string[] = [
  'trade-option', 'trade-future', 'trade', 'fee', 'settlement', 'delivery', 'deposit', 'withdrawal', 'withdrawal-fee',
  'transfer-in:', 'transfer-out:', 'transfer', 'position-move', 'swap', 'bonus', 'correction', 'unknown:',
];

function rankOf(kind: string): number {
  const exact = KIND_RANK.indexOf(kind);
  if (exact >= 0) return exact;
  const prefix = KIND_RANK.findIndex((k) => k.endsWith(':') && kind.startsWith(k));
  return prefix >= 0 ? prefix : KIND_RANK.length;
}

/** Fixed order of kinds: the known ones first, then by key (numeric suffixes numerically). */
export function compareKinds(a: string, b: string): number {
  const rank = rankOf(a) - rankOf(b);
  if (rank !== 0) return rank;
  const na = /:(\d+)$/.exec(a)?.[1];
  const nb = /:(\d+)$/.exec(b)?.[1];
  if (na !== undefined && nb !== undefined && na !== nb) return Number(na) - Number(nb);
  return a < b ? -1 : a > b ? 1 : 0;
}

export function compareSummaries(a: PeriodSummary, b: PeriodSummary): number {
  const x = a.chain;
  const y = b.chain;
  if (x.accountKey !== y.accountKey) return x.accountKey < y.accountKey ? -1 : 1;
  if (x.userId !== y.userId) return x.userId - y.userId;
  if (x.currency !== y.currency) return x.currency < y.currency ? -1 : 1;
  return a.period.fromMs - b.period.fromMs;
}

export function createSummaryCsvEncoder(ctx: ExportContext): ExportEncoder {
  const fileName = exportFileName(ctx, 'summary', 'csv');
  const summaries = [...ctx.summaries].sort(compareSummaries);
  const kinds = [...new Set(summaries.flatMap((s) => s.totals.map((t) => t.kind)))].sort(compareKinds);
  const header = csvLine([...SUMMARY_CSV_FIXED_COLUMNS, ...kinds]);
  const usdByChain = new Map<string, UsdYearTotals[]>();
  for (const t of ctx.usd?.totals ?? []) {
    const key = `${t.accountKey}|${t.userId}|${t.currency}`;
    usdByChain.set(key, [...(usdByChain.get(key) ?? []), t]);
  }
  let lines = '';
  for (const s of summaries) {
    const { accountKey, userId, currency } = s.chain;
    const byKind = new Map(s.totals.map((t) => [t.kind, t.amount]));
    lines += csvRecord([
      csvField(ctx.accountLabels.get(accountKey) ?? accountKey),
      csvField(accountKey),
      csvNumber(userId),
      csvField(s.username ?? ctx.usernames.get(`${accountKey}|${userId}`) ?? null),
      csvField(currency),
      csvField(s.period.label),
      csvField(s.period.timeZone),
      csvField(isoUtc(s.period.fromMs)),
      csvField(isoUtc(s.period.toMs)),
      csvNumber(s.opening),
      csvField(s.openingBasis),
      csvNumber(s.closing),
      csvNumber(s.sumOfChanges),
      csvField(s.identityHolds ? 'true' : 'false'),
      csvNumber(s.rows),
      ...usdCells(ctx.usd?.totals == null ? undefined : usdByChain.get(`${accountKey}|${userId}|${currency}`) ?? []),
      ...kinds.map((k) => csvNumber(byKind.get(k) ?? null)),
    ]);
  }
  const digest = new ExportDigest();
  digest.update(new TextEncoder().encode(lines));
  const section = buildSection(ctx, fileName, summaries.length, digest.hex());
  return {
    format: 'summary-csv',
    fileName,
    mimeType: CSV_MIME,
    header: () => header,
    encode: () => new Uint8Array(0),
    footer: () => lines,
    section: () => section,
    sidecar: () =>
      sidecarText(section, [
        'The data rows of this file are its summary lines (one per account, user, currency and period); the SHA-256 covers them.',
        'Kind columns hold the exact total of change per kind; an empty cell means no row of that kind (0).',
        ctx.usd?.totals == null
          ? 'USD columns: empty (no price data was available to this export).'
          : 'USD columns: realized PnL (cash of trades, settlements and deliveries less funding), fees (−commission), funding (interest_pl of settlements) and income (staking/bonus distributions), each row valued at its own USD price and rounded to cents, then added up; usd_unpriced_rows rows had no price and are in no USD figure.',
        ...(ctx.usd?.coverage ?? []).map((line) => `Price data: ${line}`),
      ]),
  };
}
