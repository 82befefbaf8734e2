/**
 * Accounts as main stores them: one record per Deribit account, keys attached. Pure functions only:
 * the identity of an account, which key syncs use, how two records of one account merge, and how a
 * file written before identities existed (one entry per key) reads.
 */
import type { DeribitAuthMethod, DeribitEnvironment, GrantedScope } from '../../core/providers/deribit/types';
import type { AccountInfo, ApiKeyInfo } from '../../shared/contract';

export interface AccountRecord {
  readonly accountKey: string;
  /** What the user typed; empty = use the username. */
  readonly customLabel: string;
  readonly environment: DeribitEnvironment | null;
  readonly baseUrl: string;
  readonly mainUserId: number | null;
  readonly username: string | null;
  readonly keys: readonly ApiKeyInfo[];
  readonly addedAt: number;
  readonly demo: boolean;
}

/** The history's name: one per Deribit account, whichever key reads it. */
export function accountKeyFor(mainUserId: number): string {
  return `deribit-${mainUserId}`;
}

export function isIdentified(record: Pick<AccountRecord, 'mainUserId'>): boolean {
  return record.mainUserId !== null;
}

/** Read-only keys first (a key that can trade or withdraw only when there is no other), then the oldest. */
export function chooseSyncKey(keys: readonly ApiKeyInfo[]): ApiKeyInfo | null {
  const usable = keys.filter((k) => !k.scope?.insufficient);
  const ranked = [...usable].sort((a, b) => writeRank(a.scope) - writeRank(b.scope) || a.addedAt - b.addedAt);
  return ranked[0] ?? null;
}

/** 0 = read-only, 1 = unknown (never checked), 2 = can change something. */
function writeRank(scope: GrantedScope | null): number {
  if (scope === null) return 1;
  return scope.tokens.some((t) => t.endsWith(':read_write')) ? 2 : 0;
}

export function isReadOnly(key: ApiKeyInfo): boolean {
  return writeRank(key.scope) === 0;
}

export function toAccountInfo(record: AccountRecord): AccountInfo {
  const syncKey = chooseSyncKey(record.keys);
  return {
    accountKey: record.accountKey,
    label: record.customLabel || record.username || record.keys[0]?.clientId || record.accountKey,
    environment: record.environment,
    baseUrl: record.baseUrl,
    mainUserId: record.mainUserId,
    username: record.username,
    keys: record.keys,
    syncKeyId: syncKey?.keyId ?? null,
    scope: syncKey?.scope ?? null,
    addedAt: record.addedAt,
    demo: record.demo,
  };
}

/** Two records of one account become one: the older one's label and date, every key once (by client id). */
export function mergeRecords(into: AccountRecord, from: AccountRecord): AccountRecord {
  const keys = [...into.keys];
  for (const key of from.keys) if (!keys.some((k) => k.clientId === key.clientId)) keys.push(key);
  const older = from.addedAt < into.addedAt ? from : into;
  return {
    ...into,
    customLabel: older.customLabel || into.customLabel || from.customLabel,
    environment: into.environment ?? from.environment,
    baseUrl: into.baseUrl || from.baseUrl,
    username: into.username ?? from.username,
    keys,
    addedAt: older.addedAt,
    demo: into.demo || from.demo,
  };
}

/** One entry of accounts.json before identities: a key, with its own history under `acc_…`. */
interface LegacyEntry {
  readonly accountKey: string;
  readonly label: string;
  readonly environment: DeribitEnvironment;
  readonly baseUrl: string;
  readonly clientId: string;
  readonly authMethod: DeribitAuthMethod;
  readonly scope: GrantedScope | null;
  readonly addedAt: number;
  readonly demo: boolean;
}

/**
 * Reads either format. A legacy entry becomes an unidentified account whose one key keeps its old id
 * (that is where its secret is stored), so nothing has to move in the secret store.
 */
export function readAccountsFile(parsed: unknown): AccountRecord[] {
  if (Array.isArray(parsed)) return parsed.filter(isLegacyEntry).map(fromLegacy);
  if (typeof parsed === 'object' && parsed !== null && Array.isArray((parsed as { accounts?: unknown }).accounts)) {
    return (parsed as { accounts: AccountRecord[] }).accounts;
  }
  return [];
}

function isLegacyEntry(value: unknown): value is LegacyEntry {
  const v = value as Partial<LegacyEntry> | null;
  return typeof v === 'object' && v !== null && typeof v.accountKey === 'string' && typeof v.clientId === 'string';
}

function fromLegacy(entry: LegacyEntry): AccountRecord {
  return {
    accountKey: entry.accountKey,
    customLabel: entry.label === entry.clientId ? '' : entry.label,
    environment: entry.environment,
    baseUrl: entry.baseUrl,
    mainUserId: null,
    username: null,
    keys: [{ keyId: entry.accountKey, clientId: entry.clientId, authMethod: entry.authMethod, scope: entry.scope, addedAt: entry.addedAt }],
    addedAt: entry.addedAt,
    demo: entry.demo,
  };
}
