import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { deleteCachedAccountData, mirrorAccounts } from '../../../../src/renderer/features/accounts/cached-account-data';
import type { AccountInfo } from '../../../../src/shared/contract';
import { freshTestDatabase, makeAccessEvents, makeTransactions } from '../../fixtures/cached-rows';
import { putLedgerForNewRows } from '../../../../src/renderer/db/ledger-writes';
import { accessLogToLoginEvent } from '../../../../src/core/logins/deribit-access-log';
import { chainKeyOf, type ChainCarry } from '../../../../src/core/recon/types';

const carry = (accountKey: string): ChainCarry => {
  const chain = { accountKey, userId: 1, currency: 'BTC' };
  return {
    chainKey: chainKeyOf(chain), chain, rows: 1, lastId: 1, lastUserSeq: 1, lastTimestamp: 1, lastBalance: '1',
    firstId: 1, firstUserSeq: 1, firstTimestamp: 1, findings: [],
  };
};

const account = (accountKey: string, label: string): AccountInfo => ({
  accountKey,
  label,
  environment: 'testnet',
  baseUrl: 'https://test.deribit.com/api/v2',
  mainUserId: null,
  username: null,
  keys: [{ keyId: `key-${accountKey}`, clientId: `id-${accountKey}`, authMethod: 'client_signature', scope: null, addedAt: 1 }],
  syncKeyId: `key-${accountKey}`,
  scope: null,
  addedAt: 1,
  demo: false,
});

describe('cached account data', () => {
  it('deletes one account’s transactions, access log, ledger, chain state, login events and cursors, and nothing of the others', async () => {
    const db = freshTestDatabase();
    const rows = makeTransactions(200, 9);
    const events = makeAccessEvents(100, 4);
    await db.transactions.bulkPut(rows);
    await db.accessLog.bulkPut(events);
    await db.syncState.bulkPut(
      ['acc_a', 'acc_b'].map((accountKey) => ({
        streamKey: `access|${accountKey}`, kind: 'access' as const, accountKey, userId: 1, username: 'u', currency: null, phase: 'idle' as const,
        windowStart: 0, windowEnd: 0, continuation: null, offset: 0, stopAtId: null, watermark: 5, oldestSeen: null,
        creationTimestamp: null, rowsStored: 1, pagesFetched: 1, lastSyncedAt: 5, lastError: null,
      })),
    );
    await db.transaction('rw', db.ledger, db.ledgerRows, async () => {
      for (const key of ['acc_a', 'acc_b']) await putLedgerForNewRows(db, key, rows.filter((r) => r.accountKey === key));
    });
    await db.reconState.bulkPut([carry('acc_a'), carry('acc_b')]);
    await db.loginEvents.bulkPut(events.map(({ accountKey, ...event }) => accessLogToLoginEvent(accountKey, event)));
    expect(await db.ledger.where('accountKey').equals('acc_a').count()).toBeGreaterThan(0);
    const ledgerOfB = await db.ledger.where('accountKey').equals('acc_b').count();
    expect(ledgerOfB).toBeGreaterThan(0);

    await deleteCachedAccountData(db, 'acc_a');
    expect(await db.transactions.count()).toBe(rows.filter((r) => r.accountKey !== 'acc_a').length);
    expect(await db.transactions.filter((r) => r.accountKey === 'acc_a').count()).toBe(0);
    expect(await db.accessLog.count()).toBe(events.filter((e) => e.accountKey !== 'acc_a').length);
    expect((await db.syncState.toArray()).map((s) => s.accountKey)).toEqual(['acc_b']);
    expect(await db.ledger.where('accountKey').equals('acc_a').count()).toBe(0);
    expect(await db.ledgerRows.where('accountKey').equals('acc_a').count()).toBe(0);
    expect(await db.ledger.where('accountKey').equals('acc_b').count()).toBe(ledgerOfB);
    expect((await db.reconState.toArray()).map((c) => c.chain.accountKey)).toEqual(['acc_b']);
    expect(await db.loginEvents.where('sourceKey').equals('acc_a').count()).toBe(0);
    expect(await db.loginEvents.count()).toBe(events.filter((e) => e.accountKey !== 'acc_a').length);
  });

  it('mirrors main’s account list exactly', async () => {
    const db = freshTestDatabase();
    await mirrorAccounts(db, [account('a', 'A'), account('b', 'B')]);
    await mirrorAccounts(db, [account('b', 'B2'), account('c', 'C')]);
    expect((await db.accounts.toArray()).map((a) => `${a.accountKey}:${a.label}`).sort()).toEqual(['b:B2', 'c:C']);
  });
});
