/** The words the Reconciliation view shows for a chain's state: short, plain, the same everywhere. */
import type { ChainId, ChainStatus, DownloadState, Finding, PeriodSummary, TieOut } from '../../../core/recon/types';
import { formatZonedTime } from '../formatting/zoned-time';

export type Tone = 'ok' | 'warn' | 'bad' | 'none';

export interface StatusWords {
  readonly text: string;
  readonly tone: Tone;
}

/** The chain's download, when the sync has not finished it (null when fully downloaded). */
export function pendingDownload(status: ChainStatus): DownloadState | null {
  return status.download !== undefined && !status.download.complete ? status.download : null;
}

export function chainWords(status: ChainStatus): StatusWords {
  // Nothing is claimed about a chain whose rows are not all there: it is checked once they are.
  if (pendingDownload(status) !== null) return { text: 'Not checked yet', tone: 'none' };
  if (status.breaks === 0) return { text: 'Chain intact', tone: 'ok' };
  return { text: status.breaks === 1 ? '1 break' : `${status.breaks} breaks`, tone: 'bad' };
}

export function historyWords(status: ChainStatus): StatusWords {
  const pending = pendingDownload(status);
  if (pending !== null) return { text: `Not fully downloaded (sync ${pending.percentDone} % done) — sync to finish`, tone: 'warn' };
  if (status.gaps > 0) return { text: status.gaps === 1 ? 'Gapped (1 gap)' : `Gapped (${status.gaps} gaps)`, tone: 'bad' };
  if (!status.complete) return { text: 'History incomplete', tone: 'warn' };
  return { text: 'Complete', tone: 'ok' };
}

export function tieOutWords(tieOut: TieOut | null | undefined): StatusWords {
  if (tieOut === null || tieOut === undefined) return { text: 'Not checked', tone: 'none' };
  if (tieOut.tiesOut) return { text: 'Tied out', tone: 'ok' };
  return { text: `Off by ${tieOut.difference ?? tieOut.liveBalance}`, tone: 'bad' };
}

/** Under "Not fully downloaded": which time the sync has not downloaded yet (in the display zone, named once). */
export function missingText(status: ChainStatus, zone: string): string | null {
  const pending = pendingDownload(status);
  if (pending === null) return null;
  if (status.rows === 0) return 'nothing downloaded yet';
  const ranges = pending.missing.map((r) => `${formatZonedTime(r.from, zone)} – ${formatZonedTime(r.to, zone)}`);
  const shown = ranges.slice(0, 2).join(' and ');
  return `not downloaded (${zone}): ${shown}${ranges.length > 2 ? ` and ${ranges.length - 2} more` : ''}`;
}

/**
 * The verdict line: all green, or the download still to finish (findings wait), or the findings.
 * `accessLogsPending`: access logs not fully downloaded (not chains, but worth saying).
 */
export function verdictText(statuses: readonly ChainStatus[], attention: number, green: boolean, accessLogsPending: number): string {
  const total = statuses.length;
  const pending = statuses.filter((s) => pendingDownload(s) !== null).length;
  const access = accessLogsPending === 0 ? '' : accessLogsPending === 1 ? 'The access log' : `${accessLogsPending} access logs`;
  const accessVerb = accessLogsPending === 1 ? 'is' : 'are';
  if (pending > 0) {
    const meanwhile = attention === 0 ? '' : ` Meanwhile ${attention} ${attention === 1 ? 'finding needs' : 'findings need'} attention in what is downloaded.`;
    return (
      `${pending} of ${total} ${total === 1 ? 'chain' : 'chains'} ${pending === 1 ? 'is' : 'are'} not fully downloaded — sync to finish; findings wait until then.` +
      meanwhile +
      (access === '' ? '' : ` ${access} ${accessVerb} not fully downloaded either.`)
    );
  }
  const accessNote = access === '' ? '' : ` ${access} ${accessVerb} not fully downloaded yet — sync to finish.`;
  if (green) return `All ${total} chains reconcile: every balance follows from the one before, no gaps.${accessNote}`;
  return `${attention} ${attention === 1 ? 'finding needs' : 'findings need'} attention across ${total} ${total === 1 ? 'chain' : 'chains'}.${accessNote}`;
}

/** "live 1.5 at 2026-03-01 12:00:05 · newest cached row 2026-02-28 23:10:00 (UTC)" under a tie-out (the zone named once). */
export function tieOutTimes(tieOut: TieOut, zone: string): string {
  const cached = tieOut.cachedAt === null ? 'no cached row' : `newest cached row ${formatZonedTime(tieOut.cachedAt, zone)}`;
  return `live ${tieOut.liveBalance} at ${formatZonedTime(tieOut.liveAt, zone)} · ${cached} (${zone})`;
}

export type UsernameLookup = (chain: Pick<ChainId, 'accountKey' | 'userId'>) => string | null;

/** "Main · BTC" / "Sub1 (12345) · ETH", with the account label when several accounts are shown. */
export function chainLabel(chain: ChainId, username: UsernameLookup, accountLabel: ((key: string) => string) | null): string {
  const name = username(chain);
  const user = name === null ? `user ${chain.userId}` : `${name} (${chain.userId})`;
  return `${accountLabel ? `${accountLabel(chain.accountKey)} · ` : ''}${user} · ${chain.currency}`;
}

export function severityWord(finding: Finding): string {
  return finding.severity === 'error' ? 'Error' : finding.severity === 'warning' ? 'Warning' : 'Info';
}

/** Every chain all green: intact, complete, no gap, and (when checked) tied out. */
export function allGreen(statuses: readonly ChainStatus[], tieOuts: Readonly<Record<string, TieOut>>, keyOf: (c: ChainId) => string): boolean {
  return statuses.every(
    (s) => chainWords(s).tone === 'ok' && historyWords(s).tone === 'ok' && (tieOuts[keyOf(s.chain)]?.tiesOut ?? true),
  );
}

export function openingWords(summary: PeriodSummary): string {
  if (summary.openingBasis === 'unknown-history-incomplete') return `${summary.opening} (history incomplete: derived from the first row)`;
  return summary.opening;
}

/** An incremental check reads only the rows added since the last one: say so rather than "Checked 0 rows". */
export function checkedText(rowsRead: number, rowsInAll: number, elapsedMs: number): string {
  const all = rowsInAll.toLocaleString('en-US');
  const ms = `${Math.round(elapsedMs)} ms`;
  if (rowsRead >= rowsInAll) return `Checked all ${all} rows in ${ms}`;
  if (rowsRead === 0) return `Nothing new since the last check (${all} rows, carried forward; ${ms})`;
  return `Checked ${rowsRead.toLocaleString('en-US')} new ${rowsRead === 1 ? 'row' : 'rows'} on top of the last check in ${ms} (${all} rows in all)`;
}
