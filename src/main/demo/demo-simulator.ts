/**
 * The demo account: the Deribit simulator started in-process with a small, fixed history (main account,
 * two subaccounts, three currencies), at Deribit's real rate limit, so a new user sees the whole flow —
 * add a key, sync with progress, browse — in about half a minute without a real key.
 */
import { DEFAULT_SIM_KEY, startDeribitSim, type DeribitSim } from '../../../test/sim/deribit/index';
import type { DemoProvider } from '../services/main-services';

const DAY = 24 * 60 * 60 * 1000;
/** Fixed, so every launch serves the same history (same ids, same timestamps). */
const DEMO_END = Date.UTC(2026, 10, 1);

export function createDemoProvider(): DemoProvider {
  let sim: DeribitSim | null = null;
  return {
    async start() {
      const endTime = DEMO_END;
      sim ??= await startDeribitSim({
        dataset: {
          seed: 2026,
          subaccounts: 2,
          currencies: ['BTC', 'ETH', 'USDC'],
          rowsPerStream: 400,
          accessLogEvents: 1200,
          startTime: endTime - 2 * 365 * DAY,
          endTime,
        },
      });
      return { baseUrl: sim.url, clientId: DEFAULT_SIM_KEY.clientId, clientSecret: DEFAULT_SIM_KEY.clientSecret };
    },
    async close() {
      await sim?.close();
      sim = null;
    },
  };
}
