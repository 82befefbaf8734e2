/**
 * Clocks. Two kinds of time are needed and they must not be mixed:
 * - wall time (`systemClock`, Date.now): signature timestamps, token lifetimes, "retrying at …" for people;
 * - scheduling time (`monotonicClock`, performance.now): the spacing between requests. The wall clock can
 *   jump (NTP step, a user changing the time, a suspended laptop): a jump forward would make a wait look
 *   over and send early, a jump back would stall. performance.now never goes back and ignores such jumps.
 * Both sleep on setTimeout, which Node and browsers drive from a monotonic source already.
 */
import { abortReason } from './abort-wait';

export interface Clock {
  now(): number;
  /** Resolves after `ms`; rejects when `signal` aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    if (signal?.aborted) {
      reject(abortReason(signal));
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(abortReason(signal as AbortSignal));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, Math.max(0, ms));
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Wall time in epoch milliseconds. */
export const systemClock: Clock = { now: () => Date.now(), sleep };

/** Monotonic milliseconds (arbitrary origin) for pacing: unaffected by wall-clock jumps. */
export const monotonicClock: Clock = { now: () => performance.now(), sleep };
