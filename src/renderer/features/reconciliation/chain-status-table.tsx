/** One line per chain (account × user × currency): rows, newest balance, chain, history and live balance at a glance. */
import { chainKeyOf, type ChainStatus, type TieOut } from '../../../core/recon/types';
import { useDisplayZone } from '../formatting/use-display-zone';
import { formatZonedTimeNamed, fullPrecisionTime } from '../formatting/zoned-time';
import { chainWords, historyWords, missingText, tieOutTimes, tieOutWords, type StatusWords, type UsernameLookup } from './chain-status-text';

function Status({ words }: { readonly words: StatusWords }) {
  return <span className={`status-pill status-pill--${words.tone}`}>{words.text}</span>;
}

export function ChainStatusTable({
  statuses,
  tieOuts,
  username,
  accountLabel,
}: {
  readonly statuses: readonly ChainStatus[];
  readonly tieOuts: Readonly<Record<string, TieOut>>;
  readonly username: UsernameLookup;
  readonly accountLabel: (accountKey: string) => string;
}) {
  const zone = useDisplayZone();
  return (
    <table className="recon-table">
      <caption>Chains</caption>
      <thead>
        <tr>
          <th scope="col">Account</th>
          <th scope="col">User</th>
          <th scope="col">Currency</th>
          <th scope="col" className="numeric">
            Rows
          </th>
          <th scope="col" className="numeric">
            Newest balance
          </th>
          <th scope="col">Chain</th>
          <th scope="col">History</th>
          <th scope="col">Live balance</th>
        </tr>
      </thead>
      <tbody>
        {statuses.map((status) => {
          const key = chainKeyOf(status.chain);
          const tieOut = tieOuts[key] ?? status.tieOut;
          const name = username(status.chain);
          const missing = missingText(status, zone);
          return (
            <tr key={key} data-chain={key}>
              <td>{accountLabel(status.chain.accountKey)}</td>
              <td>{name === null ? String(status.chain.userId) : `${name} (${status.chain.userId})`}</td>
              <td>{status.chain.currency}</td>
              <td className="numeric">{status.rows}</td>
              <td className="numeric" title={status.lastTimestamp === null ? undefined : `as of ${formatZonedTimeNamed(status.lastTimestamp, zone)} (${fullPrecisionTime(status.lastTimestamp)})`}>
                {status.newestBalance ?? '—'}
              </td>
              <td>
                <Status words={chainWords(status)} />
              </td>
              <td>
                <Status words={historyWords(status)} />
                {missing !== null ? <span className="recon-times muted">{missing}</span> : null}
              </td>
              <td>
                <Status words={tieOutWords(tieOut)} />
                {tieOut ? <span className="recon-times muted">{tieOutTimes(tieOut, zone)}</span> : null}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
