/**
 * The demo login sources: the Cloudflare Access, Ingedata Pulse and NLPearl simulators started in-process
 * with fixed seeds over the demo account's last months, plus the planted story (demo-login-story.ts), so
 * the Login events view and the correlation have realistic data without any real key.
 */
import { SIM_ACCOUNT_ID, SIM_TOKEN, startCloudflareSim, type CloudflareSim } from '../../../test/sim/cloudflare/index';
import { DEFAULT_PULSE_KEY, startIngedataSim, type IngedataSim } from '../../../test/sim/ingedata/index';
import { DEFAULT_NLPEARL_ACCOUNT, startNlpearlSim, type NlpearlSim } from '../../../test/sim/nlpearl/index';
import type { DemoLoginProvider, DemoLoginSource } from '../services/login-sources';
import { plantLoginStory, type DemoWithdrawal, type PlantedLoginStory } from './demo-login-story';

const DAY = 86_400_000;

export interface DemoLoginTimeRange {
  /** The demo account's newest activity (ms): login data ends here too. */
  readonly endTime: number;
  /** How far back the login sources reach (they keep less than the exchange). */
  readonly spanMs: number;
}

export interface DemoLoginSimulators extends DemoLoginProvider {
  /** What was planted (after start), for tests and the demo's description. */
  story(): PlantedLoginStory | null;
}

export const DEFAULT_DEMO_LOGIN_SPAN_MS = 200 * DAY;

export function createDemoLoginProvider(range: DemoLoginTimeRange, withdrawals: () => Promise<readonly DemoWithdrawal[]>): DemoLoginSimulators {
  let started: Promise<readonly DemoLoginSource[]> | null = null;
  let sims: { cloudflare: CloudflareSim; ingedata: IngedataSim; nlpearl: NlpearlSim } | null = null;
  let planted: PlantedLoginStory | null = null;

  const start = async (): Promise<readonly DemoLoginSource[]> => {
    const startTime = range.endTime - range.spanMs;
    const story = plantLoginStory(await withdrawals(), startTime);
    const [cloudflare, ingedata, nlpearl] = await Promise.all([
      startCloudflareSim({
        // Background attacks are refused; the one that gets in is the planted story's.
        dataset: { seed: 2026, count: 2500, startTime, endTime: range.endTime, burstEnding: 'denied' },
        includeCountry: true,
        // The demo's history is fixed in time: keep it whatever today's date is.
        retentionMs: 10 * 365 * DAY,
      }),
      // People who travel as people do (days away, flights between), with GeoIP coordinates on some logins.
      startIngedataSim({ dataset: { seed: 2026, logins: 1500, accounts: 8, startTime, endTime: range.endTime, travel: 'itinerary' } }),
      startNlpearlSim({ dataset: { seed: 2026, events: 1200, startTime, endTime: range.endTime } }),
    ]);
    cloudflare.append({ records: [...story.cloudflare] });
    nlpearl.appendRecords(story.nlpearl);
    sims = { cloudflare, ingedata, nlpearl };
    planted = story;
    return [
      {
        label: 'Demo Cloudflare Access',
        settings: { kind: 'cloudflare', baseUrl: cloudflare.url, accountId: SIM_ACCOUNT_ID, authMethod: 'api-token', email: null },
        secret: SIM_TOKEN,
      },
      { label: 'Demo Ingedata Pulse', settings: { kind: 'ingedata', baseUrl: ingedata.url }, secret: DEFAULT_PULSE_KEY },
      {
        label: 'Demo NLPearl',
        settings: { kind: 'nlpearl', baseUrl: nlpearl.url, accountId: DEFAULT_NLPEARL_ACCOUNT.accountId },
        secret: DEFAULT_NLPEARL_ACCOUNT.secretKey,
      },
    ];
  };

  return {
    start() {
      started ??= start();
      started.catch(() => {
        started = null;
      });
      return started;
    },
    story: () => planted,
    async close() {
      const running = sims;
      sims = null;
      started = null;
      if (running) await Promise.all([running.cloudflare.close(), running.ingedata.close(), running.nlpearl.close()]);
    },
  };
}
