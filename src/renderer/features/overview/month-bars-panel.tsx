/**
 * Realized PnL, fees and funding by month for one account and currency (all users together): PnL and
 * fees as bars, funding as points, with the exact monthly figures as a table behind a disclosure.
 * Funding is read from the full rows after the rest (overview-funding.ts); until then realized PnL
 * still includes it and says so. The same rules as the USD totals: realized PnL is the cash of trades,
 * settlements and deliveries before fees, less funding; fees are every commission.
 */
import { useMemo } from 'react';
import { subtractDecimal } from '../../../core/recon/fixed-point';
import type { MonthBar } from '../../worker/overview-series';
import type { ChartTheme } from './chart-theme';
import { KeyboardChart, type ChartSeries } from './keyboard-chart';
import { formatZonedTime } from '../formatting/zoned-time';
import { monthName, monthStart } from './overview-format';

const HALF_MONTH_MS = 16 * 86_400_000;
/** Months are UTC calendar months (the worker buckets them so), whatever zone other times are shown in. */
const MONTH_ZONE = 'UTC';
const MONTH_LEGEND = { label: 'Month (UTC)', value: (ms: number) => monthName(formatZonedTime(ms, MONTH_ZONE).slice(0, 7)) };

export interface MonthBarsPanelProps {
  readonly currency: string;
  readonly months: readonly MonthBar[];
  readonly theme: ChartTheme;
  /** Month → funding (decimal text) once read; a message when reading failed; null while reading. */
  readonly funding: ReadonlyMap<string, string> | string | null;
}

interface MonthRow {
  readonly month: string;
  readonly realizedPnl: string;
  readonly fees: string;
  readonly funding: string | null;
  readonly rows: number;
}

export function MonthBarsPanel({ currency, months, theme, funding }: MonthBarsPanelProps) {
  const known = typeof funding === 'object' && funding !== null ? funding : null;
  const rows = useMemo(
    (): MonthRow[] =>
      months.map((m) => {
        const f = known === null ? null : (known.get(m.month) ?? '0');
        return { month: m.month, realizedPnl: f === null ? m.realizedPnl : subtractDecimal(m.realizedPnl, f), fees: m.fees, funding: f, rows: m.rows };
      }),
    [months, known],
  );
  const times = useMemo(() => months.map((m) => monthStart(m.month)), [months]);
  const pnlLabel = known === null ? 'Realized PnL (incl. funding)' : 'Realized PnL';
  const series = useMemo((): ChartSeries[] => {
    const list: ChartSeries[] = [
      { label: pnlLabel, color: theme.positive, values: rows.map((m) => Number(m.realizedPnl)), kind: 'bars', align: -1 },
      { label: 'Fees', color: theme.negative, values: rows.map((m) => Number(m.fees)), kind: 'bars', align: 1 },
    ];
    if (known !== null) list.push({ label: 'Funding', color: theme.funding, values: rows.map((m) => (m.funding === null || m.funding === '0' ? null : Number(m.funding))), kind: 'points' });
    return list;
  }, [rows, theme, known, pnlLabel]);
  const describe = (i: number): string => {
    const m = rows[i];
    if (m === undefined) return '';
    const fundingWords = m.funding === null ? '' : `, funding ${m.funding}`;
    return `${monthName(m.month)}: ${pnlLabel.toLowerCase()} ${m.realizedPnl}, fees ${m.fees}${fundingWords} ${currency}, ${m.rows} rows`;
  };
  const fundingNote =
    typeof funding === 'string'
      ? ` Funding could not be read: ${funding}.`
      : funding === null
        ? ' Reading funding from the full rows…'
        : ' Funding: the interest_pl of settlements (perpetuals), shown as points.';
  return (
    <div className="overview-panel">
      <h5 className="overview-panel-title">Realized PnL, fees and funding by month</h5>
      {months.length === 0 ? (
        <p className="muted">No rows cached in {currency} yet.</p>
      ) : (
        <KeyboardChart
          label={`${currency} realized PnL, fees and funding by month`}
          times={times}
          series={series}
          theme={theme}
          height={180}
          describe={describe}
          padTimeMs={HALF_MONTH_MS}
          zone={MONTH_ZONE}
          timeLegend={MONTH_LEGEND}
        />
      )}
      <p className="overview-note muted">
        Months are calendar months in UTC. Realized PnL: trades, settlements and deliveries before fees{known === null ? ' (funding still included)' : ', less funding'}. Fees:
        trading and withdrawal fees (negative = paid, positive = rebates).{fundingNote}
      </p>
      <details className="overview-details">
        <summary>Monthly figures as a table</summary>
        <table className="overview-table" aria-label={`Monthly ${currency} figures`}>
          <thead>
            <tr>
              <th scope="col">Month (UTC)</th>
              <th scope="col" className="amount">
                {pnlLabel} ({currency})
              </th>
              <th scope="col" className="amount">
                Fees ({currency})
              </th>
              <th scope="col" className="amount">
                Funding ({currency})
              </th>
              <th scope="col" className="amount">
                Rows
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((m) => (
              <tr key={m.month}>
                <th scope="row">{monthName(m.month)}</th>
                <td className="amount">{m.realizedPnl}</td>
                <td className="amount">{m.fees}</td>
                <td className="amount">{m.funding ?? '…'}</td>
                <td className="amount">{m.rows.toLocaleString('en-US')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </div>
  );
}
