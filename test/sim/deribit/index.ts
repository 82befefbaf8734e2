/**
 * Deribit API v2 simulator: a real HTTP server on 127.0.0.1 with a seeded, reproducible account
 * (main + subaccounts, transaction logs, access log), every undocumented behaviour selectable,
 * fault injection and a ground-truth view for assertions. See README.md.
 */
import type { AddressInfo } from 'node:net';
import { AuthService } from './auth-service';
import { DeliveryPrices } from './delivery-prices';
import { FaultQueue } from './fault-queue';
import { API_PREFIX, createSimServer } from './http-server';
import { MethodHandlers } from './method-handlers';
import { RateLimiter } from './rate-limiter';
import { SeededRandom } from './seeded-random';
import { SimDataset } from './sim-dataset';
import type { DeribitSim, DeribitSimOptions, SimKey, SimRequestLog } from './sim-types';

export type {
  Corruption,
  CorruptionKind,
  CorruptionRowRef,
  CorruptionTarget,
  DatasetSpec,
  ExpectedFinding,
  PendingWalletEntry,
  DeribitSim,
  DeribitSimOptions,
  FaultKind,
  FaultSpec,
  SimKey,
  SimRequestLog,
  TruthAccessEvent,
  TruthTransaction,
} from './sim-types';
export { signClientRequest } from './auth-service';
export { corruptedPreset, CORRUPTED_PRESET_DELTA } from './sim-presets';

export const DEFAULT_SIM_KEY: SimKey = {
  clientId: 'sim-client',
  clientSecret: 'sim-secret',
  scope: 'account:read wallet:read',
};

function latencyRandom(seed: number): () => number {
  const random = new SeededRandom(seed ^ 0x5eed1a7e);
  return () => random.next();
}

export async function startDeribitSim(options: DeribitSimOptions): Promise<DeribitSim> {
  const now = options.now ?? Date.now;
  const accessLogShape = options.accessLogShape ?? 'object';
  const accessLogEventField = options.accessLogEventField ?? (accessLogShape === 'object' ? 'result' : 'log');
  const rateLimitHttpStatus = options.rateLimitHttpStatus ?? 429;

  const dataset = new SimDataset(options.dataset, options.userSeqScope ?? 'per-user');
  const auth = new AuthService({
    keys: options.keys ?? [DEFAULT_SIM_KEY],
    now,
    tokenTtlSeconds: options.tokenTtlSeconds ?? 900,
    signatureWindowMs: options.signatureWindowMs ?? 60_000,
    badSignatureCode: options.badSignatureCode ?? 13009,
  });
  const limiter = new RateLimiter({
    txLogIntervalMs: options.txLogIntervalMs ?? 1000,
    txLogBurst: options.txLogBurst ?? 1,
    creditBucket: options.creditBucket ?? { capacity: 50_000, refillPerSec: 10_000, cost: 500 },
    scope: options.rateLimitScope ?? 'account',
  });
  const handlers = new MethodHandlers(dataset, auth, limiter, {
    now,
    rateLimitHttpStatus,
    accessLogShape,
    accessLogEventField,
    maxCount: options.maxCount ?? { txLog: 250, accessLog: 1000 },
    continuationStyle: options.continuationStyle ?? 'next-older-id',
    lastPageContinuation: options.lastPageContinuation ?? 'null',
    timeBoundsInclusive: options.timeBoundsInclusive ?? true,
    serverTimeAnswer: options.serverTimeAnswer,
    deliveryPrices: new DeliveryPrices(options.dataset.seed, options.dataset.currencies, options.deliveryPrices),
  });
  const faults = new FaultQueue();
  let log: SimRequestLog[] = [];
  const { server, cancelTimers } = createSimServer({
    handlers,
    auth,
    faults,
    get log() {
      return log;
    },
    latencyMs: options.latencyMs ?? 0,
    latencyJitterMs: options.latencyJitterMs ?? 0,
    random: latencyRandom(options.latencySeed ?? options.dataset.seed),
    rateLimitHttpStatus,
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}${API_PREFIX}`,
    mainUserId: dataset.mainUser.userId,
    users: dataset.users.map((u) => ({ userId: u.userId, username: u.username, isMain: u.isMain })),
    injectFaults: (list) => faults.inject(list),
    clearFaults: () => faults.clear(),
    requests: () => log.slice(),
    resetRequests: () => {
      log = [];
    },
    truthTransactions: (userId, currency) => dataset.truthTransactions(userId, currency),
    cleanTruthTransactions: (userId, currency) => dataset.cleanTruthTransactions(userId, currency),
    corruptionTargets: () => dataset.corruptionTargets(),
    truthAccessLog: () => dataset.truthAccessLog(accessLogEventField),
    truthDeliveryPrices: (index) => handlers.deliveryPriceDays(index),
    appendActivity: (spec) => dataset.append(spec),
    close: () =>
      new Promise<void>((resolve, reject) => {
        cancelTimers();
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
