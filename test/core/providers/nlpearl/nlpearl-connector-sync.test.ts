import { afterEach, describe, expect, it } from 'vitest';
import type { LoginEvent } from '../../../../src/core/logins/types';
import { runLoginSync, type LoginStreamState, type LoginSyncStore } from '../../../../src/core/sync/login-sync';
import type { NlpearlSim } from '../../../sim/nlpearl/index';
import { END, START, connectorFor, openSim, rawTexts, syncWindow, truthTexts } from './nlpearl-test-harness';

let sims: NlpearlSim[] = [];
afterEach(async () => {
  await Promise.all(sims.map((s) => s.close()));
  sims = [];
});
async function sim(options: Parameters<typeof openSim>[0] = {}): Promise<NlpearlSim> {
  const s = await openSim(options);
  sims.push(s);
  return s;
}

describe('NLPearl connector: paging a window to the end equals the truth', () => {
  it.each([
    ['ascending', 'application/json; charset=utf-8'],
    ['descending', 'text/plain'],
    ['unordered', 'text/plain; charset=utf-8'],
  ] as const)('cap 60, order %s, served as %s', async (order, contentType) => {
    const s = await sim({ cap: 60, order, contentType });
    const { events, notes } = await syncWindow(connectorFor(s), START, END);
    expect(rawTexts(events)).toEqual(truthTexts(s));
    expect(notes).toEqual([]);
    // Timestamps are the floored ms of the wire text, and each event says what it is.
    const byRaw = new Map(s.truth().map((r) => [r.text, r.timestampMs]));
    for (const e of events.values()) {
      expect(e.timestamp).toBe(byRaw.get(e.raw));
      expect(e.source).toBe('nlpearl');
      expect(e.key).toBe(`nl|${e.id}`);
    }
  });

  it('keeps identical records apart and re-reading yields the same ids', async () => {
    const s = await sim({ cap: 1000 });
    const truth = truthTexts(s);
    expect(new Set(truth).size).toBeLessThan(truth.length); // the dataset has identical twins
    const first = await syncWindow(connectorFor(s), START, END);
    const again = await syncWindow(connectorFor(s), START, END);
    expect(first.events.size).toBe(truth.length);
    expect([...again.events.keys()].sort()).toEqual([...first.events.keys()].sort());
  });

  it.each([
    [{ fromInclusive: false, toInclusive: false }],
    [{ fromInclusive: true, toInclusive: false }],
    [{ fromInclusive: false, toInclusive: true }],
  ])('loses nothing at window edges whatever the bounds inclusivity (%j)', async (bounds) => {
    const s = await sim({ cap: 40, order: 'ascending', ...bounds });
    // Records exactly on the window's first and last millisecond, and on chunk edges inside it.
    const edge = (ms: number, n: number): { timestampMs: number; subTicks: number; eventType: number; userId: null; text: string } => ({
      timestampMs: ms,
      subTicks: 0,
      eventType: 2,
      userId: null,
      text: JSON.stringify({ timestamp: new Date(ms).toISOString().replace('.000Z', 'Z'), eventType: 2, user: null, additionalData: { n: String(n) } }),
    });
    s.appendRecords([edge(START, 1), edge(END, 2), edge(START + 7 * 86_400_000, 3), edge(START + 7 * 86_400_000 - 1, 4)]);
    const { events } = await syncWindow(connectorFor(s, { plan: { initialChunkMs: 7 * 86_400_000 } }), START, END);
    expect(rawTexts(events)).toEqual(truthTexts(s));
  });

  it('reads every render style: IP under varying keys, no zone or +00:00, eventType by name', async () => {
    for (const style of [{ timestampZone: 'none', eventTypeStyle: 'name', ipKey: 'mixed' }, { timestampZone: '+00:00', eventTypeStyle: 'number', ipKey: 'clientIp' }] as const) {
      const s = await sim({ cap: 300, style, dataset: { events: 400 } });
      const { events } = await syncWindow(connectorFor(s), START, END);
      expect(rawTexts(events)).toEqual(truthTexts(s));
      const list = [...events.values()];
      const logins = list.filter((e) => e.kind === 'login-success');
      expect(logins.length).toBeGreaterThan(50);
      expect(logins.filter((e) => e.ip === null && !e.raw.includes('"user":null'))).toEqual([]);
      for (const kind of ['login-failure', 'api-key-created', '2fa-enabled', '2fa-disabled', 'role-changed', 'other'] as const) {
        expect(list.some((e) => e.kind === kind)).toBe(true);
      }
      const byRaw = new Map(s.truth().map((r) => [r.text, r.timestampMs]));
      for (const e of list) expect(e.timestamp).toBe(byRaw.get(e.raw));
    }
  });

  it('misses nothing while new events arrive during the sync', async () => {
    const s = await sim({ cap: 50, order: 'descending' });
    const to = END + 30 * 86_400_000;
    const { events } = await syncWindow(connectorFor(s), START, to, (page) => {
      // New events land after the part already read, up to the window's end.
      if (page === 5 || page === 15) s.append({ count: 80, from: END + page * 86_400_000, to });
    });
    expect(rawTexts(events)).toEqual(truthTexts(s, START, to));
  });

  it('accepts a crowded millisecond with a note instead of splitting forever', async () => {
    const s = await sim({ cap: 30, dataset: { events: 100 } });
    const at = START + 12 * 86_400_000 + 345;
    const crowd = Array.from({ length: 45 }, (_, i) => ({
      timestampMs: at,
      subTicks: i,
      eventType: 1,
      userId: null,
      text: JSON.stringify({ timestamp: `${new Date(at).toISOString().slice(0, 23)}${String(i).padStart(4, '0')}Z`, eventType: 1, user: null, additionalData: { ip: '185.220.101.47', success: 'false' } }),
    }));
    s.appendRecords(crowd);
    const { events, notes } = await syncWindow(connectorFor(s), START, END);
    expect(notes.some((n) => n.includes(new Date(at).toISOString()))).toBe(true);
    // Everything outside that millisecond is complete; inside it, what the server returned.
    const outside = (t: string[]): string[] => t.filter((x) => !crowd.some((c) => c.text === x));
    expect(outside(rawTexts(events))).toEqual(outside(truthTexts(s)));
    expect(rawTexts(events).length).toBeGreaterThanOrEqual(truthTexts(s).length - 45 + 29);
  });

  it('keeps a record whose timestamp cannot be read, once, with a note', async () => {
    const s = await sim({ cap: 1000, dataset: { events: 60 } });
    const at = START + 40 * 86_400_000;
    const text = JSON.stringify({ timestamp: 'sometime', eventType: 31, user: { id: 'u', name: 'Dana', type: 1 }, additionalData: null });
    s.appendRecords([{ timestampMs: at, subTicks: 0, eventType: 31, userId: 'u', text }]);
    const { events, notes } = await syncWindow(connectorFor(s, { plan: { initialChunkMs: 86_400_000 } }), START, END);
    expect(rawTexts(events)).toEqual(truthTexts(s));
    const odd = [...events.values()].filter((e) => e.raw === text);
    expect(odd).toHaveLength(1);
    expect(odd[0]).toMatchObject({ kind: 'api-key-removed', actor: 'Dana' });
    expect(notes.some((n) => n.includes('unreadable timestamp'))).toBe(true);
  });

  it('restarts the window with a note when the cursor is unreadable or from another window', async () => {
    const s = await sim({ cap: 1000, dataset: { events: 50 } });
    const page = await connectorFor(s).fetchPage({ from: START, to: END, cursor: 'garbage' });
    expect(page.notes[0]).toContain('read again from its start');
    const { events } = await syncWindow(connectorFor(s), START, END, undefined, page.cursor);
    expect(rawTexts(new Map([...page.events.map((e) => [e.key, e] as const), ...events]))).toEqual(truthTexts(s));
    expect(await connectorFor(s).fetchPage({ from: END, to: START, cursor: null })).toEqual({ events: [], cursor: null, notes: [] });
  });
});

