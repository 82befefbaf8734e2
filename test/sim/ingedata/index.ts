/**
 * Ingedata Pulse IAM simulator: a real HTTP server on 127.0.0.1 serving the API-key login and the
 * account_logins JSON:API collection from a seeded, reproducible dataset, every undocumented behaviour
 * selectable, fault injection and a ground-truth view for assertions. See README.md.
 */
import { FaultQueue } from '../shared/fault-queue';
import { closeSimServer, listenOnLoopback } from '../shared/sim-http-server';
import { createPulseServer } from './http-server';
import { LoginDataset } from './login-dataset';
import { truthOf, type RenderOptions } from './login-record-json';
import { PulseAuth } from './pulse-auth';
import { PulseRateLimiter } from './pulse-rate-limit';
import type { FaultSpec, IngedataSim, IngedataSimOptions, PulseRateLimit, PulseRequestLog } from './sim-types';

export type * from './sim-types';

export const DEFAULT_PULSE_KEY = 'PULSE_sim_0123456789abcdef';
/** Pulse documents no limit; this default is an assumption (2 requests/s sustained, per key). */
export const DEFAULT_PULSE_RATE_LIMIT: PulseRateLimit = { requests: 120, windowMs: 60_000, retryAfter: true };

export async function startIngedataSim(options: IngedataSimOptions): Promise<IngedataSim> {
  const now = options.now ?? Date.now;
  const render: RenderOptions = {
    ipShape: options.ipShape ?? 'mixed',
    dateFormat: options.dateFormat ?? 'iso-ms',
    idStyle: options.idStyle ?? 'both',
  };
  const dataset = new LoginDataset(options.dataset);
  const auth = new PulseAuth(options.apiKeys ?? [DEFAULT_PULSE_KEY], now, options.tokenTtlMs === undefined ? 3_600_000 : options.tokenTtlMs);
  const limiter = new PulseRateLimiter(options.rateLimit === undefined ? DEFAULT_PULSE_RATE_LIMIT : options.rateLimit, now);
  const faults = new FaultQueue<FaultSpec>();
  let log: PulseRequestLog[] = [];
  const { server, timers } = createPulseServer({
    dataset,
    auth,
    limiter,
    faults,
    log: () => log,
    query: {
      render,
      countLocation: options.countLocation ?? 'meta.count',
      dateFilter: options.dateFilter ?? 'bracket-operators',
      sortSupport: options.sortSupport ?? 'all',
      maxPageSize: options.maxPageSize ?? null,
      keepsSince: () => (options.retentionMs == null ? null : now() - options.retentionMs),
    },
    latencyMs: options.latencyMs ?? 0,
  });

  const port = await listenOnLoopback(server, options.port);
  const truth = (): ReturnType<IngedataSim['truth']> => dataset.logins.map((l) => truthOf(dataset, l, render)).reverse();

  return {
    url: `http://127.0.0.1:${port}`,
    injectFaults: (list) => faults.inject(list),
    clearFaults: () => faults.clear(),
    requests: () => log.slice(),
    resetRequests: () => {
      log = [];
    },
    truth,
    append: (logins, until) => dataset.append(logins, until ?? now()).map((l) => truthOf(dataset, l, render)),
    expireTokens: () => auth.invalidateAll(),
    close: () => closeSimServer(server, timers),
  };
}
