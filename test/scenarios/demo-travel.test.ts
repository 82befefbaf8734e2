/**
 * The demo's places travel as people do: its Deribit access log (the `itinerary` places of the simulator)
 * and its Ingedata people (`travel: 'itinerary'`) give no impossible-travel finding, while the same data
 * with places picked at random does (so these checks can fail). Events go through the client's own parsers.
 */
import { parse } from 'lossless-json';
import { describe, expect, it } from 'vitest';
import { correlate } from '../../src/core/correlate/correlate';
import { accessLogToLoginEvent } from '../../src/core/logins/deribit-access-log';
import type { LoginAuditConnector, LoginEvent } from '../../src/core/logins/types';
import { createIngedataConnector } from '../../src/core/providers/ingedata';
import { toAccessLogEvent } from '../../src/core/providers/deribit/lossless-response';
import { DEMO_DATASET } from '../../src/main/demo/demo-simulator';
import { startDeribitSim } from '../sim/deribit/index';
import { DEFAULT_PULSE_KEY, startIngedataSim } from '../sim/ingedata';

async function accessLog(places: 'random' | 'itinerary'): Promise<LoginEvent[]> {
  const sim = await startDeribitSim({ dataset: { ...DEMO_DATASET, rowsPerStream: 5, accessLogPlaces: places } });
  try {
    return sim.truthAccessLog().map((e) => accessLogToLoginEvent('demo', toAccessLogEvent(parse(e.json))));
  } finally {
    await sim.close();
  }
}

async function drain(connector: LoginAuditConnector, from: number, to: number): Promise<LoginEvent[]> {
  const events: LoginEvent[] = [];
  let cursor: string | null = null;
  do {
    const page = await connector.fetchPage({ from, to, cursor });
    events.push(...page.events);
    cursor = page.cursor;
  } while (cursor !== null);
  return events;
}

async function pulseLogins(travel: 'random' | 'itinerary'): Promise<LoginEvent[]> {
  const { startTime, endTime } = DEMO_DATASET;
  const sim = await startIngedataSim({ dataset: { seed: 2026, logins: 1500, accounts: 8, startTime, endTime, travel }, rateLimit: null });
  try {
    return await drain(createIngedataConnector({ sourceKey: 'pulse', apiKey: DEFAULT_PULSE_KEY, baseUrl: sim.url }), startTime, endTime);
  } finally {
    await sim.close();
  }
}

const travelFindings = (events: readonly LoginEvent[]) => correlate([], events).filter((f) => f.signal === 'two-countries');

describe("the demo's places", () => {
  it('its access log travels: several countries, normalised to codes, and no impossible trip', async () => {
    const events = await accessLog('itinerary');
    const countries = new Set(events.map((e) => e.country).filter((c) => c !== null));
    expect(countries).toEqual(new Set(['GB', 'DE', 'SE', 'US', 'CN']));
    expect(travelFindings(events)).toEqual([]);
    expect(travelFindings(await accessLog('random')).length).toBeGreaterThan(0);
  });

  it('its Ingedata people travel too, with GeoIP coordinates on some logins', async () => {
    const events = await pulseLogins('itinerary');
    expect(events.length).toBe(1500);
    expect(events.filter((e) => e.coordinates).length).toBeGreaterThan(100);
    expect(new Set(events.map((e) => e.country)).size).toBeGreaterThan(4);
    expect(travelFindings(events)).toEqual([]);
    expect(travelFindings(await pulseLogins('random')).length).toBeGreaterThan(0);
  });
});
