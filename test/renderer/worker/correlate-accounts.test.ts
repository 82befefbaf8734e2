/**
 * The worker's correlate request over fake-indexeddb, with an account synced from the simulator over real
 * HTTP (ledger + access log mapped into loginEvents) and planted events of other sources: the findings
 * equal the pure core's over the same data, a planted 2FA switch-off before a withdrawal is found with
 * its evidence, and what is served from memory vs re-read follows what changed.
 */
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { correlateIncidents } from '../../../src/core/correlate/correlate';
import { selectMovements } from '../../../src/core/correlate/select-movements';
import type { LoginEvent } from '../../../src/core/logins/types';
import type { ReconcilerDatabase } from '../../../src/renderer/db/database';
import { CorrelationMemory, correlateAccounts, type CorrelateDeps } from '../../../src/renderer/worker/correlate-accounts';
import type { CorrelationSettings } from '../../../src/renderer/worker/correlate-protocol';
import { CancelledError, type RequestChannel, type WorkerProgress } from '../../../src/renderer/worker/protocol';
import type { DeribitSim } from '../../sim/deribit/index';
import { fastClient, freshDatabase, smallDataset, startFastSim, syncOnce } from '../../support/sync-harness';

const ACCOUNT = 'acc_corr';
const HOUR = 3_600_000;
let sim: DeribitSim;
let db: ReconcilerDatabase;
let deps: CorrelateDeps;
let newestWithdrawal: { id: number; timestamp: number };

const settings: CorrelationSettings = { windowHours: 24, lossThresholds: [['BTC', '0.5']] };

function channel(cancelled = false): RequestChannel & { seen: WorkerProgress[] } {
  const seen: WorkerProgress[] = [];
  return {
    seen,
    progress: (p) => {
      seen.push(p);
    },
    chunk: (text) => text.length,
    isCancelled: () => cancelled,
  };
}

function planted(key: string, timestamp: number, kind: LoginEvent['kind']): LoginEvent {
  return {
    key: `pearl|${key}`, sourceKey: 'pearl', source: 'nlpearl', id: key, timestamp, actor: 'Alice Martin', ip: '81.56.12.201', country: 'FR', city: null,
    outcome: kind === 'login-success' ? 'success' : 'info', kind, detail: kind, raw: '{}',
  };
}

beforeAll(async () => {
  const endTime = Date.now() - 60_000;
  sim = await startFastSim({ dataset: smallDataset({ rowsPerStream: 150, accessLogEvents: 60, endTime, startTime: endTime - 300 * 86_400_000 }) });
  db = freshDatabase();
  deps = { db, memory: new CorrelationMemory(), now: () => performance.now() };
  await syncOnce({ client: fastClient(sim), db, accountKey: ACCOUNT });
  const withdrawals = sim.users.flatMap((u) => ['BTC', 'ETH', 'USDC'].flatMap((c) => sim.truthTransactions(u.userId, c))).filter((r) => r.type === 'withdrawal');
  const newest = withdrawals.reduce((a, b) => (b.timestamp > a.timestamp ? b : a));
  newestWithdrawal = { id: newest.id, timestamp: newest.timestamp };
});

afterAll(async () => {
  db.close();
  await sim.close();
});

