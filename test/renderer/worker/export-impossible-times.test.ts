/**
 * A cache written before the sync refused impossible times may hold a row stamped 9e15 (year ~287,000):
 * every export of a normal period still works, and Reconciliation's text names the time as a number.
 */
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isoUtc, spaceSeparatedUtc, ZonedDates } from '../../../src/core/export/export-dates';
import { EXPORT_FORMATS } from '../../../src/core/export/export-types';
import { periodForYear } from '../../../src/core/recon/period';
import type { ReconcilerDatabase } from '../../../src/renderer/db/database';
import { writeTransactionRows } from '../../../src/renderer/db/ledger-writes';
import { exportPeriod } from '../../../src/renderer/worker/export-stream';
import { ChainColumnsCache } from '../../../src/renderer/worker/ledger-reader';
import type { RequestChannel } from '../../../src/renderer/worker/protocol';
import type { DeribitSim } from '../../sim/deribit/index';
import { fastClient, freshDatabase, smallDataset, startFastSim, syncOnce } from '../../support/sync-harness';

const ACCOUNT = 'acc_times';
let sim: DeribitSim;
let db: ReconcilerDatabase;

beforeAll(async () => {
  sim = await startFastSim({ dataset: smallDataset({ rowsPerStream: 40, accessLogEvents: 5, subaccounts: 0, currencies: ['BTC'], startTime: Date.UTC(2025, 0, 1), endTime: Date.UTC(2025, 11, 1) }) });
  db = freshDatabase();
  await syncOnce({ client: fastClient(sim), db, accountKey: ACCOUNT });
  const newest = (await db.transactions.where('[accountKey+timestamp]').between([ACCOUNT, -Infinity], [ACCOUNT, Infinity]).last())!;
  const bad = { ...newest, id: newest.id + 1_000_001, userSeq: newest.userSeq + 1, timestamp: 9e15, change: '0', raw: '{"bad":true}' };
  const { accountKey: _key, ...row } = bad;
  await db.transaction('rw', [db.transactions, db.ledger, db.ledgerRows], () => writeTransactionRows(db, ACCOUNT, [row]));
});

afterAll(async () => {
  db.close();
  await sim.close();
});

describe('impossible times already cached', () => {
  it('date texts name them instead of throwing', () => {
    expect(isoUtc(9e15)).toBe('invalid-time:9000000000000000');
    expect(spaceSeparatedUtc(9e15)).toBe('invalid-time:9000000000000000');
    expect(new ZonedDates('Europe/Paris').dateOf(9e15)).toBe('invalid-time:9000000000000000');
    expect(isoUtc(Date.UTC(2025, 0, 5, 10))).toBe('2025-01-05T10:00:00.000Z');
  });

  it.each(EXPORT_FORMATS.map((f) => f.format))('a %s export of 2025 completes', async (format) => {
    let text = '';
    const ch: RequestChannel = { chunk: (d) => ((text += typeof d === 'string' ? d : new TextDecoder().decode(d)), d.length), progress: () => undefined, isCancelled: () => false };
    const deps = { db, columns: new ChainColumnsCache(db), now: () => performance.now() };
    const outcome = await exportPeriod(deps, { accountKeys: [ACCOUNT], period: periodForYear(2025, 'UTC'), format, accountLabels: [[ACCOUNT, 'Times']] }, ch);
    expect(outcome.bytes).toBeGreaterThan(0);
    expect(text.length).toBeGreaterThan(0);
  });
});