describe('NLPearl connector: resume after interruption', () => {
  it('cancelled mid-request resumes from the stored cursor: complete, no duplicates', async () => {
    const s = await sim({ cap: 40, latencyMs: 15 });
    const connector = connectorFor(s);
    const stored = new Map<string, LoginEvent>();
    let cursor: string | null = null;
    let inserts = 0;
    for (let i = 0; i < 4; i++) {
      const page = await connector.fetchPage({ from: START, to: END, cursor });
      for (const e of page.events) stored.set(e.key, e);
      inserts += page.events.length;
      cursor = page.cursor;
    }
    const pending = connector.fetchPage({ from: START, to: END, cursor });
    setTimeout(() => connector.cancelAll(), 10);
    await expect(pending).rejects.toMatchObject({ kind: 'cancelled' });
    // Still usable after cancelAll, and resuming from the last stored cursor completes the window.
    const rest = await syncWindow(connector, START, END, undefined, cursor);
    for (const e of rest.events.values()) stored.set(e.key, e);
    inserts += rest.events.size;
    expect(rawTexts(stored)).toEqual(truthTexts(s));
    expect(inserts).toBe(stored.size);
  });

  it('through the login sync engine: abort after some pages, run again, everything stored once', async () => {
    const s = await sim({ cap: 40 });
    const events = new Map<string, LoginEvent>();
    let state: LoginStreamState | null = null;
    let commits = 0;
    const store: LoginSyncStore = {
      getLoginStream: () => Promise.resolve(state),
      putLoginStream: (next) => {
        state = next;
        return Promise.resolve();
      },
      commitLoginPage: (page, next) => {
        const fresh = page.filter((e) => !events.has(e.key)).length;
        for (const e of page) events.set(e.key, e);
        state = { ...next, eventsStored: next.eventsStored + fresh };
        commits += 1;
        return Promise.resolve(fresh);
      },
    };
    const abort = new AbortController();
    const connector = connectorFor(s);
    const options = { sourceKey: 'nl', source: 'nlpearl' as const, connector, store, now: () => END, lookbackMs: END - START };
    const first = await runLoginSync({ ...options, signal: abort.signal, onProgress: () => (commits >= 6 ? abort.abort() : undefined) });
    expect(first.phase).toBe('cancelled');
    expect(events.size).toBeLessThan(truthTexts(s).length);
    const second = await runLoginSync(options);
    expect(second.phase).toBe('done');
    expect(rawTexts(events)).toEqual(truthTexts(s));
    expect(state!.eventsStored).toBe(events.size);
  });
});
