/**
 * Rows and context for export tests: the Deribit simulator's ground truth (three users, three
 * currencies) plus a hand-written account whose rows exercise every awkward case (names with commas,
 * quotes and newlines, exponent amounts, fee rebates, zero rows, unknown types, a transfer pair, rows
 * around the year boundary). Summaries are computed here with decimal.js, independently of the encoders.
 */
import { createHash } from 'node:crypto';
import Decimal from 'decimal.js';
import { parse } from 'lossless-json';
import { createExportEncoder, type ExportContext, type ExportEncoder, type ExportFormat, type ExportRow } from '../../../src/core/export';
import { toTransactionLogRow } from '../../../src/core/providers/deribit/lossless-response';
import { classifyRow } from '../../../src/core/recon/classify';
import type { ChainStatus, Finding, KindTotal, Period, PeriodSummary } from '../../../src/core/recon/types';
import { startDeribitSim } from '../../sim/deribit/index';

export const Dx = Decimal.clone({ precision: 100 });

export const UTC_2025: Period = { fromMs: Date.UTC(2025, 0, 1), toMs: Date.UTC(2026, 0, 1), timeZone: 'UTC', label: '2025 (UTC)' };
/** Paris is UTC+1 in winter: its 2025 starts at 2024-12-31T23:00Z. */
export const PARIS_2025: Period = {
  fromMs: Date.UTC(2024, 11, 31, 23),
  toMs: Date.UTC(2025, 11, 31, 23),
  timeZone: 'Europe/Paris',
  label: '2025 (Europe/Paris)',
};

export const HAND_ACCOUNT = 'acc_hand';
export const HAND_LABEL = 'Hand "desk", Paris\nB';
export const SIM_ACCOUNT = 'acc_sim';
export const SIM_LABEL = 'Main, sim';

type Fields = Record<string, string>;
/** JSON text from field → raw JSON value text (numbers unquoted, as Deribit sends them). */
function json(fields: Fields): string {
  return `{${Object.entries(fields)
    .map(([k, v]) => `"${k}":${v}`)
    .join(',')}}`;
}
const s = (text: string): string => JSON.stringify(text);

function handRow(user: [number, string], seq: number, id: number, iso: string, type: string, change: string, balance: string, extra: Fields): string {
  return json({
    id: String(id), user_id: String(user[0]), username: s(user[1]), user_seq: String(seq), currency: s('BTC'),
    timestamp: String(Date.parse(iso)), type: s(type), side: s('-'), change, cashflow: change, balance, ...extra,
  });
}

const U77: [number, string] = [77, 'ops.desk'];
const U78: [number, string] = [78, 'ops-desk'];
const HAND_ROWS: readonly string[] = [
  handRow(U77, 1, 501, '2024-12-31T23:30:00.000Z', 'deposit', '1', '1', { commission: '0', info: json({ transaction: s('aa11'), addr: s('bc1qx') }) }),
  handRow(U77, 2, 502, '2025-01-01T00:00:00.000Z', 'deposit', '1.5', '2.5', { commission: '0', info: json({ transaction: s('bb22') }) }),
  handRow(U77, 3, 503, '2025-03-01T10:00:00.000Z', 'trade', '-0.10759', '2.39241', {
    commission: '0.0003', instrument_name: s('BTC-28MAR25-90000-C'), side: s('open buy'), price: '0.1537', amount: '0.7',
    position: '0.7', trade_id: s('28349'), order_id: s('67546'), ip: s('11.222.33.44'), info: s('Source: api'),
  }),
  handRow(U77, 4, 504, '2025-03-02T10:00:00.000Z', 'trade', '0.00001', '2.39242', { commission: '-0.00001', instrument_name: s('BTC-PERPETUAL'), side: s('open sell') }),
  handRow(U77, 5, 505, '2025-03-03T10:00:00.000Z', 'trade', '-1e-8', '2.39241999', { commission: '1e-8', instrument_name: s('BTC-PERPETUAL'), side: s('close buy') }),
  handRow(U77, 6, 506, '2025-03-04T08:00:00.000Z', 'settlement', '0', '2.39241999', { commission: 'null', instrument_name: s('BTC-PERPETUAL'), side: s('long') }),
  handRow(U77, 7, 507, '2025-04-01T12:00:00.000Z', 'withdrawal', '-0.5005', '1.89191999', { commission: '0.0005', info: json({ transaction: s('cc33'), addr: s('0xabc') }) }),
  handRow(U77, 8, 508, '2025-05-01T12:00:00.000Z', 'bonus_distribution', '0.00000001', '1.89192', { info: json({ program: s('x, "y"\nz') }) }),
  handRow(U77, 9, 509, '2025-06-01T12:00:00.000Z', 'correction', '-2.5E-3', '1.88942', { commission: '0' }),
  handRow(U77, 10, 510, '2025-07-01T12:00:00.000Z', 'transfer', '-0.1', '1.78942', {
    commission: '0', info: json({ transfer_type: s('subaccount'), other_user_id: '78', other_user: s('ops-desk') }),
  }),
  handRow(U77, 11, 512, '2025-12-31T23:30:00.000Z', 'trade', '0.1999', '1.98932', {
    commission: '0.0001', instrument_name: s('BTC-26DEC25-100000-P'), side: s('close sell'),
  }),
  handRow(U77, 12, 513, '2026-01-02T00:00:00.000Z', 'deposit', '3', '4.98932', { commission: '0' }),
  handRow(U78, 1, 511, '2025-07-01T12:00:00.000Z', 'transfer', '0.1', '0.1', {
    commission: '0', info: json({ transfer_type: s('subaccount'), other_user_id: '77', other_user: s('ops.desk') }),
  }),
];

