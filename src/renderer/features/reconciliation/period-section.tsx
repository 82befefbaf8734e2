/**
 * The period part of the view: the picker, the per-chain summary of the chosen period (computed in the
 * worker, again after each reconcile run) and the exports of that period.
 */
import { useEffect, useMemo, useState } from 'react';
import type { PeriodSummary } from '../../../core/recon/types';
import type { AccountInfo } from '../../../shared/contract';
import { reconWorker } from '../../worker/recon-worker-client';
import { ExportPanel } from './export-panel';
import { defaultPeriodChoice, periodFromChoice, type PeriodChoice } from './period-choice';
import { PeriodPicker } from './period-picker';
import { PeriodSummaryTable } from './period-summary-table';

export function PeriodSection({
  accounts,
  refreshToken,
  accountLabel,
}: {
  readonly accounts: readonly AccountInfo[];
  /** Changes after every reconcile run: the summary is computed again. */
  readonly refreshToken: number | null;
  readonly accountLabel: (accountKey: string) => string;
}) {
  const [choice, setChoice] = useState<PeriodChoice>(() => defaultPeriodChoice(Date.now()));
  const { period, error } = useMemo(() => periodFromChoice(choice), [choice]);
  const [summaries, setSummaries] = useState<{ key: string; list: readonly PeriodSummary[] } | null>(null);
  const [summaryError, setSummaryError] = useState<string | null>(null);
  const accountKeys = useMemo(() => accounts.map((a) => a.accountKey), [accounts]);
  const key = period === null ? null : `${period.fromMs}|${period.toMs}|${period.timeZone}|${accountKeys.join(',')}|${refreshToken ?? ''}`;

  useEffect(() => {
    if (period === null || key === null || accountKeys.length === 0) return;
    let stale = false;
    // Typing a date or a zone fires many changes: ask the worker only once the input has settled.
    const timer = setTimeout(() => {
      const job = reconWorker().request('summaries', { accountKeys, period });
      job.result.then(
        (result) => {
          if (!stale) {
            setSummaries({ key, list: result.summaries });
            setSummaryError(null);
          }
        },
        (e: unknown) => {
          if (!stale) setSummaryError(e instanceof Error ? e.message : String(e));
        },
      );
    }, 250);
    return () => {
      stale = true;
      clearTimeout(timer);
    };
  }, [key]);

  return (
    <section className="recon-section" aria-labelledby="period-heading">
      <h3 id="period-heading">Period summary and exports</h3>
      <PeriodPicker choice={choice} onChange={setChoice} error={error} />
      {summaryError !== null ? (
        <p role="alert" className="error-text">
          Could not summarise the period: {summaryError}
        </p>
      ) : null}
      {period !== null && summaries !== null ? (
        <>
          {summaries.key !== key ? <p className="muted">Updating the summary…</p> : null}
          <PeriodSummaryTable summaries={summaries.list} accountLabel={accountLabel} />
        </>
      ) : period !== null ? (
        <p className="muted">Summarising {period.label}…</p>
      ) : null}
      <ExportPanel period={period} accounts={accounts} />
    </section>
  );
}