describe('correlate over the Dexie cache', () => {
  it('reads the synced ledger and access log and equals the pure correlation over the same data', async () => {
    expect(await db.loginEvents.where('sourceKey').equals(ACCOUNT).count()).toBe(sim.truthAccessLog().length);
    const ch = channel();
    const outcome = await correlateAccounts(deps, { accountKeys: [ACCOUNT], settings }, ch);

    const pages = await db.ledger.toArray();
    const rows = pages.reduce((s, p) => s + p.count, 0);
    // Transfers between the account's own main and subaccounts do not leave it.
    const accountUsers = new Map([[ACCOUNT, new Set(sim.users.map((u) => u.userId))]]);
    const selection = selectMovements(pages, { lossThresholds: new Map([['BTC', '0.5']]), accountUsers });
    const everyTransfer = selectMovements(pages, { lossThresholds: new Map([['BTC', '0.5']]) });
    expect(everyTransfer.movements.filter((m) => m.kind === 'transfer').length).toBeGreaterThan(0);
    expect(selection.movements.filter((m) => m.kind === 'transfer')).toEqual([]);
    const events = await db.loginEvents.toArray();
    const expected = correlateIncidents(selection.movements, events, selection.ipRows, { windowMs: 24 * HOUR, lossThresholds: new Map([['BTC', '0.5']]) });
    expect(outcome.findings.map((f) => [f.id, f.signal, f.timestamp])).toEqual(expected.findings.map((f) => [f.id, f.signal, f.timestamp]));
    expect(outcome.incidents.map((i) => [i.id, i.severity, i.evidenceDigest])).toEqual(expected.incidents.map((i) => [i.id, i.severity, i.evidenceDigest]));
    expect(outcome.movements.map((m) => m.rowId)).toEqual(selection.movements.map((m) => m.rowId));
    expect(outcome.movements.some((m) => m.kind === 'withdrawal' && m.rowId === newestWithdrawal.id)).toBe(true);
    expect(outcome.movements.every((m) => m.username !== null)).toBe(true);
    expect(outcome.rowsScanned).toBe(rows);
    expect(outcome.eventsRead).toBe(events.length);
    expect(outcome.cached).toEqual({ movements: false, events: false, findings: false });
    expect(ch.seen.map((p) => p.phase)).toContain('Correlating');
  });

  it('a second request with nothing changed is served from memory', async () => {
    const first = await correlateAccounts(deps, { accountKeys: [ACCOUNT], settings }, channel());
    const again = await correlateAccounts(deps, { accountKeys: [ACCOUNT], settings }, channel());
    expect(again.cached).toEqual({ movements: true, events: true, findings: true });
    expect(again.rowsScanned).toBe(0);
    expect(again.eventsRead).toBe(0);
    expect(again.findings).toBe(first.findings);
    expect(again.phaseMs).toEqual({ movements: 0, events: 0, findings: 0 });
  });

  it('without withMovements the findings come alone (the page need not receive every movement), with the count', async () => {
    const all = await correlateAccounts(deps, { accountKeys: [ACCOUNT], settings }, channel());
    const lean = await correlateAccounts(deps, { accountKeys: [ACCOUNT], settings, withMovements: false }, channel());
    expect(all.movements.length).toBeGreaterThan(0);
    expect(all.movementCount).toBe(all.movements.length);
    expect(lean.movements).toEqual([]);
    expect(lean.movementCount).toBe(all.movements.length);
    expect(lean.findings).toBe(all.findings);
    expect(lean.incidents).toEqual(all.incidents);
  });

  it('a 2FA switch-off planted three hours before the newest withdrawal is found, with both pieces of evidence', async () => {
    const before = await correlateAccounts(deps, { accountKeys: [ACCOUNT], settings }, channel());
    await db.loginEvents.bulkPut([
      planted('login-1', newestWithdrawal.timestamp - 3 * HOUR - 4 * 60_000, 'login-success'),
      planted('tfa-off', newestWithdrawal.timestamp - 3 * HOUR, '2fa-disabled'),
    ]);
    const after = await correlateAccounts(deps, { accountKeys: [ACCOUNT], settings }, channel());
    expect(after.cached).toEqual({ movements: true, events: false, findings: false });
    const fresh = after.findings.filter((f) => !before.findings.some((b) => b.id === f.id));
    const finding = fresh.find((f) => f.signal === 'security-change-before-withdrawal');
    expect(finding?.severity).toBe('high');
    expect(finding?.movement?.rowId).toBe(newestWithdrawal.id);
    expect(finding?.evidence.loginEventKeys).toContain('pearl|tfa-off');
    expect(finding?.evidence.rowIds).toContainEqual({ accountKey: ACCOUNT, id: newestWithdrawal.id });
    // One incident on the withdrawal carries it, with the login from the same address as evidence.
    const incident = after.incidents.find((i) => i.findingIds.includes(finding?.id ?? ''));
    expect(incident?.severity).toBe('high');
    expect(incident?.evidence.map((e) => (e.ref.type === 'event' ? e.ref.key : e.ref.id))).toEqual(['pearl|login-1', 'pearl|tfa-off', newestWithdrawal.id]);
  });

  it('a shorter window recomputes findings without re-reading; a new threshold re-selects movements', async () => {
    await correlateAccounts(deps, { accountKeys: [ACCOUNT], settings }, channel());
    const short = await correlateAccounts(deps, { accountKeys: [ACCOUNT], settings: { ...settings, windowHours: 1 } }, channel());
    expect(short.cached).toEqual({ movements: true, events: true, findings: false });
    // Three hours before is outside a one-hour window.
    expect(short.findings.some((f) => f.signal === 'security-change-before-withdrawal' && f.movement?.rowId === newestWithdrawal.id)).toBe(false);

    const noLosses = await correlateAccounts(deps, { accountKeys: [ACCOUNT], settings: { windowHours: 24, lossThresholds: [] } }, channel());
    expect(noLosses.cached.movements).toBe(false);
    expect(noLosses.movements.every((m) => m.kind === 'withdrawal' || m.kind === 'transfer')).toBe(true);
  });

  it('an account not asked for contributes no movements; a cancelled request stops', async () => {
    const none = await correlateAccounts(deps, { accountKeys: ['someone-else'], settings }, channel());
    expect(none.movements).toEqual([]);
    const memory = new CorrelationMemory();
    await expect(correlateAccounts({ ...deps, memory }, { accountKeys: [ACCOUNT], settings }, channel(true))).rejects.toBeInstanceOf(CancelledError);
  });
});
