/** The line that says what an export saved: the file, what it holds, rows, bytes, time and digest. */
import type { ExportOutcome } from '../../worker/protocol';

export function exportSavedText(last: ExportOutcome & { readonly elapsedMs: number }): string {
  const entries = last.entries ?? [];
  const wallets = entries.filter((e) => e.rowsExported !== null && e.username !== null).map((e) => e.username as string);
  const sidecars = entries.some((e) => e.rowsExported === null);
  const holds =
    wallets.length > 0
      ? ` (${wallets.length} ${wallets.length === 1 ? 'file' : 'files'}, one per user: ${wallets.join(', ')}${sidecars ? '; each with its reconciliation.txt' : ''})`
      : entries.length > 0
        ? ` (${entries.map((e) => e.fileName).join(' and ')})`
        : last.sidecar !== null
          ? ` and ${last.sidecar.fileName}`
          : '';
  return (
    `Saved ${last.fileName}${holds}: ${last.section.rowsExported.toLocaleString('en-US')} rows, ` +
    `${last.bytes.toLocaleString('en-US')} bytes in ${(last.elapsedMs / 1000).toFixed(1)} s. SHA-256 ${last.section.sha256.slice(0, 16)}…` +
    (last.notZipped === undefined ? '' : ` Two files, not one .zip: ${last.notZipped}.`)
  );
}