function exportRow(rawJson: string, accountKey: string, accountLabel: string): ExportRow {
  const row = toTransactionLogRow(parse(rawJson), 'BTC');
  return { ...row, accountKey, accountLabel, username: row.username, kind: classifyRow(row) };
}

export function chainOrder(a: ExportRow, b: ExportRow): number {
  if (a.accountKey !== b.accountKey) return a.accountKey < b.accountKey ? -1 : 1;
  if (a.userId !== b.userId) return a.userId - b.userId;
  if (a.currency !== b.currency) return a.currency < b.currency ? -1 : 1;
  return a.userSeq - b.userSeq || a.id - b.id;
}

export interface Fixture {
  readonly rows: ExportRow[];
  readonly usernames: Map<string, string>;
  readonly accountLabels: Map<string, string>;
}

/** All rows (every period), in export order. */
export async function loadFixtureRows(): Promise<Fixture> {
  const sim = await startDeribitSim({
    dataset: {
      seed: 11, subaccounts: 2, currencies: ['BTC', 'ETH', 'USDC'], rowsPerStream: 110, accessLogEvents: 0,
      startTime: Date.UTC(2024, 6, 1), endTime: Date.UTC(2026, 1, 1),
    },
  });
  const rows: ExportRow[] = [];
  const usernames = new Map<string, string>([[`${HAND_ACCOUNT}|77`, 'ops.desk'], [`${HAND_ACCOUNT}|78`, 'ops-desk']]);
  try {
    for (const user of sim.users) {
      usernames.set(`${SIM_ACCOUNT}|${user.userId}`, user.username);
      for (const currency of ['BTC', 'ETH', 'USDC']) {
        for (const t of sim.truthTransactions(user.userId, currency)) rows.push(exportRow(t.json, SIM_ACCOUNT, SIM_LABEL));
      }
    }
  } finally {
    await sim.close();
  }
  for (const raw of HAND_ROWS) rows.push(exportRow(raw, HAND_ACCOUNT, HAND_LABEL));
  rows.sort(chainOrder);
  const accountLabels = new Map([[SIM_ACCOUNT, SIM_LABEL], [HAND_ACCOUNT, HAND_LABEL]]);
  return { rows, usernames, accountLabels };
}

export function inPeriod(rows: readonly ExportRow[], period: Period): ExportRow[] {
  return rows.filter((r) => r.timestamp >= period.fromMs && r.timestamp < period.toMs);
}

const FEE_KINDS = new Set(['trade-option', 'trade-future', 'trade', 'settlement', 'delivery']);

