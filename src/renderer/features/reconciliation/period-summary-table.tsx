/** The period summary per chain: opening, closing, Σ change, the identity check and totals by kind. */
import { chainKeyOf, type PeriodSummary } from '../../../core/recon/types';
import { openingWords } from './chain-status-text';

export function PeriodSummaryTable({
  summaries,
  accountLabel,
}: {
  readonly summaries: readonly PeriodSummary[];
  readonly accountLabel: (accountKey: string) => string;
}) {
  return (
    <table className="recon-table">
      <caption>Period summary</caption>
      <thead>
        <tr>
          <th scope="col">Account</th>
          <th scope="col">User</th>
          <th scope="col">Currency</th>
          <th scope="col" className="numeric">
            Rows
          </th>
          <th scope="col" className="numeric">
            Opening
          </th>
          <th scope="col" className="numeric">
            Σ change
          </th>
          <th scope="col" className="numeric">
            Closing
          </th>
          <th scope="col">Identity</th>
          <th scope="col">Totals by kind</th>
        </tr>
      </thead>
      <tbody>
        {summaries.map((s) => (
          <tr key={chainKeyOf(s.chain)}>
            <td>{accountLabel(s.chain.accountKey)}</td>
            <td>{s.username === null ? String(s.chain.userId) : `${s.username} (${s.chain.userId})`}</td>
            <td>{s.chain.currency}</td>
            <td className="numeric">{s.rows}</td>
            <td className="numeric">{openingWords(s)}</td>
            <td className="numeric">{s.sumOfChanges}</td>
            <td className="numeric">{s.closing}</td>
            <td>
              {s.identityHolds ? (
                <span className="status-pill status-pill--ok" title="closing = opening + Σ change, exactly">
                  ✓ holds
                </span>
              ) : (
                <span className="status-pill status-pill--bad">✗ does not hold</span>
              )}
            </td>
            <td>
              {s.totals.length === 0 ? (
                <span className="muted">no movements</span>
              ) : (
                <ul className="kind-totals">
                  {s.totals.map((t) => (
                    <li key={t.kind}>
                      <span>{t.label}</span> <span className="amount">{t.amount}</span>
                    </li>
                  ))}
                </ul>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
