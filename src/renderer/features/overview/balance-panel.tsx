/**
 * One account's balance in one currency over time: every user (main and subaccounts) and their total,
 * as a stepped line chart, with the newest balance of each as a table (exact text, as cached).
 */
import { useMemo } from 'react';
import type { BalanceChart } from '../../worker/overview-series';
import type { ChartTheme } from './chart-theme';
import { KeyboardChart, type ChartSeries } from './keyboard-chart';
import { useDisplayZone } from '../formatting/use-display-zone';
import { formatZonedMinute } from '../formatting/zoned-time';
import { ZonedTimeText } from '../formatting/zoned-time-text';
import { overviewTime } from './overview-format';

/** A plotted (rounded) balance in words: no binary-float noise ("2.6234567890000003"). */
const plotted = (v: number): string => v.toLocaleString('en-US', { maximumFractionDigits: 10, useGrouping: false });

export function BalancePanel({ chart, theme, onDrawn }: { readonly chart: BalanceChart; readonly theme: ChartTheme; readonly onDrawn?: () => void }) {
  const zone = useDisplayZone();
  const timeLegend = useMemo(() => ({ label: `Time (${zone})`, value: (ms: number) => formatZonedMinute(ms, zone) }), [zone]);
  const series = useMemo(
    (): ChartSeries[] =>
      chart.series.map((s, i) => ({
        label: s.label,
        color: s.userId === null ? theme.total : (theme.series[i % theme.series.length] as string),
        values: s.values,
        kind: 'step',
        width: s.userId === null ? 2 : 1.5,
      })),
    [chart, theme],
  );
  // The last point is the newest cached balance: announced exactly (the plotted numbers are rounded).
  const lastIndex = chart.times.length - 1;
  const describe = (i: number): string => {
    const parts = chart.series.map((s) => {
      const v = s.values[i];
      return `${s.label} ${i === lastIndex && s.last ? s.last.balance : v == null ? 'no rows yet' : plotted(v)}`;
    });
    return `${overviewTime(chart.times[i] as number, zone)}: ${parts.join(', ')} ${chart.currency}`;
  };
  const newest = chart.series.at(-1);
  const caption = `Newest ${chart.currency} balances`;
  return (
    <div className="overview-panel">
      <h5 className="overview-panel-title">Balance over time</h5>
      {chart.times.length === 0 ? (
        <p className="muted">No rows cached in {chart.currency} yet.</p>
      ) : (
        <KeyboardChart
          label={`${chart.currency} balance over time`}
          times={chart.times}
          series={series}
          theme={theme}
          height={220}
          describe={describe}
          zone={zone}
          timeLegend={timeLegend}
          {...(onDrawn ? { onDrawn } : {})}
        />
      )}
      <p className="overview-note muted">
        {chart.rows.toLocaleString('en-US')} {chart.rows === 1 ? 'row' : 'rows'}
        {chart.downsampled ? `, drawn as ${chart.times.length.toLocaleString('en-US')} points (the balance at the end of each interval)` : ''}
        {newest?.last ? `. Last point ${overviewTime(newest.last.timestamp, zone)}: ${newest.label} ${newest.last.balance} ${chart.currency}.` : '.'}
      </p>
      <table className="overview-table" aria-label={caption}>
        <caption className="overview-sr">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">User</th>
            <th scope="col" className="amount">
              Balance ({chart.currency})
            </th>
            <th scope="col">As of ({zone})</th>
          </tr>
        </thead>
        <tbody>
          {chart.series.map((s) => (
            <tr key={s.label}>
              <th scope="row">{s.label}</th>
              <td className="amount">{s.last?.balance ?? '—'}</td>
              <td>{s.last ? <ZonedTimeText ms={s.last.timestamp} zone={zone} /> : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
