import { describe, expect, it } from 'vitest';
import { RateScheduler, systemClock, type RateLimits } from '../../../../src/core/providers/deribit/rate-scheduler';
import { VirtualClock } from './virtual-clock';

const LIMITS: RateLimits = { txLogIntervalMs: 1005, credit: { capacity: 50_000, refillPerSec: 10_000, cost: 500 } };

function gaps(times: readonly number[]): number[] {
  return times.slice(1).map((t, i) => t - (times[i] as number));
}

describe('transaction-log slots', () => {
  it('spaces concurrent callers by the interval, first one immediately', async () => {
    const clock = new VirtualClock(10_000);
    const scheduler = new RateScheduler(LIMITS, clock);
    const starts: number[] = [];
    await Promise.all(
      Array.from({ length: 20 }, () => scheduler.acquire('txLog').then(() => starts.push(clock.now()))),
    );
    expect(starts[0]).toBe(10_000);
    expect(gaps(starts).every((g) => g === 1005)).toBe(true);
  });

  it('measures from the previous START: 80 pages at 50 ms latency take ~80 s, not ~84 s', async () => {
    const clock = new VirtualClock();
    const scheduler = new RateScheduler(LIMITS, clock);
    for (let page = 0; page < 80; page++) {
      await scheduler.acquire('txLog');
      await clock.sleep(50); // the request's round trip
    }
    expect(clock.now()).toBe(79 * 1005 + 50);
  });

  it('does not wait when the previous call started long enough ago', async () => {
    const clock = new VirtualClock();
    const scheduler = new RateScheduler(LIMITS, clock);
    await scheduler.acquire('txLog');
    await clock.sleep(5000);
    await scheduler.acquire('txLog');
    expect(clock.now()).toBe(5000);
  });

  it('pushes the next slot back after a 10028 pause', async () => {
    const clock = new VirtualClock();
    const scheduler = new RateScheduler(LIMITS, clock);
    await scheduler.acquire('txLog');
    scheduler.pause('txLog', 4000);
    await scheduler.acquire('txLog');
    expect(clock.now()).toBe(4000);
  });

  it('a cancelled waiter rejects and does not break the spacing of those behind it', async () => {
    const clock = new VirtualClock();
    const scheduler = new RateScheduler(LIMITS, clock);
    const controller = new AbortController();
    const starts: number[] = [];
    await scheduler.acquire('txLog');
    starts.push(clock.now());
    const second = scheduler.acquire('txLog', controller.signal);
    const third = scheduler.acquire('txLog').then(() => starts.push(clock.now()));
    const fourth = scheduler.acquire('txLog').then(() => starts.push(clock.now()));
    controller.abort(new Error('stop'));
    await expect(second).rejects.toThrow('stop');
    await Promise.all([third, fourth]);
    expect(starts).toEqual([0, 1005, 2010]);
  });

  it('keeps real-time spacing with the system clock', async () => {
    const scheduler = new RateScheduler({ ...LIMITS, txLogIntervalMs: 30 }, systemClock);
    const starts: number[] = [];
    await Promise.all(Array.from({ length: 8 }, () => scheduler.acquire('txLog').then(() => starts.push(performance.now()))));
    for (const g of gaps(starts)) expect(g).toBeGreaterThanOrEqual(29); // performance.now vs Date.now rounding
  });
});

describe('credit bucket', () => {
  it('allows the burst of capacity/cost, then the refill rate, never more', async () => {
    const clock = new VirtualClock();
    const scheduler = new RateScheduler(LIMITS, clock);
    const starts: number[] = [];
    await Promise.all(Array.from({ length: 160 }, () => scheduler.acquire('credit').then(() => starts.push(clock.now()))));
    expect(starts.filter((t) => t === 0)).toHaveLength(100);
    // In any prefix ending at t, calls ≤ burst + t × 20/s.
    starts.sort((a, b) => a - b);
    starts.forEach((t, i) => expect(i + 1).toBeLessThanOrEqual(100 + Math.floor((t * 10_000) / 1000 / 500)));
    expect(starts.at(-1)).toBe(3000); // 60 calls after the burst at 20/s
  });

  it('is independent of the transaction-log lane and honours a pause', async () => {
    const clock = new VirtualClock();
    const scheduler = new RateScheduler(LIMITS, clock);
    await scheduler.acquire('txLog');
    await scheduler.acquire('credit');
    expect(clock.now()).toBe(0);
    scheduler.pause('credit', 700);
    await scheduler.acquire('credit');
    expect(clock.now()).toBe(700);
  });

  it('rejects when aborted while waiting for credits', async () => {
    const clock = new VirtualClock();
    const scheduler = new RateScheduler({ ...LIMITS, credit: { capacity: 500, refillPerSec: 1, cost: 500 } }, clock);
    await scheduler.acquire('credit');
    const controller = new AbortController();
    const waiting = scheduler.acquire('credit', controller.signal);
    controller.abort(new Error('cancelled'));
    await expect(waiting).rejects.toThrow('cancelled');
  });
});