/** The summary figures, computed the plain way (decimal.js) for every chain of the rows. */
export function summarize(rows: readonly ExportRow[], period: Period, usernames: ReadonlyMap<string, string>): PeriodSummary[] {
  const chains = new Map<string, ExportRow[]>();
  for (const r of rows) {
    const key = `${r.accountKey}|${r.userId}|${r.currency}`;
    chains.set(key, [...(chains.get(key) ?? []), r]);
  }
  return [...chains.values()].map((chainRows) => {
    const first = chainRows[0] as ExportRow;
    const before = chainRows.filter((r) => r.timestamp < period.fromMs);
    const within = chainRows.filter((r) => r.timestamp >= period.fromMs && r.timestamp < period.toMs);
    const opening = before.length > 0 ? new Dx((before[before.length - 1] as ExportRow).balance) : new Dx(0);
    const totals = new Map<string, { amount: Decimal; rows: number }>();
    const add = (kind: string, amount: Decimal): void => {
      const t = totals.get(kind) ?? { amount: new Dx(0), rows: 0 };
      totals.set(kind, { amount: t.amount.plus(amount), rows: t.rows + 1 });
    };
    let sum = new Dx(0);
    for (const r of within) {
      const change = new Dx(r.change);
      const commission = new Dx(r.commission ?? 0);
      sum = sum.plus(change);
      if (FEE_KINDS.has(r.kind) || r.kind === 'withdrawal') {
        if (!commission.isZero()) add(r.kind === 'withdrawal' ? 'withdrawal-fee' : 'fee', commission.neg());
        add(r.kind, change.plus(commission));
      } else if (r.kind === 'transfer') {
        const other = /"other_user_id":(\d+)/.exec(r.raw)?.[1] ?? '?';
        add(`${change.isNeg() ? 'transfer-out' : 'transfer-in'}:${other}`, change);
      } else add(r.kind, change);
    }
    const closing = within.length > 0 ? new Dx((within[within.length - 1] as ExportRow).balance) : opening;
    const kindTotals: KindTotal[] = [...totals].map(([kind, t]) => ({ kind, label: kind, amount: t.amount.toFixed(), rows: t.rows }));
    return {
      chain: { accountKey: first.accountKey, userId: first.userId, currency: first.currency },
      username: usernames.get(`${first.accountKey}|${first.userId}`) ?? null,
      period,
      opening: opening.toFixed(),
      openingBasis: before.length > 0 ? 'previous-row' : 'zero-before-first-row',
      closing: closing.toFixed(),
      sumOfChanges: sum.toFixed(),
      identityHolds: opening.plus(sum).eq(closing),
      rows: within.length,
      totals: kindTotals,
    } satisfies PeriodSummary;
  });
}

export function chainStatuses(summaries: readonly PeriodSummary[], rows: readonly ExportRow[]): ChainStatus[] {
  return summaries.map((s) => {
    const chainRows = rows.filter((r) => r.accountKey === s.chain.accountKey && r.userId === s.chain.userId && r.currency === s.chain.currency);
    const last = chainRows[chainRows.length - 1];
    return {
      chain: s.chain, rows: chainRows.length, firstTimestamp: chainRows[0]?.timestamp ?? null, lastTimestamp: last?.timestamp ?? null,
      newestBalance: last?.balance ?? null, breaks: 0, gaps: 0, complete: true, tieOut: null,
    };
  });
}

export const SAMPLE_FINDING: Finding = {
  kind: 'tie-out-difference', severity: 'warning', chain: { accountKey: HAND_ACCOUNT, userId: 77, currency: 'BTC' }, rowId: 513,
  timestamp: Date.parse('2026-01-02T00:00:00.000Z'), message: 'Live balance differs\nfrom cache', expected: '4.98932', actual: '4.99',
  difference: '0.00068', relatedRowIds: [512],
};

export function contextFor(fixture: Fixture, period: Period, rows: readonly ExportRow[] = fixture.rows): ExportContext {
  const summaries = summarize(rows, period, fixture.usernames);
  return {
    period, summaries, chains: chainStatuses(summaries, rows), findings: [SAMPLE_FINDING],
    accountLabels: fixture.accountLabels, usernames: fixture.usernames,
  };
}

export interface EncodedFile {
  readonly header: string;
  readonly body: string;
  readonly footer: string;
  readonly text: string;
  readonly encoder: ExportEncoder;
}

/** Runs an encoder the way the worker does: header, rows in batches, footer. */
export function encodeFile(format: ExportFormat, ctx: ExportContext, rows: readonly ExportRow[], batchSize = 97): EncodedFile {
  const encoder = createExportEncoder(format, ctx);
  const header = encoder.header();
  const utf8 = new TextDecoder();
  let body = '';
  for (let i = 0; i < rows.length; i += batchSize) body += utf8.decode(encoder.encode(rows.slice(i, i + batchSize)));
  const footer = encoder.footer();
  return { header, body, footer, text: header + body + footer, encoder };
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(Buffer.from(text, 'utf8')).digest('hex');
}
