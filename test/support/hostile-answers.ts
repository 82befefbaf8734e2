/**
 * Helpers for serving hostile answers from the Deribit simulator (its `mutate` fault) and for proving a
 * refused answer wrote nothing: a store that remembers the cache as it was after its last good commit.
 */
import { LosslessNumber } from 'lossless-json';
import type { SyncStore } from '../../src/core/sync/types';
import type { ReconcilerDatabase } from '../../src/renderer/db/database';
import { createDexieSyncStore } from '../../src/renderer/db/dexie-sync-store';
import type { FaultSpec } from '../sim/deribit/index';
import { dumpCache } from './sync-harness';

export type JsonRecord = Record<string, unknown>;
export interface TxResult {
  logs: JsonRecord[];
  continuation: unknown;
}
export interface AccessResult {
  records_total?: unknown;
  data: JsonRecord[];
}

export const TX_METHOD = 'private/get_transaction_log';
export const ACCESS_METHOD = 'private/get_access_log';
/** As many answers as a test can ask for: a mutate fault decides itself which answers to change. */
const ALWAYS = 1_000_000;

export const num = (value: number | string): LosslessNumber => new LosslessNumber(String(value));
export const numberOf = (value: unknown): number => Number(String(value));

/**
 * Rewrites transaction-log answers of one stream (the main account's when `subaccountId` is null);
 * `change` gets the result and the request's params and returns the result to send.
 */
export function mutateTransactionLog(
  stream: { currency: string; subaccountId: number | null },
  change: (result: TxResult, params: Readonly<Record<string, string>>) => unknown,
): FaultSpec {
  return {
    method: TX_METHOD,
    times: ALWAYS,
    kind: {
      type: 'mutate',
      mutate: (result, params) => {
        const sub = params.subaccount_id === undefined ? null : Number(params.subaccount_id);
        if (params.currency !== stream.currency || sub !== stream.subaccountId) return result;
        return change(result as TxResult, params);
      },
    },
  };
}

export function mutateAccessLog(change: (result: AccessResult, params: Readonly<Record<string, string>>) => unknown): FaultSpec {
  return { method: ACCESS_METHOD, times: ALWAYS, kind: { type: 'mutate', mutate: (result, params) => change(result as AccessResult, params) } };
}

/**
 * The Dexie store, plus the cache dump taken after its last successful commit (or `initial`): a refused
 * answer must leave the cache exactly as that dump.
 */
export function dumpingStore(db: ReconcilerDatabase, initial: Record<string, string>): { store: SyncStore; lastGood: () => Record<string, string> } {
  const real = createDexieSyncStore(db);
  let last = initial;
  return {
    store: {
      ...real,
      commitTransactionPage: async (accountKey, rows, state) => {
        const inserted = await real.commitTransactionPage(accountKey, rows, state);
        last = await dumpCache(db);
        return inserted;
      },
      commitAccessPage: async (accountKey, events, state) => {
        const inserted = await real.commitAccessPage(accountKey, events, state);
        last = await dumpCache(db);
        return inserted;
      },
    },
    lastGood: () => last,
  };
}
