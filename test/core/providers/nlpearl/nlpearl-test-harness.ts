/** Shared setup for the NLPearl connector tests: a sim, a connector on it, and a full-window sync loop. */
import type { LoginAuditConnector, LoginEvent } from '../../../../src/core/logins/types';
import { createNlpearlConnector, type NlpearlConnectorOptions } from '../../../../src/core/providers/nlpearl/index';
import { startNlpearlSim, type NlpearlSim, type NlpearlSimOptions } from '../../../sim/nlpearl/index';

export const START = Date.UTC(2026, 0, 1);
export const END = Date.UTC(2026, 3, 1);

export async function openSim(options: NlpearlSimOptions = {}): Promise<NlpearlSim> {
  return startNlpearlSim({ ...options, dataset: { seed: 5, events: 800, startTime: START, endTime: END, ...options.dataset } });
}

export function connectorFor(sim: NlpearlSim, options: Partial<NlpearlConnectorOptions> = {}): LoginAuditConnector {
  return createNlpearlConnector({
    sourceKey: 'nl',
    baseUrl: sim.url,
    accountId: sim.account.accountId,
    secretKey: sim.account.secretKey,
    retry: { baseDelayMs: 5, maxDelayMs: 20 },
    ...options,
  });
}

export interface SyncResult {
  readonly events: Map<string, LoginEvent>;
  readonly pages: number;
  readonly notes: string[];
}

/** Pages [from, to] to the end; `beforePage(n)` runs before page n (0-based), e.g. to append events. */
export async function syncWindow(
  connector: LoginAuditConnector,
  from: number,
  to: number,
  beforePage?: (page: number) => void,
  startCursor: string | null = null,
): Promise<SyncResult> {
  const events = new Map<string, LoginEvent>();
  const notes: string[] = [];
  let cursor = startCursor;
  let pages = 0;
  do {
    beforePage?.(pages);
    const page = await connector.fetchPage({ from, to, cursor });
    pages += 1;
    for (const e of page.events) events.set(e.key, e);
    notes.push(...page.notes);
    cursor = page.cursor;
  } while (cursor !== null);
  return { events, pages, notes };
}

/** The sim's records in [from, to] (ms) as sorted raw texts. */
export function truthTexts(sim: NlpearlSim, from = START, to = END): string[] {
  return sim
    .truth()
    .filter((r) => r.timestampMs >= from && r.timestampMs <= to)
    .map((r) => r.text)
    .sort();
}

export function rawTexts(events: Map<string, LoginEvent>): string[] {
  return [...events.values()].map((e) => e.raw).sort();
}
