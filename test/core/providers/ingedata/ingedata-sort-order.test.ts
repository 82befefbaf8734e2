/**
 * Never trust Pulse's order: a server that honours only part of `sort` (or none of it) must not change the
 * newest login the connection test reports, nor what a sync reads. Real HTTP against the simulator.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { LoginAuditConnector, LoginEvent, LoginPage } from '../../../../src/core/logins/types';
import { createIngedataConnector } from '../../../../src/core/providers/ingedata';
import { DEFAULT_PULSE_KEY, startIngedataSim, type IngedataSim, type IngedataSimOptions } from '../../../sim/ingedata';
import type { SortSupport } from '../../../sim/ingedata/sim-types';

const DAY = 86_400_000;
/** The account: 124 logins from January 2023 to May 2024. */
const START = Date.UTC(2023, 0, 3);
const END = Date.UTC(2024, 4, 21, 14, 7);
const NOW = Date.UTC(2026, 11, 7);

let sims: IngedataSim[] = [];
afterEach(async () => {
  await Promise.all(sims.map((s) => s.close()));
  sims = [];
});

async function setup(simOptions: Partial<IngedataSimOptions>, logins = 124, pageSize = 1000): Promise<{ sim: IngedataSim; conn: LoginAuditConnector }> {
  const sim = await startIngedataSim({ dataset: { seed: 11, logins, startTime: START, endTime: END }, now: () => NOW, rateLimit: null, ...simOptions });
  sims.push(sim);
  const conn = createIngedataConnector({
    sourceKey: 'pulse', apiKey: DEFAULT_PULSE_KEY, baseUrl: sim.url, now: () => NOW, sleep: () => Promise.resolve(), random: () => 0.5, pageSize,
  });
  return { sim, conn };
}

async function drain(conn: LoginAuditConnector, from: number, to: number): Promise<{ events: LoginEvent[]; notes: string[] }> {
  const events: LoginEvent[] = [];
  const notes: string[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const page: LoginPage = await conn.fetchPage({ from, to, cursor });
    events.push(...page.events);
    notes.push(...page.notes);
    cursor = page.cursor;
    if (++pages > 500) throw new Error('no progress');
  } while (cursor !== null);
  return { events, notes };
}

const SUPPORTS: readonly SortSupport[] = ['all', 'fields-not-direction', 'first-field', 'none'];
const utcMinute = (ms: number): string => `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;

describe('Ingedata "Test connection" computes the newest login itself', () => {
  it.each(SUPPORTS)('sort honoured: %s', async (sortSupport) => {
    const { sim, conn } = await setup({ sortSupport });
    const newest = sim.truth()[0];
    const report = await conn.testConnection();
    expect(report.ok).toBe(true);
    expect(report.newestEventAt).toBe(newest?.timestamp);
    expect(report.summary).toContain('124 login(s) recorded');
    expect(report.summary).toContain(`Newest login ${utcMinute(END)}`);
  });

  it('the simulator option really returns oldest first for "-date,-id" (so the test above can fail)', async () => {
    const { sim } = await setup({ sortSupport: 'fields-not-direction' });
    const token = ((await (await fetch(`${sim.url}/api/v3/iam/auth/api/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ key: DEFAULT_PULSE_KEY }) })).json()) as { meta: { token: string } }).meta.token;
    const body = (await (await fetch(`${sim.url}/api/v3/iam/account_logins?sort=-date,-id&page[size]=25`, { headers: { authorization: `Bearer ${token}` } })).json()) as { data: { attributes: { date: string } }[] };
    const dates = body.data.map((d) => Date.parse(d.attributes.date));
    expect(dates).toEqual([...dates].sort((a, b) => a - b));
    expect(dates[0]).toBe(sim.truth().at(-1)?.timestamp);
    expect(Math.max(...dates)).toBeLessThan(END);
  });

  it('reads past the first page when the order is wrong and more logins exist than one probe page', async () => {
    const { sim, conn } = await setup({ sortSupport: 'none', maxPageSize: 50 }, 400);
    const report = await conn.testConnection();
    expect(report.newestEventAt).toBe(sim.truth()[0]?.timestamp);
    expect(report.sampleCount).toBe(400);
  });
});

describe('an Ingedata sync does not depend on the server honouring sort', () => {
  it.each([
    ['fields-not-direction', 'reject'],
    ['fields-not-direction', 'ignore'],
    ['none', 'ignore'],
    ['first-field', 'reject'],
  ] as const)('sort %s, date filter %s: every login of the window, once', async (sortSupport, dateFilter) => {
    const { sim, conn } = await setup({ sortSupport, dateFilter }, 600, 100);
    const from = START + 200 * DAY;
    const to = START + 400 * DAY;
    const expected = sim.truth().filter((t) => t.timestamp >= from && t.timestamp <= to);
    const { events, notes } = await drain(conn, from, to);
    expect(new Set(events.map((e) => e.timestamp)).size).toBeGreaterThan(50);
    expect(new Set(events.map((e) => e.raw))).toEqual(new Set(expected.map((t) => t.json)));
    if (sortSupport !== 'first-field') expect(notes.join(' ')).toContain('did not return logins newest first');
  });
});
