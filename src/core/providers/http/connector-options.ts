/**
 * What every HTTP login connector is configured with besides its credentials, and the defaults filled
 * in: the real fetch, clock and randomness unless a test injects its own.
 */
import { systemClock, type Clock } from '../deribit/rate-scheduler';
import type { ProviderStatus } from '../deribit/retry-loop';
import type { FetchFn } from './http-exchange';

export type SleepFn = (ms: number, signal?: AbortSignal) => Promise<void>;

export interface HttpConnectorOptions {
  /** The configured login source: the first part of every event's key. */
  readonly sourceKey: string;
  /** The provider's API address; tests point it at the simulator. */
  readonly baseUrl?: string;
  readonly fetch?: FetchFn;
  readonly now?: () => number;
  readonly sleep?: SleepFn;
  readonly random?: () => number;
  /** Per request; default 30 s. */
  readonly timeoutMs?: number;
}

export interface ConnectorRuntime {
  readonly baseUrl: string;
  readonly fetch: FetchFn;
  readonly clock: Clock;
  readonly random: () => number;
  readonly timeoutMs: number;
}

export function connectorRuntime(options: HttpConnectorOptions, defaultBaseUrl: string): ConnectorRuntime {
  return {
    baseUrl: options.baseUrl ?? defaultBaseUrl,
    // Bound: a bare `fetch` called as a method of another object throws "Illegal invocation".
    fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    clock: { now: options.now ?? (() => Date.now()), sleep: options.sleep ?? systemClock.sleep },
    random: options.random ?? Math.random,
    timeoutMs: options.timeoutMs ?? 30_000,
  };
}

/** Passes status changes on; the same state and message twice in a row is said once. */
export function statusReporter(onStatus: ((status: ProviderStatus) => void) | undefined): (status: ProviderStatus) => void {
  let last = '';
  return (status) => {
    const key = `${status.state}|${status.message}`;
    if (key === last) return;
    last = key;
    onStatus?.(status);
  };
}
