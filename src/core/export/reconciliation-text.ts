/**
 * The reconciliation section as plain text: the sidecar of CSV exports and the closing comment block
 * of the Beancount file. Deterministic (no clock); every amount as exact decimal text.
 */
import type { ChainId, ChainStatus, Finding, ReconciliationSection } from '../recon/types';
import { isoUtc } from './export-dates';

export function formatReconciliationSection(section: ReconciliationSection, commentPrefix: string): string {
  const usernames = new Map<string, string>();
  for (const s of section.summaries) if (s.username !== null) usernames.set(userKey(s.chain), s.username);
  const chainName = (chain: ChainId): string => {
    const name = usernames.get(userKey(chain));
    return `${chain.accountKey} / ${chain.userId}${name === undefined ? '' : ` ${name}`} / ${chain.currency}`;
  };
  const { period } = section;
  const breaks = section.chains.reduce((n, c) => n + c.breaks, 0);
  const gaps = section.chains.reduce((n, c) => n + c.gaps, 0);
  const lines: string[] = [
    'Reconciliation',
    `Generated from: ${oneLine(section.generatedFrom)}`,
    `Period: ${oneLine(period.label)}; from ${isoUtc(period.fromMs)} (inclusive) to ${isoUtc(period.toMs)} (exclusive); time zone ${period.timeZone}`,
    `Rows exported: ${section.rowsExported}`,
    `SHA-256 of the exported rows: ${section.sha256}`,
    '',
    `Balance chains: ${section.chains.length}; balance-chain breaks: ${breaks}; sequence gaps: ${gaps}`,
  ];
  for (const chain of section.chains) lines.push(`  ${chainName(chain.chain)}: ${chainStatusText(chain)}`);
  lines.push('', `Findings: ${section.findings.length === 0 ? 'none' : String(section.findings.length)}`);
  for (const finding of section.findings) lines.push(`  ${findingText(finding, chainName(finding.chain))}`);
  lines.push('', `Period summaries: ${section.summaries.length}`);
  for (const s of section.summaries) {
    lines.push(
      `  ${chainName(s.chain)}: opening ${s.opening} (${s.openingBasis}), closing ${s.closing}, ` +
        `sum of changes ${s.sumOfChanges}, rows ${s.rows}; closing = opening + sum(change): ${s.identityHolds ? 'holds' : 'DOES NOT HOLD'}`,
    );
    for (const total of s.totals) lines.push(`    ${total.kind} (${total.label}): ${total.amount} in ${total.rows} rows`);
  }
  const blank = commentPrefix.trimEnd();
  return lines.map((line) => (line === '' ? blank : commentPrefix + line)).join('\n') + '\n';
}

function userKey(chain: ChainId): string {
  return `${chain.accountKey}|${chain.userId}`;
}

function chainStatusText(status: ChainStatus): string {
  const parts = [
    `${status.rows} rows`,
    status.firstTimestamp === null || status.lastTimestamp === null
      ? 'no rows cached'
      : `${isoUtc(status.firstTimestamp)} to ${isoUtc(status.lastTimestamp)}`,
    `newest balance ${status.newestBalance ?? 'none'}`,
    `breaks ${status.breaks}`,
    `gaps ${status.gaps}`,
    // Not yet downloaded is not the same as a history that does not reach account creation.
    status.download !== undefined && !status.download.complete
      ? `not fully downloaded (sync ${status.download.percentDone} % done): not checked yet`
      : status.complete
        ? 'history complete'
        : 'history incomplete',
  ];
  const t = status.tieOut;
  parts.push(
    t === null
      ? 'live balance not fetched'
      : `live balance ${t.liveBalance} at ${isoUtc(t.liveAt)} vs cached ${t.cachedBalance ?? 'none'}: ` +
          (t.tiesOut ? 'ties out' : `DIFFERENCE ${t.difference ?? 'unknown'}`),
  );
  return parts.join(', ');
}

function findingText(f: Finding, chain: string): string {
  const where = [f.rowId === null ? null : `row ${f.rowId}`, f.timestamp === null ? null : isoUtc(f.timestamp)]
    .filter((p) => p !== null)
    .join(' at ');
  const figures = [
    f.expected === null ? null : `expected ${f.expected}`,
    f.actual === null ? null : `actual ${f.actual}`,
    f.difference === null ? null : `difference ${f.difference}`,
    f.relatedRowIds.length === 0 ? null : `related rows ${f.relatedRowIds.join(' ')}`,
  ].filter((p) => p !== null);
  return (
    `[${f.severity}] ${f.kind} ${chain}${where === '' ? '' : ` ${where}`}: ${oneLine(f.message)}` +
    (figures.length === 0 ? '' : ` (${figures.join(', ')})`)
  );
}

/** Messages are user text: keep each finding on one (comment) line. */
function oneLine(text: string): string {
  return text.replace(/[\r\n]+/g, ' ');
}
