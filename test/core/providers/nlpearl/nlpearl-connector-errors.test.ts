import { afterEach, describe, expect, it } from 'vitest';
import type { ProviderError } from '../../../../src/core/providers/deribit/errors';
import type { NlpearlSim } from '../../../sim/nlpearl/index';
import { VirtualClock } from '../deribit/virtual-clock';
import { END, START, connectorFor, openSim, rawTexts, syncWindow, truthTexts } from './nlpearl-test-harness';

let sims: NlpearlSim[] = [];
afterEach(async () => {
  await Promise.all(sims.map((s) => s.close()));
  sims = [];
});
async function sim(options: Parameters<typeof openSim>[0] = {}): Promise<NlpearlSim> {
  const s = await openSim({ dataset: { events: 300 }, ...options });
  sims.push(s);
  return s;
}

async function failure(promise: Promise<unknown>): Promise<ProviderError> {
  try {
    await promise;
  } catch (e) {
    return e as ProviderError;
  }
  throw new Error('expected a failure');
}

describe('NLPearl connector: credentials and testConnection', () => {
  it.each(['empty', 'problem-details', 'text'] as const)('wrong secret (401 body %s) fails at once with what to check', async (shape) => {
    const s = await sim({ unauthorizedBody: shape });
    const error = await failure(connectorFor(s, { secretKey: 'sk_wrong' }).fetchPage({ from: START, to: END, cursor: null }));
    expect(error.kind).toBe('invalid_credentials');
    expect(error.retriable).toBe(false);
    expect(error.userMessage).toContain('NLPearl rejected the account id and secret key (HTTP 401');
    expect(error.userMessage).toContain(`"${s.account.accountId}"`);
    expect(error.userMessage).toContain('Secret Key');
    if (shape === 'text') expect(error.userMessage).toContain('Invalid API credentials');
    if (shape === 'problem-details') expect(error.userMessage).toContain('Unauthorized');
    expect(s.requests()).toHaveLength(1);
  });

  it('testConnection reports in words: right key, wrong key, unreachable host', async () => {
    const s = await sim({ cap: 1000 });
    const now = END + 3_600_000;
    const ok = await connectorFor(s, { now: () => now }).testConnection();
    const lastMonth = s.truth().filter((r) => r.timestampMs >= now - 30 * 86_400_000);
    expect(ok).toMatchObject({ ok: true, sampleCount: lastMonth.length, newestEventAt: lastMonth.at(-1)!.timestampMs });
    expect(ok.summary).toMatch(/^Connected to NLPearl account acc_5f3e2d1c; one query for the last 30 days returned \d+ audit events \(newest seen 2026-0[34]-\d\d \d\d:\d\d UTC\); NLPearl may cap/);
    expect(s.requests()[0]?.authorization).toBe(`Bearer ${s.account.accountId}:${s.account.secretKey}`);

    const quiet = await connectorFor(s, { now: () => START - 86_400_000 * 60 }).testConnection();
    expect(quiet).toEqual({ ok: true, summary: 'Connected to NLPearl account acc_5f3e2d1c; no audit events in the last 30 days.', newestEventAt: null, sampleCount: 0 });

    const wrong = await connectorFor(s, { accountId: 'acc_other' }).testConnection();
    expect(wrong.ok).toBe(false);
    expect(wrong.summary).toContain('NLPearl rejected the account id and secret key');

    const down = await connectorFor(s, { baseUrl: 'http://127.0.0.1:1' }).testConnection();
    expect(down.ok).toBe(false);
    expect(down.summary).toMatch(/^NLPearl could not be reached at http:\/\/127\.0\.0\.1:1 \(.*\)\. Check the base URL \(normally https:\/\/api\.nlpearl\.ai\) and the internet connection\.$/);
  });
});

describe('NLPearl connector: server errors', () => {
  it('a 400 ValidationProblemDetails shows the field errors and is not retried', async () => {
    const s = await sim({ maxRangeDays: 3 });
    const error = await failure(connectorFor(s).fetchPage({ from: START, to: END, cursor: null }));
    expect(error.kind).toBe('invalid_params');
    expect(error.userMessage).toBe('NLPearl refused the audit-log query: To: The range between From and To must not exceed 3 days.. This is most likely a bug in the app or a change on NLPearl\'s side: please report it with this message.');
    expect(s.requests()).toHaveLength(1);
  });

  it('retries 5xx, malformed bodies, dropped sockets, cut bodies and timeouts, then completes', async () => {
    const s = await sim({ cap: 100 });
    s.inject([
      { kind: { type: 'status', status: 502 } },
      { kind: { type: 'malformed' }, after: 1 },
      { kind: { type: 'drop' }, after: 1 },
      { kind: { type: 'truncate' }, after: 1 },
      { kind: { type: 'hang', ms: 400 }, after: 1 },
      { kind: { type: 'status', status: 503, body: '{"title":"Service Unavailable"}', contentType: 'application/json' } },
    ]);
    const { events } = await syncWindow(connectorFor(s, { timeoutMs: 150 }), START, END);
    expect(rawTexts(events)).toEqual(truthTexts(s));
    expect(s.requests().filter((r) => r.status !== 200).length).toBeGreaterThanOrEqual(3);
  });

  it('gives up after the configured attempts with a message that says what to do', async () => {
    const s = await sim();
    s.inject([{ kind: { type: 'status', status: 500, body: 'boom' }, times: 10 }]);
    const error = await failure(connectorFor(s, { retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 2 } }).fetchPage({ from: START, to: END, cursor: null }));
    expect(error.kind).toBe('retries_exhausted');
    expect(error.retriable).toBe(false);
    expect(error.userMessage).toBe('NLPearl kept failing after 3 attempts (NLPearl answered HTTP 500 (temporarily unavailable).). Wait a few minutes and sync again: it resumes where it stopped.');
    expect(s.requests()).toHaveLength(3);
  });

  it('a 200 that is not a JSON array is malformed, whatever its content type', async () => {
    const s = await sim();
    s.inject([{ kind: { type: 'malformed', body: '{"items":[]}' }, times: 10 }]);
    const error = await failure(connectorFor(s, { retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 1 } }).fetchPage({ from: START, to: END, cursor: null }));
    expect(error.kind).toBe('retries_exhausted');
    expect(error.detail).toContain('body is not a JSON array');
  });
});

describe('NLPearl connector: undocumented rate limit', () => {
  it.each([
    ['429 with Retry-After', { limit: 3, windowMs: 60_000 }],
    ['429 without Retry-After', { limit: 3, windowMs: 2_000, retryAfter: false }],
    ['503 (ASP.NET limiter default)', { limit: 3, windowMs: 2_000, retryAfter: false, status: 503 as const }],
  ])('%s: waits, slows down and completes (virtual clock)', async (_name, rateLimit) => {
    const clock = new VirtualClock(END);
    const s = await sim({ cap: 60, rateLimit, now: () => clock.now() });
    const connector = connectorFor(s, {
      now: () => clock.now(),
      sleep: (ms, signal) => clock.sleep(ms, signal),
      retry: { maxAttempts: 12, baseDelayMs: 500, maxDelayMs: 4_000 },
      random: () => 0.5,
    });
    const { events } = await syncWindow(connector, START, END);
    expect(rawTexts(events)).toEqual(truthTexts(s));
    const statuses = s.requests().map((r) => r.status);
    expect(statuses.filter((st) => st !== 200).length).toBeGreaterThan(0);
    // Slowing down after the first 429 keeps later rejections rare.
    expect(statuses.filter((st) => st !== 200).length).toBeLessThan(statuses.filter((st) => st === 200).length);
  });
});
