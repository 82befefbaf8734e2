/** Shared pieces of the Cloudflare connector tests: a connector to the simulator, drain a window, an in-memory login store. */
import type { LoginAuditConnector, LoginEvent } from '../../../../src/core/logins/types';
import { createCloudflareConnector, type CloudflareConnectorOptions } from '../../../../src/core/providers/cloudflare/index';
import type { LoginStreamState, LoginSyncStore } from '../../../../src/core/sync/login-sync';
import { SIM_TOKEN, type CloudflareSim } from '../../../sim/cloudflare/index';

export const DAY = 86_400_000;

/** A connector signed in to `sim` with its API token; no jitter (random = 0). */
export function connectToSim(sim: CloudflareSim, options: Partial<CloudflareConnectorOptions> = {}): LoginAuditConnector {
  return createCloudflareConnector({
    sourceKey: 'cf',
    accountId: sim.accountId,
    credentials: { kind: 'api-token', token: SIM_TOKEN },
    baseUrl: sim.url,
    random: () => 0,
    ...options,
  });
}

export interface Drained {
  readonly events: LoginEvent[];
  readonly pages: number;
  readonly notes: Set<string>;
}

/** Pages [from, to] to the end, like the sync engine does. */
export async function drain(connector: LoginAuditConnector, from: number, to: number, maxPages = 10_000): Promise<Drained> {
  const events: LoginEvent[] = [];
  const notes = new Set<string>();
  let cursor: string | null = null;
  let pages = 0;
  do {
    const page = await connector.fetchPage({ from, to, cursor });
    pages += 1;
    events.push(...page.events);
    for (const n of page.notes) notes.add(n);
    cursor = page.cursor;
    if (pages > maxPages) throw new Error('walk did not end');
  } while (cursor !== null);
  return { events, pages, notes };
}

export function sortedRaws(items: readonly { raw: string }[] | readonly { json: string }[]): string[] {
  return items.map((x) => ('raw' in x ? x.raw : x.json)).sort();
}

/** What Dexie does for the engine: events upserted by key, state saved with them. */
export class MemoryLoginStore implements LoginSyncStore {
  readonly events = new Map<string, LoginEvent>();
  state: LoginStreamState | null = null;
  commits = 0;

  async getLoginStream(): Promise<LoginStreamState | null> {
    return this.state;
  }

  async putLoginStream(state: LoginStreamState): Promise<void> {
    this.state = state;
  }

  async commitLoginPage(events: readonly LoginEvent[], state: LoginStreamState): Promise<number> {
    let inserted = 0;
    for (const e of events) {
      if (!this.events.has(e.key)) inserted += 1;
      this.events.set(e.key, e);
    }
    this.state = { ...state, eventsStored: state.eventsStored + inserted };
    this.commits += 1;
    return inserted;
  }
}
