/**
 * The Overview's data in the worker: per account and currency, every user's balance and their total
 * over time (downsampled: at most `maxPoints` points reach the page, whatever the history's size) and
 * realized PnL / fees by month, from the chains' compact columns (shared with reconciliation, so a
 * chain already read is not read again).
 * A fingerprint of what is cached (chains and their row counts) lets the page keep its last overview
 * and skip the work when nothing changed since.
 */
import type { ChainColumns } from '../../core/recon/chain-columns';
import { listChains, usernamesOf, type ChainInfo } from './chain-catalog';
import type { ChainColumnsCache } from './ledger-reader';
import { balanceChart, monthlyBars, type BalanceChart, type MonthBar } from './overview-series';
import { CancelledError, type RequestChannel } from './protocol';
import type { ReconcilerDatabase } from '../db/database';

export interface OverviewRequest {
  readonly accountKeys: readonly string[];
  /** Points per balance chart at most (about the chart's width in pixels). */
  readonly maxPoints: number;
  /** The fingerprint of the overview the page already shows: when it still holds, nothing is read. */
  readonly knownFingerprint?: string;
}

export interface OverviewGroup {
  readonly accountKey: string;
  readonly currency: string;
  readonly chart: BalanceChart;
  readonly months: readonly MonthBar[];
}

export interface OverviewOutcome {
  readonly fingerprint: string;
  /** null when `knownFingerprint` still holds (the page's overview is current). */
  readonly groups: readonly OverviewGroup[] | null;
  readonly rows: number;
  readonly elapsedMs: number;
}

export interface OverviewDeps {
  readonly db: ReconcilerDatabase;
  readonly columns: Pick<ChainColumnsCache, 'full'>;
  readonly now: () => number;
}

/** Chains and their row counts (rowsStored, or "?" when the stream state is missing). */
export function overviewFingerprint(chains: readonly ChainInfo[]): string {
  return chains.map((c) => `${c.chainKey}=${c.rowsStored ?? '?'}`).join('\n');
}

const groupKey = (accountKey: string, currency: string): string => `${accountKey}|${currency}`;

export async function buildOverview(deps: OverviewDeps, request: OverviewRequest, channel: RequestChannel): Promise<OverviewOutcome> {
  const started = deps.now();
  const chains = await listChains(deps.db, request.accountKeys);
  const fingerprint = overviewFingerprint(chains);
  // A chain without stream state cannot be judged unchanged from the catalogue: read it.
  const judgeable = chains.every((c) => c.rowsStored !== null);
  if (judgeable && request.knownFingerprint === fingerprint) {
    return { fingerprint, groups: null, rows: 0, elapsedMs: deps.now() - started };
  }
  const names = usernamesOf(chains);
  const byGroup = new Map<string, ChainInfo[]>();
  for (const c of chains) {
    const key = groupKey(c.chain.accountKey, c.chain.currency);
    const list = byGroup.get(key);
    if (list) list.push(c);
    else byGroup.set(key, [c]);
  }
  const groups: OverviewGroup[] = [];
  let done = 0;
  let rows = 0;
  // Every chain's read is asked for at once: IndexedDB fetches the next pages while this thread
  // deserialises and merges the ones that arrived.
  const reads = new Map(
    chains.map((info) => [
      info.chainKey,
      deps.columns.full(info).then((r) => {
        channel.progress({ done: ++done, total: chains.length, phase: 'Reading balances' });
        return r.columns;
      }),
    ]),
  );
  // Nothing may be left unobserved if one read fails (the first failure is what this request reports).
  for (const read of reads.values()) read.catch(() => undefined);
  for (const infos of byGroup.values()) {
    const columns: ChainColumns[] = [];
    for (const info of infos) {
      if (channel.isCancelled()) throw new CancelledError();
      columns.push(await (reads.get(info.chainKey) as Promise<ChainColumns>));
    }
    const first = infos[0] as ChainInfo;
    const label = (userId: number): string => {
      const name = names.get(`${first.chain.accountKey}|${userId}`);
      return name === undefined ? `User ${userId}` : `${name} (${userId})`;
    };
    const chart = balanceChart(columns, request.maxPoints, label);
    rows += chart.rows;
    groups.push({ accountKey: first.chain.accountKey, currency: first.chain.currency, chart, months: monthlyBars(columns) });
  }
  return { fingerprint, groups, rows, elapsedMs: deps.now() - started };
}
