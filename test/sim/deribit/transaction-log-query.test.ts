import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDeribitSim, type DeribitSim, type DeribitSimOptions } from './index';
import { END, START, call, login, smallDataset } from './sim-fixtures';

const dataset = smallDataset({ subaccounts: 1, currencies: ['BTC', 'ETH'], rowsPerStream: 400 });

interface Page {
  logs: { id: string; timestamp: string }[];
  continuation: string | null;
}

/** The exact text of each row inside a page (split at top-level commas of the logs array). */
function rowTexts(text: string): string[] {
  const start = text.indexOf('"logs":[') + 8;
  const rows: string[] = [];
  let depth = 0;
  let from = start;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') inString = false;
    } else if (ch === '"') inString = true;
    else if (ch === '{' || ch === '[') depth++;
    else if (ch === '}' || ch === ']') {
      if (depth === 0) {
        if (i > from) rows.push(text.slice(from, i));
        break;
      }
      depth--;
      if (depth === 0) {
        rows.push(text.slice(from, i + 1));
        from = i + 2;
      }
    }
  }
  return rows;
}

async function walk(sim: DeribitSim, token: string, params: Record<string, string | number>): Promise<{ texts: string[]; pages: number; lastPageEmpty: boolean }> {
  const texts: string[] = [];
  let continuation: string | null = null;
  let pages = 0;
  let lastPageEmpty: boolean;
  do {
    const reply = await call(sim, 'private/get_transaction_log', continuation === null ? params : { ...params, continuation }, token);
    expect(reply.status).toBe(200);
    const page = reply.body.result as Page;
    const rows = rowTexts(reply.text);
    expect(rows).toHaveLength(page.logs.length);
    texts.push(...rows);
    lastPageEmpty = rows.length === 0;
    continuation = page.continuation;
    pages++;
    expect(pages).toBeLessThan(1000);
  } while (continuation !== null);
  return { texts, pages, lastPageEmpty };
}

