/**
 * Beancount names: `Assets:Deribit:<Account>:<User>:<CUR>` with every component made valid
 * (starts with a capital letter or digit; letters, digits and '-' only) and kept unique, plus the
 * fixed counter-accounts each kind posts against.
 */
import type { ExportContext, ExportRow } from './export-types';
import { accountUsers, isOwnAccountMove } from './own-account';

export const OPENING_BALANCES = 'Equity:Opening-Balances';
export const FEES = 'Expenses:Deribit:Fees';
export const UNRECONCILED = 'Equity:Deribit:Unreconciled';

const COUNTER_BY_KIND: Readonly<Record<string, string>> = {
  'trade-option': 'Income:Deribit:Options',
  'trade-future': 'Income:Deribit:PnL',
  trade: 'Income:Deribit:PnL',
  settlement: 'Income:Deribit:PnL',
  delivery: 'Income:Deribit:PnL',
  deposit: 'Equity:Deribit:External',
  withdrawal: 'Equity:Deribit:External',
  swap: 'Equity:Deribit:Swaps',
  correction: 'Income:Deribit:Corrections',
  bonus: 'Income:Deribit:Rewards',
};
/** Transfers to or from users outside the Deribit account: money entering or leaving it. */
const EXTERNAL = 'Equity:Deribit:External';
const OTHER = 'Income:Deribit:Other';

/** Every account that is not per chain or per currency (opened once, up front). */
export const FIXED_ACCOUNTS: readonly string[] = [
  OPENING_BALANCES, UNRECONCILED, FEES, ...new Set(Object.values(COUNTER_BY_KIND)), OTHER,
].sort();

/** Subaccount transfers post both legs to a clearing account that nets to zero. */
export function transfersAccount(commodity: string): string {
  return `Assets:Deribit:Transfers:${commodity}`;
}

/** By kind alone: every transfer and position move goes through the clearing account. */
export function counterAccount(kind: string, commodity: string): string {
  if (kind === 'transfer' || kind === 'position-move') return transfersAccount(commodity);
  return COUNTER_BY_KIND[kind] ?? OTHER;
}

/**
 * By row: own-account transfers and position moves through the clearing account (their legs net to
 * zero), transfers to or from users outside the account against Equity:Deribit:External like deposits
 * and withdrawals.
 */
export function counterAccountOf(row: ExportRow, ctx: ExportContext, commodity: string): string {
  if (row.kind === 'transfer' && !isOwnAccountMove(row, accountUsers(ctx))) return EXTERNAL;
  return counterAccount(row.kind, commodity);
}

/** A valid account component from free text ("my main (2)" → "My-main-2"); `fallback` when nothing is left. */
export function accountComponent(text: string, fallback: string): string {
  const cleaned = text.replace(/[^A-Za-z0-9-]+/g, '-').replace(/-{2,}/g, '-').replace(/^-+|-+$/g, '');
  if (cleaned === '') return fallback;
  return cleaned.charAt(0).toUpperCase() + cleaned.slice(1);
}

/** A valid commodity: capitals, digits and '._-, starting with a letter, ending with a letter or digit, ≤ 24 chars. */
export function commodityName(currency: string): string {
  let name = currency.toUpperCase().replace(/[^A-Z0-9'._-]/g, '-');
  if (!/^[A-Z]/.test(name)) name = `C${name}`;
  name = name.slice(0, 24).replace(/[^A-Z0-9]+$/, '');
  return name === '' ? 'C' : name;
}

/** Names stay stable for the whole export: assigned in a deterministic order, made unique on collision. */
export class BeancountAccounts {
  private readonly accountParts = new Map<string, string>();
  private readonly usedAccountParts = new Set<string>();
  private readonly userParts = new Map<string, string>();
  private readonly usedUserParts = new Set<string>();

  constructor(private readonly ctx: ExportContext) {
    const keys = new Set<string>([...ctx.accountLabels.keys(), ...ctx.summaries.map((s) => s.chain.accountKey)]);
    for (const key of [...keys].sort()) this.accountPart(key);
    const users = ctx.summaries.map((s) => s.chain).sort((a, b) =>
      a.accountKey !== b.accountKey ? (a.accountKey < b.accountKey ? -1 : 1) : a.userId - b.userId,
    );
    const summaryNames = new Map(ctx.summaries.map((s) => [`${s.chain.accountKey}|${s.chain.userId}`, s.username]));
    for (const u of users) this.userPart(u.accountKey, u.userId, summaryNames.get(`${u.accountKey}|${u.userId}`) ?? null);
  }

  asset(accountKey: string, userId: number, currency: string, username: string | null): string {
    return `Assets:Deribit:${this.accountPart(accountKey)}:${this.userPart(accountKey, userId, username)}:${commodityName(currency)}`;
  }

  private accountPart(accountKey: string): string {
    let part = this.accountParts.get(accountKey);
    if (part === undefined) {
      part = accountComponent(this.ctx.accountLabels.get(accountKey) ?? accountKey, 'Account');
      if (this.usedAccountParts.has(part)) part = `${part}-${accountComponent(accountKey, 'Key')}`;
      const base = part;
      for (let n = 2; this.usedAccountParts.has(part); n++) part = `${base}-${n}`;
      this.accountParts.set(accountKey, part);
      this.usedAccountParts.add(part);
    }
    return part;
  }

  private userPart(accountKey: string, userId: number, username: string | null): string {
    const key = `${accountKey}|${userId}`;
    let part = this.userParts.get(key);
    if (part === undefined) {
      const name = this.ctx.usernames.get(key) ?? username;
      part = accountComponent(name ?? '', `User-${userId}`);
      const scoped = (p: string): string => `${accountKey}|${p}`;
      if (this.usedUserParts.has(scoped(part))) part = `${part}-${userId}`;
      const base = part;
      for (let n = 2; this.usedUserParts.has(scoped(part)); n++) part = `${base}-${n}`;
      this.userParts.set(key, part);
      this.usedUserParts.add(scoped(part));
    }
    return part;
  }
}
