/**
 * One limiter per Deribit account, shared by every key and client object of it, measured where it counts:
 * the simulator's arrival stamps (= usIn). The simulator limits per account at the same interval as the
 * clients, so an early arrival is a 10028 or a gap below the interval.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { DeribitClient, type DeribitClientOptions } from '../../../src/core/providers/deribit/deribit-client';
import type { TransactionLogRequest } from '../../../src/core/providers/deribit/types';
import { createAccountLimiterPool, type AccountLimiterPool } from '../../../src/main/services/account-rate-limits';
import { SMALL_DATASET, firstPage } from '../../core/providers/deribit/client-harness';
import { TX_LOG, expectArrivalsSpaced } from '../../core/providers/deribit/server-gaps';
import { DEFAULT_SIM_KEY, startDeribitSim, type DeribitSim, type DeribitSimOptions, type SimKey } from '../../sim/deribit/index';

const INTERVAL = 80;
const LIMITS = { txLogIntervalMs: INTERVAL, credit: { capacity: 50_000, refillPerSec: 10_000, cost: 500 } };
const SECOND_KEY: SimKey = { clientId: 'second-key', clientSecret: 'second-secret', scope: 'account:read wallet:read' };
const ACCOUNT = 'deribit-1001';

let sim: DeribitSim | undefined;
const clients: DeribitClient[] = [];
afterEach(async () => {
  for (const client of clients.splice(0)) client.cancelAll();
  await sim?.close();
  sim = undefined;
});

function start(options: Partial<DeribitSimOptions> = {}): Promise<DeribitSim> {
  return startDeribitSim({ dataset: SMALL_DATASET, keys: [DEFAULT_SIM_KEY, SECOND_KEY], txLogIntervalMs: INTERVAL, latencyMs: 10, latencyJitterMs: 8, ...options });
}

/** A client of the account as the main process makes one: its scheduler is the account's, from the pool. */
function accountClient(s: DeribitSim, pool: AccountLimiterPool, key: SimKey = DEFAULT_SIM_KEY, overrides: Partial<DeribitClientOptions> = {}): DeribitClient {
  const client = new DeribitClient({
    baseUrl: s.url,
    clientId: key.clientId,
    clientSecret: key.clientSecret,
    scheduler: pool.limiterFor(ACCOUNT),
    limits: LIMITS,
    retry: { maxAttempts: 4, baseDelayMs: 5, maxDelayMs: 20 },
    requestTimeoutMs: 2_000,
    ...overrides,
  });
  clients.push(client);
  return client;
}

async function pageThrough(client: DeribitClient, request: TransactionLogRequest, pages: number): Promise<void> {
  let continuation: number | null = null;
  for (let i = 0; i < pages; i++) {
    const page = await client.getTransactionLog({ ...request, continuation });
    continuation = page.continuation;
  }
}

describe('createAccountLimiterPool', () => {
  it('gives one limiter per account, the same for every call, and never forgets it', () => {
    const pool = createAccountLimiterPool({ limits: LIMITS });
    const first = pool.limiterFor(ACCOUNT);
    expect(pool.limiterFor(ACCOUNT)).toBe(first);
    expect(pool.limiterFor('deribit-2002')).not.toBe(first);
    expect(pool.limiterFor(ACCOUNT).minimumSpacingMs('txLog')).toBeGreaterThanOrEqual(INTERVAL);
  });
});

describe('one limiter per account, measured at the server', () => {
  it.each([
    ['two keys of the account', SECOND_KEY],
    ['the same key added twice', DEFAULT_SIM_KEY],
  ])('%s paging at once: every transaction-log arrival is an interval apart', async (_name, otherKey) => {
    sim = await start();
    const pool = createAccountLimiterPool({ limits: LIMITS });
    const a = accountClient(sim, pool);
    const b = accountClient(sim, pool, otherKey);
    await Promise.all([
      pageThrough(a, firstPage(5), 8),
      pageThrough(b, { ...firstPage(5), currency: 'USDC' }, 8),
    ]);
    expectArrivalsSpaced(sim, INTERVAL, 16);
  });

  it('a key removed and added again (a new client object) still waits an interval after the old one', async () => {
    sim = await start({ latencyMs: 0, latencyJitterMs: 0 });
    const pool = createAccountLimiterPool({ limits: LIMITS });
    for (let round = 0; round < 3; round++) {
      const before = accountClient(sim, pool);
      await before.authenticate();
      await before.getTransactionLog(firstPage(1));
      before.cancelAll(); // removeKey / removeAccount
      const again = accountClient(sim, pool); // addAccount with the same key: signs in afresh, then syncs
      await again.getTransactionLog(firstPage(1));
    }
    expectArrivalsSpaced(sim, INTERVAL, 6);
  });

  it('five calls racing right after start, each through a new client object, arrive an interval apart', async () => {
    sim = await start();
    const pool = createAccountLimiterPool({ limits: LIMITS });
    const racers = Array.from({ length: 5 }, (_, i) => accountClient(sim as DeribitSim, pool, i % 2 === 0 ? DEFAULT_SIM_KEY : SECOND_KEY));
    await Promise.all(racers.map((client) => client.getTransactionLog(firstPage(1))));
    expect(sim.requests().filter((r) => r.method === TX_LOG)).toHaveLength(5);
    expectArrivalsSpaced(sim, INTERVAL, 5);
  });

  it('a new pool (a restarted process) does not send its first transaction-log request within an interval of the last', async () => {
    sim = await start({ latencyMs: 0, latencyJitterMs: 0 });
    const before = accountClient(sim, createAccountLimiterPool({ limits: LIMITS }));
    await before.getTransactionLog(firstPage(1));
    before.cancelAll(); // the old process ends right after its last request
    const after = accountClient(sim, createAccountLimiterPool({ limits: LIMITS })); // the new one starts
    await after.getTransactionLog(firstPage(1));
    expectArrivalsSpaced(sim, INTERVAL, 2);
  });
});
