/**
 * Year-end → USD values: what the cached prices cover, a button to update them, the period's USD totals per
 * year (realized PnL, fees, funding, income) and every row that has no USD price, each one a click away in
 * Transactions. The exports use the same prices and the same rules (core/fiat).
 */
import { useEffect, useState } from 'react';
import type { UsdSummary } from '../../../core/fiat/usd-totals';
import type { Period } from '../../../core/recon/types';
import type { AccountInfo } from '../../../shared/contract';
import { usePrices } from '../../prices/price-store';
import { useConnectivity } from '../../state/connectivity-store';
import { useTransactionReveal } from '../../state/transaction-reveal-store';
import { reconWorker } from '../../worker/recon-worker-client';
import { groupDecimal, groupInteger } from '../formatting/decimal-text';
import { useSettings } from '../settings/settings-store';
import { useDisplayZone } from '../formatting/use-display-zone';
import { ZonedTimeText } from '../formatting/zoned-time-text';
import './usd-values-panel.css';

/** Rows listed on the page; the rest are counted (and each export's notes count them too). */
const LISTED = 25;

interface Outcome {
  readonly key: string;
  readonly summary: UsdSummary;
  readonly coverage: readonly string[];
}

/** "-1234.50" → "−$1,234.50" in the number locale chosen in Settings (every digit kept). */
const usd = (text: string, locale: string): string =>
  text.startsWith('-') ? `−$${groupDecimal(text.slice(1), locale)}` : `$${groupDecimal(text, locale)}`;

export function UsdValuesPanel({
  accounts,
  period,
  refreshToken,
  accountLabel,
}: {
  readonly accounts: readonly AccountInfo[];
  readonly period: Period | null;
  readonly refreshToken: number | null;
  readonly accountLabel: (accountKey: string) => string;
}) {
  const { running, message, failed, version, checkedFor, update } = usePrices();
  const online = useConnectivity((s) => s.browserOnline);
  const locale = useSettings((s) => s.numberLocale);
  const zone = useDisplayZone();
  const accountKeys = accounts.map((a) => a.accountKey).sort().join(',');
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [error, setError] = useState<string | null>(null);
  const key = period === null ? null : `${period.fromMs}|${period.toMs}|${period.timeZone}|${accountKeys}|${refreshToken ?? ''}|${version}`;

  // Once per session and set of accounts: bring the prices up to date by themselves.
  useEffect(() => {
    if (online && accounts.length > 0 && checkedFor !== accountKeys && !running) void update(accounts);
  }, [accountKeys, online]);

  useEffect(() => {
    if (period === null || key === null || accounts.length === 0) return;
    let stale = false;
    const timer = setTimeout(() => {
      reconWorker()
        .request('usdSummary', { accountKeys: accounts.map((a) => a.accountKey), period })
        .result.then(
          (result) => {
            if (stale) return;
            setOutcome({ key, summary: result.summary, coverage: result.coverage });
            setError(null);
          },
          (e: unknown) => !stale && setError(e instanceof Error ? e.message : String(e)),
        );
    }, 300);
    return () => {
      stale = true;
      clearTimeout(timer);
    };
  }, [key]);

  const summary = outcome?.summary ?? null;
  const reveal = useTransactionReveal((s) => s.reveal);
  return (
    <section className="recon-subsection" aria-labelledby="usd-heading">
      <h4 id="usd-heading">USD values</h4>
      <p className="muted">
        Each row is valued at its own USD price where it has one (index price, or a USD price of its own
        currency's instrument), else at Deribit's daily delivery price of that day; USDC and USDT count as
        1 USD (par). Values are rounded to cents; a row without a price is listed, never counted as 0.
      </p>
      <p role="status" className={failed ? 'error-text' : 'muted'}>
        {running ? 'Downloading USD prices from Deribit…' : (message ?? (online ? '' : 'Offline: values use the prices already cached.'))}
      </p>
      <button type="button" onClick={() => void update(accounts)} disabled={running || accounts.length === 0}>
        Update USD prices
      </button>
      {outcome !== null && outcome.coverage.length > 0 ? (
        <ul className="plain-list" aria-label="USD price coverage">
          {outcome.coverage.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      ) : null}
      {error !== null ? (
        <p role="alert" className="error-text">
          Could not value the period in USD: {error}
        </p>
      ) : null}
      {period === null ? null : summary === null ? (
        <p className="muted">Valuing {period.label} in USD…</p>
      ) : (
        <>
          {outcome?.key !== key ? <p className="muted">Updating the USD values…</p> : null}
          {summary.totals.length === 0 ? (
            <p className="muted">No rows in {period.label}.</p>
          ) : (
            <table className="recon-table">
              <caption>USD totals per year, {period.label}</caption>
              <thead>
                <tr>
                  <th scope="col">Account</th>
                  <th scope="col">User</th>
                  <th scope="col">Currency</th>
                  <th scope="col">Year</th>
                  <th scope="col" className="numeric">Realized PnL</th>
                  <th scope="col" className="numeric">Fees</th>
                  <th scope="col" className="numeric">Funding</th>
                  <th scope="col" className="numeric">Income</th>
                  <th scope="col" className="numeric">Rows without price</th>
                </tr>
              </thead>
              <tbody>
                {summary.totals.map((t) => (
                  <tr key={`${t.accountKey}|${t.userId}|${t.currency}|${t.year}`}>
                    <td>{accountLabel(t.accountKey)}</td>
                    <td>{t.userId}</td>
                    <td>{t.currency}</td>
                    <td>{t.year}</td>
                    <td className="numeric">{usd(t.realizedPnl, locale)}</td>
                    <td className="numeric">{usd(t.fees, locale)}</td>
                    <td className="numeric">{usd(t.funding, locale)}</td>
                    <td className="numeric">{usd(t.income, locale)}</td>
                    <td className="numeric">{groupInteger(t.unpricedRows, locale)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {summary.unpricedCount === 0 ? (
            summary.rows > 0 ? <p className="muted">Every row of {period.label} has a USD value.</p> : null
          ) : (
            <div>
              <h5 id="unpriced-heading">
                {groupInteger(summary.unpricedCount, locale)} {summary.unpricedCount === 1 ? 'row has' : 'rows have'} no USD price
              </h5>
              <ul className="plain-list" aria-labelledby="unpriced-heading">
                {summary.unpriced.slice(0, LISTED).map((u) => (
                  <li key={`${u.accountKey}|${u.id}`}>
                    <button type="button" className="link-button" onClick={() => reveal(u.accountKey, u.id)}>
                      Show row {u.id}
                    </button>{' '}
                    {u.currency} {u.type} {u.change} at <ZonedTimeText ms={u.timestamp} zone={zone} named />: {u.reason.replace(/^no USD price: /, '')}
                  </li>
                ))}
              </ul>
              {summary.unpricedCount > LISTED ? (
                <p className="muted">
                  …and {groupInteger(summary.unpricedCount - LISTED, locale)} more; every export's notes count them, and its USD cells are empty for them.
                </p>
              ) : null}
            </div>
          )}
        </>
      )}
    </section>
  );
}
