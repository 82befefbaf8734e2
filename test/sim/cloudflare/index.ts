/** Cloudflare Access authentication-logs simulator: see README.md. Imports nothing from src/. */
import { FaultQueue } from '../shared/fault-queue';
import { closeSimServer, listenOnLoopback } from '../shared/sim-http-server';
import { generateRecords } from './access-request-dataset';
import { AccessRequestStore } from './access-request-store';
import { API_PREFIX, createSimServer } from './http-server';
import type { CloudflareSim, CloudflareSimOptions, FaultSpec, SimCredentials, SimRequestLog } from './sim-types';
import { TokenRateLimiter } from './token-rate-limiter';

export type * from './sim-types';

export const SIM_ACCOUNT_ID = '023e105f4ecef8ad9ca31a8372d0c353';
export const SIM_TOKEN = 'sim-cloudflare-audit-token';
export const SIM_TOKEN_WITHOUT_PERMISSION = 'sim-cloudflare-dns-only-token';
export const SIM_GLOBAL_KEY = { email: 'admin@treasury.example', key: 'c2547eb745079dac9320b638f5e225cf483cc5cfdda41' };

export const CLOUDFLARE_LIMITS = { limit: 1200, windowMs: 300_000, blockMs: 300_000 };
const DAY = 86_400_000;

export async function startCloudflareSim(options: CloudflareSimOptions): Promise<CloudflareSim> {
  const now = options.now ?? (() => Date.now());
  const rateClock = options.rateClock ?? (() => performance.timeOrigin + performance.now());
  const credentials: SimCredentials = {
    tokens: options.credentials?.tokens ?? [SIM_TOKEN],
    tokensWithoutPermission: options.credentials?.tokensWithoutPermission ?? [SIM_TOKEN_WITHOUT_PERMISSION],
    globalKeys: options.credentials?.globalKeys ?? [SIM_GLOBAL_KEY],
  };
  const store = new AccessRequestStore({
    defaultPerPage: options.defaultPerPage ?? 25,
    maxPerPage: options.maxPerPage ?? 1000,
    limitMode: options.limitMode ?? 'total-cap',
    sinceInclusive: options.sinceInclusive ?? true,
    untilInclusive: options.untilInclusive ?? true,
    ignoreDirection: options.ignoreDirection ?? false,
    includeCountry: options.includeCountry ?? false,
    retentionMs: options.retentionMs ?? 180 * DAY,
  });
  store.add(generateRecords(options.dataset).map((r) => r.fields));
  const faults = new FaultQueue<FaultSpec>();
  const limiter = new TokenRateLimiter({ ...CLOUDFLARE_LIMITS, ...options.rateLimit }, options.extendBlockOnRequest ?? false);
  const log: SimRequestLog[] = [];
  const accountId = options.accountId ?? SIM_ACCOUNT_ID;
  const { server, timers } = createSimServer({
    store,
    faults,
    limiter,
    log,
    accountId,
    credentials,
    now,
    rateClock,
    latencyMs: options.latencyMs ?? 0,
    authFailureStatus: options.authFailureStatus ?? 403,
  });
  const port = await listenOnLoopback(server, options.port);
  let appends = 0;

  return {
    url: `http://127.0.0.1:${port}${API_PREFIX}`,
    accountId,
    credentials,
    truth: (o) => store.truth(now(), o?.all ?? false),
    append(spec) {
      if ('records' in spec) {
        store.add(spec.records);
        return;
      }
      appends += 1;
      const generated = generateRecords(options.dataset, spec.from, spec.to, spec.count, options.dataset.seed + appends * 7919);
      store.add(generated.map((r) => r.fields));
    },
    requests: () => log,
    resetRequests: () => {
      log.length = 0;
    },
    injectFaults: (f) => faults.inject(f),
    clearFaults: () => faults.clear(),
    close: () => closeSimServer(server, timers),
  };
}

/** Requests answered 429 while their token was blocked: the client sent them too early. */
export function requestsDuringBlock(log: readonly SimRequestLog[]): number {
  return log.filter((r) => r.duringBlock).length;
}
