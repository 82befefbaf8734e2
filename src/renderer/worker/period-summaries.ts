/**
 * Period summaries per chain (opening, closing, Σ change, totals by kind). A chain's completeness
 * (is "0 before the first row" a fact?) comes from an incremental reconcile run first, which costs
 * only the rows that arrived since the last one.
 */
import { summarizePeriod } from '../../core/recon/period-summary';
import { chainKeyOf, type Period, type PeriodSummary } from '../../core/recon/types';
import { listChains, usernamesOf } from './chain-catalog';
import { reconcileAccounts, type ReconcileDeps } from './reconcile-accounts';
import { CancelledError, type ReconcileOutcome, type RequestChannel } from './protocol';

export interface SummariesResult {
  readonly summaries: PeriodSummary[];
  readonly reconciliation: ReconcileOutcome;
  readonly usernames: Map<string, string>;
}

export async function summarizeAccounts(
  deps: ReconcileDeps,
  request: { readonly accountKeys: readonly string[]; readonly period: Period },
  channel: RequestChannel,
): Promise<SummariesResult> {
  const reconciliation = await reconcileAccounts(deps, { accountKeys: request.accountKeys, mode: 'incremental' }, channel);
  const complete = new Map(reconciliation.statuses.map((s) => [chainKeyOf(s.chain), s.complete]));
  const chains = await listChains(deps.db, request.accountKeys);
  const usernames = usernamesOf(chains);
  const summaries: PeriodSummary[] = [];
  for (const [i, info] of chains.entries()) {
    if (channel.isCancelled()) throw new CancelledError();
    channel.progress({ done: i, total: chains.length, phase: 'Summarising the period' });
    const { columns } = await deps.columns.full(info);
    const names = new Map<number, string>();
    for (const [key, name] of usernames) {
      const [accountKey, userId] = [key.slice(0, key.lastIndexOf('|')), Number(key.slice(key.lastIndexOf('|') + 1))];
      if (accountKey === info.chain.accountKey) names.set(userId, name);
    }
    summaries.push(summarizePeriod(columns, request.period, { complete: complete.get(info.chainKey) ?? false, usernames: names }));
  }
  return { summaries, reconciliation, usernames };
}
