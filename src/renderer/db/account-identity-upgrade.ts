/**
 * Schema v2 → v3: histories were kept per API key (`acc_…`); now they belong to the Deribit account
 * (`deribit-<main user id>`). The main user id of an old history is the user of its access-log stream
 * (the access log is always the key's main account). Every row moves to its account once: a row two
 * old histories both hold is kept once (with other content, the first is kept and the difference is a
 * sync issue to show, never a silent overwrite). Sync cursors merge to the one that reached furthest
 * (every row it vouches for is in the union), the ledger is rebuilt from the merged rows and carried
 * reconciliation state is dropped so the next check reads everything afresh.
 */
import type { Table, Transaction } from 'dexie';
import { accessLogToLoginEvent } from '../../core/logins/deribit-access-log';
import type { LoginEvent } from '../../core/logins/types';
import type { StreamState, SyncIssue } from '../../core/sync/types';
import type { CachedIdentity } from '../../shared/contract';
import type { AccessLogRecord, TransactionRecord } from './database';
import { buildLedgerFromTransactions } from './ledger-upgrade';

const READ_CHUNK = 2000;
/** Two cached copies of one row differed when their histories merged: kept until the history is deleted. */
export const MERGE_CONFLICT = 'merge-conflict';

export const accountKeyOfUser = (mainUserId: number): string => `deribit-${mainUserId}`;
const isLegacyKey = (accountKey: string): boolean => !accountKey.startsWith('deribit-');

export async function mergeAccountHistories(tx: Transaction): Promise<void> {
  const syncState = tx.table<StreamState, string>('syncState');
  const aliases = identitiesOf(await syncState.toArray());
  if (aliases.length === 0) return;
  await tx.table<CachedIdentity, string>('accountAliases').bulkPut(aliases);
  const issues: SyncIssue[] = [];
  const transactions = tx.table<TransactionRecord, [string, number]>('transactions');
  const accessLog = tx.table<AccessLogRecord, [string, number]>('accessLog');
  for (const alias of aliases) {
    await moveRows(transactions, alias, (kept, moved) => {
      if (kept.raw !== moved.raw) issues.push(conflictIssue(alias, kept, moved));
    });
    await moveRows(accessLog, alias, () => undefined);
    await mergeStreams(syncState, alias);
  }
  const targets = [...new Set(aliases.map((a) => a.accountKey))];
  await recountStreams(tx, targets);
  await rebuildDerived(tx, aliases, targets);
  if (issues.length > 0) await tx.table<SyncIssue, string>('syncIssues').bulkPut(issues);
}

/** One identity per old history that has an access-log stream (a history without one holds no rows). */
function identitiesOf(streams: readonly StreamState[]): CachedIdentity[] {
  return streams
    .filter((s) => s.kind === 'access' && isLegacyKey(s.accountKey))
    .map((s) => ({ legacyKey: s.accountKey, accountKey: accountKeyOfUser(s.userId), mainUserId: s.userId, username: s.username }));
}

/** Moves every record of the old key to the account; a record the account already has stays as it is. */
async function moveRows<R extends { readonly accountKey: string; readonly id: number }>(
  table: Table<R, [string, number]>,
  alias: CachedIdentity,
  onBoth: (kept: R, moved: R) => void,
): Promise<void> {
  for (;;) {
    const chunk = await table.where(':id').between([alias.legacyKey, -Infinity], [alias.legacyKey, Infinity], true, true).limit(READ_CHUNK).toArray();
    if (chunk.length === 0) return;
    const held = await table.bulkGet(chunk.map((r) => [alias.accountKey, r.id] as [string, number]));
    const fresh: R[] = [];
    chunk.forEach((record, i) => {
      const kept = held[i];
      if (kept === undefined) fresh.push({ ...record, accountKey: alias.accountKey });
      else onBoth(kept, record);
    });
    await table.bulkPut(fresh);
    await table.bulkDelete(chunk.map((r) => [alias.legacyKey, r.id] as [string, number]));
  }
}

