/**
 * Which movements stay inside the user's own Deribit account (main account and its subaccounts) and
 * which enter or leave it. Only the latter are deposits and withdrawals in the tax-tool exports; the
 * former are transfers between the user's own wallets (see docs/export-conventions.md).
 */
import type { ExportContext, ExportRow } from './export-types';
import { rawStringField, transferCounterparty } from './raw-row-fields';

/** `${accountKey}|${userId}` of every user the export knows (usernames and summary chains). */
export function accountUsers(ctx: ExportContext): ReadonlySet<string> {
  let users = cache.get(ctx);
  if (users === undefined) {
    users = new Set<string>(ctx.usernames.keys());
    for (const s of ctx.summaries) users.add(`${s.chain.accountKey}|${s.chain.userId}`);
    cache.set(ctx, users);
  }
  return users;
}

const cache = new WeakMap<ExportContext, Set<string>>();

/**
 * A transfer to or from another user of the same Deribit account, or a position move (which moves a
 * position between the account's own users). Deribit marks main ↔ subaccount transfers with
 * `info.transfer_type` "subaccount" (transfers to other Deribit users are type "user"); a counterparty
 * among the account's known users counts too.
 */
export function isOwnAccountMove(row: ExportRow, users: ReadonlySet<string>): boolean {
  if (row.kind === 'position-move') return true;
  if (row.kind !== 'transfer') return false;
  if (rawStringField(row.raw, 'transfer_type') === 'subaccount') return true;
  const other = transferCounterparty(row.raw).userId;
  return other !== null && other !== row.userId && users.has(`${row.accountKey}|${other}`);
}
