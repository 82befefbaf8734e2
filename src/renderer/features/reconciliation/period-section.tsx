/**
 * The period part of the view (Reconciliation → Year-end): the picker and the exports of that period at
 * the top, then the per-chain summary of the chosen period (computed in the worker, again after each
 * reconcile run).
 * The picker starts on the year a person expects (defaultExportYear: the most recent complete year
 * with rows), from the first and last row time of the accounts; a period that cannot hold a row
 * (before the first row, after today) is refused with a line saying so.
 */
import { useEffect, useMemo, useState } from 'react';
import { defaultExportYear, periodOutOfRange, type HistoryBounds } from '../../../core/recon/period';
import type { PeriodSummary } from '../../../core/recon/types';
import type { AccountInfo } from '../../../shared/contract';
import { reconWorker } from '../../worker/recon-worker-client';
import { ExportPanel } from './export-panel';
import { useExports } from './export-store';
import { periodFromChoice, yearChoice, type PeriodChoice } from './period-choice';
import { PeriodPicker } from './period-picker';
import { PeriodSummaryTable } from './period-summary-table';
import { UsdValuesPanel } from './usd-values-panel';
import { useSettings } from '../settings/settings-store';

/** The accounts' first and last row time: 'loading' until the worker answers (null: nothing cached). */
function useHistoryBounds(accountKeys: readonly string[], refreshToken: number | null): HistoryBounds | null | 'loading' {
  const [bounds, setBounds] = useState<HistoryBounds | null | 'loading'>('loading');
  useEffect(() => {
    let stale = false;
    reconWorker()
      .request('bounds', { accountKeys })
      .result.then(
        (result) => !stale && setBounds(result.bounds),
        () => !stale && setBounds(null),
      );
    return () => {
      stale = true;
    };
  }, [accountKeys.join(','), refreshToken]);
  return bounds;
}

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
  const accountKeys = useMemo(() => accounts.map((a) => a.accountKey), [accounts]);
  const bounds = useHistoryBounds(accountKeys, refreshToken);
  // null until the user picks: then the default follows the history (and steps over empty years).
  const [picked, setPicked] = useState<PeriodChoice | null>(null);
  const [emptyYears, setEmptyYears] = useState<ReadonlySet<number>>(() => new Set());
  const clearResult = useExports((s) => s.clearResult);
  const defaultYear = bounds === 'loading' ? null : defaultExportYear(bounds, Date.now(), emptyYears);
  // The default period's zone is the export zone chosen in Settings (UTC unless changed there).
  const exportZone = useSettings((st) => st.exportZone);
  const choice = picked ?? (defaultYear === null ? null : yearChoice(defaultYear, exportZone));
  const { period: parsed, error } = useMemo(() => (choice === null ? { period: null, error: null } : periodFromChoice(choice)), [choice?.mode, choice?.year, choice?.from, choice?.to, choice?.timeZone]);
  const refusal = parsed === null || bounds === 'loading' ? null : periodOutOfRange(parsed, bounds, Date.now());
  const period = refusal === null ? parsed : null;
  const [summaries, setSummaries] = useState<{ key: string; list: readonly PeriodSummary[] } | null>(null);
  const [summaryError, setSummaryError] = useState<string | null>(null);
  const key = period === null ? null : `${period.fromMs}|${period.toMs}|${period.timeZone}|${accountKeys.join(',')}|${refreshToken ?? ''}`;
  const current = summaries !== null && summaries.key === key ? summaries.list : null;
  const periodRows = current === null ? (summaryError !== null ? 'unknown' : null) : current.reduce((sum, s) => sum + s.rows, 0);

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

  // The default year turned out empty (a gap in the history): step to the next older year with rows.
  useEffect(() => {
    if (picked === null && defaultYear !== null && periodRows === 0 && !emptyYears.has(defaultYear)) {
      const next = new Set(emptyYears).add(defaultYear);
      if (defaultExportYear(bounds === 'loading' ? null : bounds, Date.now(), next) !== defaultYear) setEmptyYears(next);
    }
  }, [picked, defaultYear, periodRows]);

  const onChange = (next: PeriodChoice): void => {
    setPicked(next);
    // A "Saved …" line is about the period it was saved for.
    clearResult();
  };

  return (
    <section className="recon-section" aria-labelledby="period-heading">
      <h3 id="period-heading">Period summary and exports</h3>
      {choice === null ? (
        <p className="muted">Finding the years that have rows…</p>
      ) : (
        <PeriodPicker choice={choice} onChange={onChange} error={error} refusal={refusal} />
      )}
      <ExportPanel period={period} accounts={accounts} periodRows={periodRows} />
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
      <UsdValuesPanel accounts={accounts} period={period} refreshToken={refreshToken} accountLabel={accountLabel} />
    </section>
  );
}
