import { afterEach, describe, expect, it } from 'vitest';
import { ACCESS_EVENTS, AccessLogStore } from './access-log';
import { startDeribitSim, type DeribitSim, type DeribitSimOptions } from './index';
import { END, START, call, login, smallDataset } from './sim-fixtures';

type Event = Record<string, unknown>;

describe('private/get_access_log', () => {
  let sim: DeribitSim | undefined;
  afterEach(async () => {
    await sim?.close();
    sim = undefined;
  });
  const start = async (options: Partial<DeribitSimOptions> = {}): Promise<{ s: DeribitSim; token: string }> => {
    sim = await startDeribitSim({ dataset: smallDataset({ rowsPerStream: 5, accessLogEvents: 250 }), ...options });
    return { s: sim, token: await login(sim) };
  };

  it('answers the documented example shape by default: {records_total, data} with the event in `result`', async () => {
    const { s, token } = await start();
    const reply = await call(s, 'private/get_access_log', { count: 3 }, token);
    const result = reply.body.result as { records_total: string; data: Event[] };
    expect(result.records_total).toBe('250');
    expect(result.data).toHaveLength(3);
    const truth = s.truthAccessLog();
    expect(reply.text).toContain(`"data":[${truth.slice(0, 3).map((e) => e.json).join(',')}]`);
    for (const event of result.data) {
      expect(Object.keys(event)).toEqual(expect.arrayContaining(['id', 'timestamp', 'ip', 'country', 'city', 'result']));
      expect(event).not.toHaveProperty('log');
    }
  });

  it('answers a bare array with `log` in the schema shape, and honours an explicit field name', async () => {
    const { s, token } = await start({ accessLogShape: 'array' });
    const reply = await call(s, 'private/get_access_log', {}, token);
    const events = reply.body.result as Event[];
    expect(Array.isArray(events)).toBe(true);
    expect(events).toHaveLength(10); // documented default count
    expect(events.every((e) => typeof e.log === 'string' && !('result' in e))).toBe(true);
    await s.close();
    sim = undefined;
    const { s: s2, token: t2 } = await start({ accessLogShape: 'array', accessLogEventField: 'result' });
    const events2 = (await call(s2, 'private/get_access_log', { count: 2 }, t2)).body.result as Event[];
    expect(events2.every((e) => typeof e.result === 'string')).toBe(true);
  });

  it('pages by offset newest first, reaching every event once, with ids growing with time', async () => {
    const { s, token } = await start();
    const seen: Event[] = [];
    for (let offset = 0; ; offset += 100) {
      const page = ((await call(s, 'private/get_access_log', { offset, count: 100 }, token)).body.result as { data: Event[] }).data;
      seen.push(...page);
      if (page.length < 100) break;
    }
    const ids = seen.map((e) => Number(e.id));
    expect(ids).toEqual(s.truthAccessLog().map((e) => e.id));
    expect(new Set(ids).size).toBe(250);
    for (let i = 1; i < seen.length; i++) {
      expect(ids[i]).toBeLessThan(ids[i - 1]!);
      expect(Number(seen[i]!.timestamp)).toBeLessThanOrEqual(Number(seen[i - 1]!.timestamp));
    }
    expect(Number(seen[0]!.timestamp)).toBe(END);
    expect(Number(seen.at(-1)!.timestamp)).toBeGreaterThanOrEqual(START);
    const kinds = new Set(seen.map((e) => e.result));
    expect(kinds).toContain('success');
    expect(kinds).toContain('failure');
    expect([...kinds].every((k) => (ACCESS_EVENTS as readonly unknown[]).includes(k))).toBe(true);
    expect(seen.some((e) => typeof e.data === 'string')).toBe(true);
    expect(seen.some((e) => typeof e.data === 'object' && e.data !== null)).toBe(true);
  });

  it('shows appended events first and shifts offsets', async () => {
    const { s, token } = await start();
    const newestBefore = s.truthAccessLog()[0]!;
    s.appendActivity({ rowsPerStream: 1, accessLogEvents: 5, until: END + 60_000 });
    const page = ((await call(s, 'private/get_access_log', { count: 6 }, token)).body.result as { data: Event[] }).data;
    expect(Number(page[5]!.id)).toBe(newestBefore.id);
    expect(page.slice(0, 5).every((e) => Number(e.timestamp) > END)).toBe(true);
  });

  it('rejects count above 1000 (or maxCount), below 1, and a negative offset with -32602', async () => {
    const { s, token } = await start();
    expect(((await call(s, 'private/get_access_log', { count: 1000 }, token)).body.result as { data: Event[] }).data).toHaveLength(250);
    for (const params of [{ count: 1001 }, { count: 0 }, { offset: -1 }] as Record<string, number>[]) {
      const reply = await call(s, 'private/get_access_log', params, token);
      expect([reply.status, reply.body.error?.code]).toEqual([400, '-32602']);
    }
  });

  it('holds security changes about once in six events by default, a few per thousand with the rare profile', () => {
    const securityShare = (store: AccessLogStore): number => {
      let security = 0;
      for (let i = 0; i < store.length; i++) if (!['success', 'failure'].includes(store.at(i)!.event)) security += 1;
      return security / store.length;
    };
    const frequent = new AccessLogStore(7);
    frequent.generate(20_000, START, END);
    const rare = new AccessLogStore(7, 'rare');
    rare.generate(20_000, START, END);
    expect(securityShare(frequent)).toBeGreaterThan(0.12);
    expect(securityShare(frequent)).toBeLessThan(0.22);
    expect(securityShare(rare)).toBeGreaterThan(0.002);
    expect(securityShare(rare)).toBeLessThan(0.02);
    // Every kind still occurs in a long rare history.
    const kinds = new Set(Array.from({ length: rare.length }, (_, i) => rare.at(i)!.event));
    expect([...kinds].sort()).toEqual([...ACCESS_EVENTS].sort());
  });
});