/** A stream's state under the account; two of one stream keep the one complete up to the later time. */
async function mergeStreams(syncState: Table<StreamState, string>, alias: CachedIdentity): Promise<void> {
  const old = await syncState.where('accountKey').equals(alias.legacyKey).toArray();
  for (const state of old) {
    const moved: StreamState = { ...state, accountKey: alias.accountKey, streamKey: renameStreamKey(state.streamKey, alias) };
    const existing = await syncState.get(moved.streamKey);
    await syncState.put(existing === undefined ? moved : furthest(existing, moved));
  }
  await syncState.bulkDelete(old.map((s) => s.streamKey));
}

function renameStreamKey(streamKey: string, alias: CachedIdentity): string {
  const [kind, , ...rest] = streamKey.split('|');
  return [kind, alias.accountKey, ...rest].join('|');
}

function furthest(a: StreamState, b: StreamState): StreamState {
  const wa = a.watermark ?? Number.NEGATIVE_INFINITY;
  const wb = b.watermark ?? Number.NEGATIVE_INFINITY;
  if (wa !== wb) return wa > wb ? a : b;
  if (a.phase !== b.phase) return a.phase === 'idle' ? a : b;
  return (a.oldestSeen ?? Infinity) <= (b.oldestSeen ?? Infinity) ? a : b;
}

/** rowsStored of every stream of the merged accounts, counted from the rows now held. */
async function recountStreams(tx: Transaction, accountKeys: readonly string[]): Promise<void> {
  const syncState = tx.table<StreamState, string>('syncState');
  const transactions = tx.table<TransactionRecord, [string, number]>('transactions');
  const accessLog = tx.table<AccessLogRecord, [string, number]>('accessLog');
  for (const accountKey of accountKeys) {
    for (const state of await syncState.where('accountKey').equals(accountKey).toArray()) {
      const rowsStored =
        state.kind === 'access'
          ? await accessLog.where(':id').between([accountKey, -Infinity], [accountKey, Infinity], true, true).count()
          : await transactions
              .where('[accountKey+currency+timestamp]')
              .between([accountKey, state.currency ?? '', -Infinity], [accountKey, state.currency ?? '', Infinity], true, true)
              .filter((r) => r.userId === state.userId)
              .count();
      await syncState.put({ ...state, rowsStored });
    }
  }
}

/** Ledger pages and login events of the old keys go; the accounts' are rebuilt from their rows. */
async function rebuildDerived(tx: Transaction, aliases: readonly CachedIdentity[], targets: readonly string[]): Promise<void> {
  const oldKeys = aliases.map((a) => a.legacyKey);
  for (const name of ['ledger', 'ledgerRows'] as const) {
    await tx.table(name).where('accountKey').anyOf([...oldKeys, ...targets]).delete();
  }
  await tx.table('reconState').clear();
  await tx.table('accounts').bulkDelete(oldKeys);
  const loginEvents = tx.table<LoginEvent, string>('loginEvents');
  for (const key of oldKeys) {
    await loginEvents.where('[sourceKey+timestamp]').between([key, -Infinity], [key, Infinity], true, true).delete();
  }
  await buildLedgerFromTransactions(tx, targets);
  const accessLog = tx.table<AccessLogRecord, [string, number]>('accessLog');
  for (const accountKey of targets) {
    const events = await accessLog.where(':id').between([accountKey, -Infinity], [accountKey, Infinity], true, true).toArray();
    await loginEvents.bulkPut(events.map(({ accountKey: _key, ...event }) => accessLogToLoginEvent(accountKey, event)));
  }
}

function conflictIssue(alias: CachedIdentity, kept: TransactionRecord, other: TransactionRecord): SyncIssue {
  const who = alias.username ?? `user ${alias.mainUserId}`;
  return {
    issueKey: `tx|${alias.accountKey}|${kept.userId}|${kept.currency}|${MERGE_CONFLICT}|${kept.id}`,
    accountKey: alias.accountKey,
    streamKey: `tx|${alias.accountKey}|${kept.userId}|${kept.currency}`,
    kind: MERGE_CONFLICT,
    message: `${who}, ${kept.currency}: two cached copies of transaction ${kept.id} differ (merged from two keys of one account). The first copy is kept; sync again to compare with Deribit. Other: ${other.raw.slice(0, 200)}`,
    rowId: kept.id,
    detectedAt: Date.now(),
  };
}
