/**
 * What each login source keeps, in words, with the dates that follow for this source's history:
 * "Cloudflare keeps 180 days at most: events before 2026-06-10 are gone." Providers that do not document
 * a retention are said to, with what the sync asked for and the oldest event that actually came back,
 * so an empty result is never mistaken for "nothing happened".
 */
import type { LoginSourceKind } from './types';

const DAY = 86_400_000;
/** Cloudflare Access authentication logs: 24 hours (Free) up to 180 days (Enterprise). */
export const CLOUDFLARE_MAX_RETENTION_MS = 180 * DAY;

const PROVIDERS: Readonly<Record<Exclude<LoginSourceKind, 'deribit'>, string>> = {
  cloudflare: 'Cloudflare Access',
  ingedata: 'Ingedata Pulse',
  nlpearl: 'NLPearl',
};

/** `2026-06-10` */
export const utcDate = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/** How far back a provider can answer at best (null = not documented, assume it keeps everything). */
export function retentionLimitMs(kind: LoginSourceKind): number | null {
  return kind === 'cloudflare' ? CLOUDFLARE_MAX_RETENTION_MS : null;
}

export interface SourceHistoryFacts {
  readonly kind: LoginSourceKind;
  readonly now: number;
  /** The oldest time the syncs have asked this source for (null: never synced). */
  readonly askedFrom: number | null;
  /** The oldest event cached from it (null: none). */
  readonly oldestEvent: number | null;
}

/** One or two sentences: what the provider keeps, what is older, what was asked and what came back. */
export function describeSourceHistory(facts: SourceHistoryFacts): string[] {
  if (facts.kind === 'deribit') return [];
  const name = PROVIDERS[facts.kind];
  const lines: string[] = [];
  const limit = retentionLimitMs(facts.kind);
  if (limit !== null) {
    lines.push(
      `Cloudflare keeps Access authentication logs for 180 days at most (24 hours on the Free plan): events before ${utcDate(facts.now - limit)} are gone and no sync can bring them back.`,
    );
  } else {
    lines.push(`${name} does not document how long it keeps its log: the app asks for everything back to the start of the money history and keeps what it gets.`);
  }
  if (facts.askedFrom === null) return lines;
  const asked = `Asked back to ${utcDate(facts.askedFrom)}`;
  if (facts.oldestEvent === null) {
    lines.push(`${asked}; ${name} returned no events for that period.`);
  } else if (facts.oldestEvent - facts.askedFrom > 2 * DAY) {
    const gone = limit !== null && facts.askedFrom < facts.now - limit ? ' (the rest is past what Cloudflare keeps)' : '';
    lines.push(`${asked}; the oldest event ${name} returned is from ${utcDate(facts.oldestEvent)}${gone}.`);
  } else {
    lines.push(`${asked}; events cached from ${utcDate(facts.oldestEvent)}.`);
  }
  return lines;
}
