/** Plain-words descriptions of a row for tax-tool imports: who, what, and the Deribit id to trace it. */
import type { ExportContext, ExportRow } from './export-types';
import { accountUsers, isOwnAccountMove } from './own-account';
import { transferCounterparty } from './raw-row-fields';

/** "SimTrader7_sub1" for a subaccount transfer's other side (known username, the row's own name, or the id). */
export function counterpartyName(row: ExportRow, ctx: ExportContext): string {
  const other = transferCounterparty(row.raw);
  if (other.userId !== null) {
    const known = ctx.usernames.get(`${row.accountKey}|${other.userId}`);
    if (known !== undefined) return known;
  }
  if (other.username !== null) return other.username;
  return other.userId === null ? 'another account' : `user ${other.userId}`;
}

/** account / username (or user id): the group a line belongs to. */
export function ownerName(row: ExportRow): string {
  // Tax tools read Description/Trade-Group as one-line text: labels are user text and may hold line breaks.
  return `${row.accountLabel} / ${row.username ?? `user ${row.userId}`}`.replace(/[\r\n]+/g, ' ');
}

/** The wallet a line belongs to in tools that keep one wallet per exchange account: "Deribit SimTrader7_sub1". */
export function walletName(row: ExportRow): string {
  return `Deribit ${row.username ?? `user ${row.userId}`}`.replace(/[\r\n]+/g, ' ');
}

/** e.g. "Deribit id 61289 trade BTC-19FEB21-49200-C open buy (Main / TestUser)", "Deribit id 61312 transfer to Sub1 (...)" */
export function describeRow(row: ExportRow, ctx: ExportContext): string {
  let details = '';
  if (row.kind === 'transfer') {
    const own = isOwnAccountMove(row, accountUsers(ctx)) ? ' (own account)' : ' (outside this account)';
    details = ` ${row.change.startsWith('-') ? 'to' : 'from'} ${counterpartyName(row, ctx)}${own}`;
  } else {
    if (row.instrumentName !== null) details += ` ${row.instrumentName}`;
    if (row.side !== null && row.side !== '-') details += ` ${row.side}`;
  }
  return `Deribit id ${row.id} ${row.type}${details} (${ownerName(row)})`;
}

/** e.g. "Deribit id 601 swap BTC → USDC with id 602 (Main / TestUser)" */
export function describeSwap(sent: ExportRow, received: ExportRow): string {
  return `Deribit id ${sent.id} swap ${sent.currency} → ${received.currency} with id ${received.id} (${ownerName(received)})`;
}
