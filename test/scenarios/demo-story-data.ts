/**
 * The demo's own data, as the app would cache it after syncing everything: the Deribit simulator with the
 * demo dataset (its rows and access log, read from the simulator's truth and parsed by the client's own
 * lossless readers), and the three demo login sources started as the demo starts them, paged through their
 * connectors over real HTTP. Used to hold the demo's story to its noise budget.
 */
import { parse } from 'lossless-json';
import { accessLogToLoginEvent } from '../../src/core/logins/deribit-access-log';
import type { LoginEvent } from '../../src/core/logins/types';
import { toAccessLogEvent, toTransactionLogRow } from '../../src/core/providers/deribit/lossless-response';
import { buildLedgerPages } from '../../src/core/recon/ledger-page';
import type { LedgerPage } from '../../src/core/recon/types';
import { createDemoLoginProvider, DEFAULT_DEMO_LOGIN_SPAN_MS } from '../../src/main/demo/demo-login-simulators';
import type { DemoWithdrawal, PlantedLoginStory } from '../../src/main/demo/demo-login-story';
import { DEMO_DATASET } from '../../src/main/demo/demo-simulator';
import { createLoginConnector } from '../../src/main/services/login-source-connector';
import { startDeribitSim } from '../sim/deribit/index';

export interface DemoStoryData {
  readonly accountKey: string;
  readonly pages: LedgerPage[];
  readonly events: LoginEvent[];
  readonly story: PlantedLoginStory;
  /** The row id of the withdrawal the story's 2FA switch-off precedes. */
  readonly targetRowId: number;
  readonly usernames: ReadonlyMap<string, string>;
}

export async function loadDemoStory(): Promise<DemoStoryData> {
  const sim = await startDeribitSim({ dataset: DEMO_DATASET });
  const logins = createDemoLoginProvider({ endTime: DEMO_DATASET.endTime, spanMs: DEFAULT_DEMO_LOGIN_SPAN_MS }, async () => withdrawals);
  const withdrawals: DemoWithdrawal[] = [];
  try {
    const main = sim.users.find((u) => u.isMain);
    if (!main) throw new Error('the demo simulator has no main user');
    const accountKey = `deribit-${main.userId}`;
    const pages: LedgerPage[] = [];
    const withdrawalIds = new Map<string, number>();
    for (const user of sim.users) {
      for (const currency of DEMO_DATASET.currencies) {
        const rows = sim.truthTransactions(user.userId, currency).map((t) => toTransactionLogRow(parse(t.json), currency));
        for (const row of rows) {
          if (row.type !== 'withdrawal') continue;
          withdrawals.push({ timestamp: row.timestamp, username: user.username, currency });
          withdrawalIds.set(`${row.timestamp}|${user.username}|${currency}`, row.id);
        }
        pages.push(...buildLedgerPages(accountKey, rows));
      }
    }
    const events: LoginEvent[] = sim.truthAccessLog().map((e) => accessLogToLoginEvent(accountKey, toAccessLogEvent(parse(e.json))));
    const sources = await logins.start();
    const from = DEMO_DATASET.endTime - DEFAULT_DEMO_LOGIN_SPAN_MS - 1;
    for (const [i, source] of sources.entries()) {
      const connector = createLoginConnector(`demo-${source.settings.kind}-${i}`, source.settings, source.secret);
      let cursor: string | null = null;
      do {
        const page = await connector.fetchPage({ from, to: DEMO_DATASET.endTime + 1, cursor });
        events.push(...page.events);
        cursor = page.cursor;
      } while (cursor !== null);
    }
    const story = logins.story();
    const target = story?.twoFactorOffBefore;
    const targetRowId = target ? withdrawalIds.get(`${target.timestamp}|${target.username}|${target.currency}`) : undefined;
    if (!story || targetRowId === undefined) throw new Error('the demo planted no story');
    const usernames = new Map(sim.users.map((u) => [`${accountKey}|${u.userId}`, u.username] as const));
    return { accountKey, pages, events, story, targetRowId, usernames };
  } finally {
    await Promise.all([logins.close(), sim.close()]);
  }
}
