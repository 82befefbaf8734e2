/** Starts the simulator and a client wired to it with fast pacing and short retry delays. */
import { DeribitClient, type DeribitClientOptions, type ProviderStatus } from '../../../../src/core/providers/deribit/deribit-client';
import { ProviderError } from '../../../../src/core/providers/deribit/errors';
import type { TransactionLogRequest } from '../../../../src/core/providers/deribit/types';
import { DEFAULT_SIM_KEY, startDeribitSim, type DatasetSpec, type DeribitSim, type DeribitSimOptions } from '../../../sim/deribit/index';

const DAY = 86_400_000;
export const END_TIME = Date.UTC(2026, 0, 1);

export const SMALL_DATASET: DatasetSpec = {
  seed: 11,
  subaccounts: 1,
  currencies: ['BTC', 'USDC'],
  rowsPerStream: 60,
  accessLogEvents: 40,
  startTime: END_TIME - 200 * DAY,
  endTime: END_TIME,
};

export function startSim(options: Partial<DeribitSimOptions> = {}): Promise<DeribitSim> {
  return startDeribitSim({ dataset: SMALL_DATASET, txLogIntervalMs: 0, ...options });
}

export interface TestClient {
  readonly client: DeribitClient;
  readonly statuses: ProviderStatus[];
}

export function clientFor(sim: DeribitSim, overrides: Partial<DeribitClientOptions> = {}): TestClient {
  const statuses: ProviderStatus[] = [];
  const client = new DeribitClient({
    baseUrl: sim.url,
    clientId: DEFAULT_SIM_KEY.clientId,
    clientSecret: DEFAULT_SIM_KEY.clientSecret,
    limits: { txLogIntervalMs: 5, credit: { capacity: 50_000, refillPerSec: 10_000, cost: 500 } },
    retry: { maxAttempts: 4, baseDelayMs: 5, maxDelayMs: 20 },
    requestTimeoutMs: 2_000,
    onStatus: (s) => statuses.push(s),
    ...overrides,
  });
  return { client, statuses };
}

/** Newest page of the main account's BTC log over the whole dataset. */
export function firstPage(count = 10): TransactionLogRequest {
  return {
    currency: 'BTC',
    startTimestamp: SMALL_DATASET.startTime,
    endTimestamp: SMALL_DATASET.endTime,
    count,
    continuation: null,
    subaccountId: null,
  };
}

/** The ProviderError a promise rejects with (fails the test when it resolves or throws something else). */
export async function rejection(promise: Promise<unknown>): Promise<ProviderError> {
  try {
    await promise;
  } catch (e) {
    if (e instanceof ProviderError) return e;
    throw e;
  }
  throw new Error('expected the call to fail');
}

export function calls(sim: DeribitSim, method: string) {
  return sim.requests().filter((r) => r.method === method);
}