describe('private/get_transaction_log paging', () => {
  const sims: DeribitSim[] = [];
  const start = async (options: Partial<DeribitSimOptions> = {}): Promise<{ sim: DeribitSim; token: string }> => {
    const sim = await startDeribitSim({ dataset, txLogIntervalMs: 0, ...options });
    sims.push(sim);
    return { sim, token: await login(sim) };
  };
  let base: { sim: DeribitSim; token: string };
  beforeAll(async () => {
    base = await start();
  });
  afterAll(async () => {
    await Promise.all(sims.map((s) => s.close()));
  });

  for (const continuationStyle of ['next-older-id', 'last-id-on-page'] as const) {
    for (const lastPageContinuation of ['null', 'empty-page-follows'] as const) {
      it(`reaches every truth row exactly once (${continuationStyle}, last page ${lastPageContinuation})`, async () => {
        const { sim, token } = await start({ continuationStyle, lastPageContinuation });
        const sub = sim.users[1]!.userId;
        for (const [userId, extra] of [[sim.mainUserId, {}], [sub, { subaccount_id: sub }]] as const) {
          const truth = sim.truthTransactions(userId, 'BTC');
          const { texts, pages, lastPageEmpty } = await walk(sim, token, {
            currency: 'BTC', start_timestamp: START, end_timestamp: END, count: 37, ...extra,
          });
          const unique = [...new Map(texts.map((t) => [JSON.parse(t).id as number, t])).values()];
          expect(unique).toEqual(truth.map((r) => r.json));
          if (continuationStyle === 'next-older-id') expect(texts).toHaveLength(truth.length);
          else expect(texts.length).toBe(truth.length + pages - 1 - (lastPageEmpty ? 1 : 0));
          expect(lastPageEmpty).toBe(lastPageContinuation === 'empty-page-follows');
        }
      });
    }
  }

  it('gives a continuation lower than every id on the page (the next older id) by default', async () => {
    const { sim, token } = base;
    const reply = await call(sim, 'private/get_transaction_log', { currency: 'ETH', start_timestamp: START, end_timestamp: END, count: 10 }, token);
    const page = reply.body.result as Page;
    const truth = sim.truthTransactions(sim.mainUserId, 'ETH');
    expect(page.logs.map((r) => Number(r.id))).toEqual(truth.slice(0, 10).map((r) => r.id));
    expect(Number(page.continuation)).toBe(truth[10]!.id);
  });

  it('serves the same bytes for the same seed', async () => {
    const { sim: twin, token } = await start();
    const params = { currency: 'BTC', start_timestamp: START, end_timestamp: END, count: 250 };
    const strip = (text: string): string => text.replace(/"usIn".*$/, '');
    const a = await call(base.sim, 'private/get_transaction_log', params, base.token);
    const b = await call(twin, 'private/get_transaction_log', params, token);
    expect(strip(a.text)).toBe(strip(b.text));
    expect(a.text.length).toBeGreaterThan(50_000);
  });

  it('applies the time bounds inclusively by default and exclusively when configured', async () => {
    const truth = base.sim.truthTransactions(base.sim.mainUserId, 'BTC');
    const lo = truth[200]!.timestamp;
    const hi = truth[100]!.timestamp;
    const expected = (inclusive: boolean): number[] =>
      truth.filter((r) => (inclusive ? r.timestamp >= lo && r.timestamp <= hi : r.timestamp > lo && r.timestamp < hi)).map((r) => r.id);
    const { sim: exclusive, token } = await start({ timeBoundsInclusive: false });
    for (const [sim, tok, inclusive] of [[base.sim, base.token, true], [exclusive, token, false]] as const) {
      const { texts } = await walk(sim, tok, { currency: 'BTC', start_timestamp: lo, end_timestamp: hi, count: 250 });
      expect(texts.map((t) => JSON.parse(t).id as number)).toEqual(expected(inclusive));
    }
  });

  it('defaults count to 100 and enforces 1..maxCount with -32602 (HTTP 400)', async () => {
    const { sim, token } = base;
    const q = { currency: 'BTC', start_timestamp: START, end_timestamp: END };
    expect(((await call(sim, 'private/get_transaction_log', q, token)).body.result as Page).logs).toHaveLength(100);
    expect(((await call(sim, 'private/get_transaction_log', { ...q, count: 250 }, token)).body.result as Page).logs).toHaveLength(250);
    for (const bad of [{ ...q, count: 251 }, { ...q, count: 0 }, { currency: 'BTC', start_timestamp: START }, { currency: 'BTC', end_timestamp: END }, { start_timestamp: START, end_timestamp: END }, { ...q, subaccount_id: 999_999 }, { ...q, count: 'ten' }] as Record<string, string | number>[]) {
      const reply = await call(sim, 'private/get_transaction_log', bad, token);
      expect([reply.status, reply.body.error?.code]).toEqual([400, '-32602']);
    }
    const { sim: small, token: t2 } = await start({ maxCount: { txLog: 20, accessLog: 5 } });
    expect((await call(small, 'private/get_transaction_log', { ...q, count: 21 }, t2)).body.error?.code).toBe('-32602');
  });

  it('returns an empty log for a known currency without activity', async () => {
    const reply = await call(base.sim, 'private/get_transaction_log', { currency: 'USDC', start_timestamp: START, end_timestamp: END }, base.token);
    expect(reply.body.result).toEqual({ logs: [], continuation: null });
  });

  it('filters by the query keyword', async () => {
    const { sim, token } = base;
    const { texts } = await walk(sim, token, { currency: 'BTC', start_timestamp: START, end_timestamp: END, count: 50, query: 'deposit' });
    const expected = sim.truthTransactions(sim.mainUserId, 'BTC').filter((r) => r.type === 'deposit');
    expect(texts).toEqual(expected.map((r) => r.json));
    expect(texts.length).toBeGreaterThan(5);
  });
});
