/**
 * The demo account: the Deribit simulator started in-process with a small, fixed history (main account,
 * two subaccounts, three currencies), at Deribit's real rate limit, so a new user sees the whole flow —
 * add a key, sync with progress, browse — in about half a minute without a real key. Its login sources
 * (demo-login-simulators.ts) cover the same months and are timed against its withdrawals.
 */
import { DEFAULT_SIM_KEY, startDeribitSim, type DatasetSpec, type DeribitSim } from '../../../test/sim/deribit/index';
import type { DemoProvider } from '../services/main-services';
import { createDemoLoginProvider, DEFAULT_DEMO_LOGIN_SPAN_MS } from './demo-login-simulators';
import type { DemoWithdrawal } from './demo-login-story';

const DAY = 24 * 60 * 60 * 1000;
/** Fixed, so every launch serves the same history (same ids, same timestamps). */
const DEMO_END = Date.UTC(2026, 10, 1);

export const DEMO_DATASET: DatasetSpec = {
  seed: 2026,
  subaccounts: 2,
  currencies: ['BTC', 'ETH', 'USDC'],
  rowsPerStream: 400,
  accessLogEvents: 1200,
  accessLogSecurityEvents: 'rare',
  // A trader who travels as people do (days away, flights in between), not a new country every few logins.
  accessLogPlaces: 'itinerary',
  startTime: DEMO_END - 2 * 365 * DAY,
  endTime: DEMO_END,
};

/** Every withdrawal of the demo account (all users, all currencies), as served. */
function withdrawalsOf(sim: DeribitSim): DemoWithdrawal[] {
  const found: DemoWithdrawal[] = [];
  for (const user of sim.users) {
    for (const currency of DEMO_DATASET.currencies) {
      for (const row of sim.truthTransactions(user.userId, currency)) {
        if (row.type === 'withdrawal') found.push({ timestamp: row.timestamp, username: user.username, currency });
      }
    }
  }
  return found;
}

export function createDemoProvider(): DemoProvider {
  let sim: Promise<DeribitSim> | null = null;
  const ensureSim = (): Promise<DeribitSim> => {
    sim ??= startDeribitSim({ dataset: DEMO_DATASET });
    return sim;
  };
  const logins = createDemoLoginProvider({ endTime: DEMO_END, spanMs: DEFAULT_DEMO_LOGIN_SPAN_MS }, async () => withdrawalsOf(await ensureSim()));
  return {
    async start() {
      const started = await ensureSim();
      return { baseUrl: started.url, clientId: DEFAULT_SIM_KEY.clientId, clientSecret: DEFAULT_SIM_KEY.clientSecret };
    },
    async close() {
      const running = sim;
      sim = null;
      await (await running?.catch(() => null))?.close();
    },
    logins,
  };
}
