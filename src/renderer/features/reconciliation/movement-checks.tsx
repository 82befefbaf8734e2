/**
 * Transfers between the key's own users (matched on every run) and deposits/withdrawals against the
 * wallet lists (on request, needs wallet:read — said plainly when the key lacks it). While a chain is
 * not fully downloaded, a transfer whose other side may not be downloaded yet waits (and so does the
 * count of transfers to outside: an undownloaded user is not outside).
 */
import type { Finding } from '../../../core/recon/types';
import type { AccountInfo } from '../../../shared/contract';
import { useDisplayZone } from '../formatting/use-display-zone';
import { ZonedTimeText } from '../formatting/zoned-time-text';
import { useReconciliation, walletStateOf } from './reconciliation-store';

export function MovementChecks({
  accounts,
  findings,
  transfersOutside,
  downloadPending,
}: {
  readonly accounts: readonly AccountInfo[];
  readonly findings: readonly Finding[];
  readonly transfersOutside: number;
  readonly downloadPending: boolean;
}) {
  const unmatched = findings.filter((f) => f.kind === 'transfer-unmatched').length;
  return (
    <section className="recon-section" aria-labelledby="movements-heading">
      <h3 id="movements-heading">Transfers, deposits and withdrawals</h3>
      <p>
        {unmatched > 0 ? (
          <span className="status-pill status-pill--bad">{unmatched === 1 ? '1 transfer without its other side' : `${unmatched} transfers without their other side`}</span>
        ) : downloadPending ? (
          <span className="status-pill status-pill--warn">Transfers matched so far</span>
        ) : (
          <span className="status-pill status-pill--ok">Transfers matched</span>
        )}{' '}
        {downloadPending
          ? 'Transfers whose other side is not downloaded yet are matched once the sync finishes.'
          : transfersOutside > 0
          ? `${transfersOutside} ${transfersOutside === 1 ? 'transfer goes' : 'transfers go'} to accounts outside this key (their side cannot be checked).`
          : null}
      </p>
      {accounts.map((account) => (
        <WalletCheck key={account.accountKey} account={account} showLabel={accounts.length > 1} />
      ))}
    </section>
  );
}

function WalletCheck({ account, showLabel }: { readonly account: AccountInfo; readonly showLabel: boolean }) {
  const state = useReconciliation((s) => walletStateOf(s, account.accountKey));
  const checkWallet = useReconciliation((s) => s.checkWallet);
  const mismatches = state.outcome?.findings.length ?? 0;
  const waiting = state.outcome?.notDownloaded ?? 0;
  const zone = useDisplayZone();
  return (
    <div className="wallet-check" role="group" aria-label={`Deposits and withdrawals of ${account.label}`}>
      <button type="button" className="button" disabled={state.running} onClick={() => void checkWallet(account)}>
        {state.running ? 'Checking deposits & withdrawals…' : 'Check deposits & withdrawals'}
        {showLabel ? ` (${account.label})` : ''}
      </button>
      <div aria-live="polite">
        {state.problem !== null ? (
          <p role="alert" className="error-text">
            {state.problem}
          </p>
        ) : null}
        {state.outcome !== null && state.problem === null ? (
          <p>
            <span className={`status-pill status-pill--${mismatches > 0 ? 'bad' : waiting > 0 ? 'warn' : 'ok'}`}>
              {mismatches > 0
                ? `${mismatches} ${mismatches === 1 ? 'mismatch' : 'mismatches'}`
                : waiting > 0
                  ? 'Deposits & withdrawals match so far'
                  : 'Deposits & withdrawals match'}
            </span>{' '}
            {state.outcome.matched} of {state.outcome.rowsChecked} rows matched against {state.outcome.recordsChecked} wallet entries
            {state.checkedAt !== null ? (
              <>
                {' (checked '}
                <ZonedTimeText ms={state.checkedAt} zone={zone} named />)
              </>
            ) : null}
            .
            {waiting > 0
              ? ` ${waiting} wallet ${waiting === 1 ? 'entry falls' : 'entries fall'} in history not downloaded yet: checked once the sync finishes.`
              : null}
          </p>
        ) : null}
      </div>
    </div>
  );
}
