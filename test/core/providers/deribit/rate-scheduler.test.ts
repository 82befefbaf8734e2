import { describe, expect, it, vi } from 'vitest';
import { RateScheduler, systemClock, type PacingSlot, type RateLimits } from '../../../../src/core/providers/deribit/rate-scheduler';
import { VirtualClock } from './virtual-clock';

const LIMITS: RateLimits = {
  txLogIntervalMs: 1000,
  txLogMargin: { initialMs: 5, minMs: 5, maxMs: 250 },
  credit: { capacity: 50_000, refillPerSec: 10_000, cost: 500 },
};

function gaps(times: readonly number[]): number[] {
  return times.slice(1).map((t, i) => t - (times[i] as number));
}

/** A request that took `inMs` on the way in and `rttMs` in all, at a server whose clock is `skewMs` ahead. */
async function request(clock: VirtualClock, scheduler: RateScheduler, inMs: number, rttMs = 50, skewMs = 1_700_000_000_000): Promise<number> {
  const slot = await scheduler.acquire('txLog');
  const arrival = slot.sentAt + inMs;
  await clock.sleep(rttMs);
  slot.settle({ usIn: Math.round((arrival + skewMs) * 1000), rateLimited: false });
  return arrival;
}

/**
 * Teaches the way in (`inMs`) with a few credit calls, as the sign-in and discovery do; with a clock, each
 * answer takes `inMs` back as well (without, it comes back at once: no hard bound to speak of).
 */
async function warmUp(scheduler: RateScheduler, inMs: number, calls: number, clock?: VirtualClock): Promise<void> {
  for (let i = 0; i < calls; i++) {
    const slot = await scheduler.acquire('credit');
    if (clock) await clock.sleep(2 * inMs);
    slot.settle({ usIn: Math.round((slot.sentAt + inMs + 1_700_000_000_000) * 1000), rateLimited: false });
  }
}

describe('transaction-log slots', () => {
  it('opens the first slot one interval (+ margin) after the limiter was created: an earlier process may just have sent', async () => {
    const clock = new VirtualClock(10_000);
    const scheduler = new RateScheduler(LIMITS, clock);
    await scheduler.acquire('txLog');
    expect(clock.now()).toBe(11_005);
  });

  it('spaces concurrent callers by interval + margin', async () => {
    const clock = new VirtualClock(10_000);
    const scheduler = new RateScheduler(LIMITS, clock);
    const starts: number[] = [];
    await Promise.all(
      Array.from({ length: 20 }, () =>
        scheduler.acquire('txLog').then((slot) => {
          starts.push(clock.now());
          slot.settle({ usIn: null, rateLimited: false });
        }),
      ),
    );
    expect(starts[0]).toBe(11_005);
    expect(gaps(starts).every((g) => g === 1005)).toBe(true);
  });

  it('spaces from the ARRIVAL, not the answer: 80 pages at 50 ms latency take ~80 s, not ~84 s', async () => {
    const clock = new VirtualClock();
    const scheduler = new RateScheduler(LIMITS, clock);
    await warmUp(scheduler, 10, 16, clock);
    const start = (await request(clock, scheduler, 10, 50)) - 10; // the first page's send
    for (let page = 1; page < 80; page++) await request(clock, scheduler, 10, 50);
    // What is added per page is a few ms of uncertainty about the fastest way in, not the 50 ms round trip.
    expect(clock.now() - start).toBeGreaterThanOrEqual(79 * 1005 + 50);
    expect(clock.now() - start).toBeLessThan(79 * (1005 + 10) + 50);
  });

  it('without a usIn (a network failure, a proxy page) spaces from the answer: the arrival was before it', async () => {
    const clock = new VirtualClock();
    const scheduler = new RateScheduler(LIMITS, clock);
    for (let page = 0; page < 3; page++) {
      const slot = await scheduler.acquire('txLog');
      await clock.sleep(50);
      slot.settle({ usIn: null, rateLimited: false });
    }
    expect(clock.now()).toBe(1005 + 2 * 1055 + 50);
  });

  it('does not wait when the previous call started long enough ago', async () => {
    const clock = new VirtualClock();
    const scheduler = new RateScheduler(LIMITS, clock);
    (await scheduler.acquire('txLog')).settle({ usIn: null, rateLimited: false });
    await clock.sleep(5000);
    await scheduler.acquire('txLog');
    expect(clock.now()).toBe(6005);
  });

  it('pushes the next slot back after a 10028 pause', async () => {
    const clock = new VirtualClock();
    const scheduler = new RateScheduler(LIMITS, clock);
    (await scheduler.acquire('txLog')).settle({ usIn: null, rateLimited: false });
    scheduler.pause('txLog', 4000);
    await scheduler.acquire('txLog');
    expect(clock.now()).toBe(1005 + 4000);
  });

  it('a cancelled waiter rejects and does not break the spacing of those behind it', async () => {
    const clock = new VirtualClock();
    const scheduler = new RateScheduler(LIMITS, clock);
    const controller = new AbortController();
    const starts: number[] = [];
    const settle = (slot: PacingSlot): void => {
      starts.push(clock.now());
      slot.settle({ usIn: null, rateLimited: false });
    };
    settle(await scheduler.acquire('txLog'));
    const second = scheduler.acquire('txLog', controller.signal);
    const third = scheduler.acquire('txLog').then(settle);
    const fourth = scheduler.acquire('txLog').then(settle);
    controller.abort(new Error('stop'));
    await expect(second).rejects.toThrow('stop');
    await Promise.all([third, fourth]);
    expect(starts).toEqual([1005, 2010, 3015]);
  });

  it('spaces ARRIVALS: a request slow on the way in pushes the next one back by as much', async () => {
    const clock = new VirtualClock();
    const scheduler = new RateScheduler(LIMITS, clock);
    await warmUp(scheduler, 5, 8);
    const slow = await request(clock, scheduler, 45);
    const fast = await request(clock, scheduler, 5);
    expect(fast - slow).toBeGreaterThanOrEqual(1000);
    expect(fast - slow).toBeLessThan(1010);
  });

  it('keeps every arrival gap at or above the interval under random inbound delays, at about interval + half the spread', async () => {
    const clock = new VirtualClock();
    const scheduler = new RateScheduler(LIMITS, clock);
    let seed = 7;
    const random = (): number => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
    const arrivals: number[] = [];
    for (let i = 0; i < 120; i++) arrivals.push(await request(clock, scheduler, 5 + 40 * random()));
    const arrivalGaps = gaps(arrivals);
    expect(Math.min(...arrivalGaps)).toBeGreaterThanOrEqual(1000);
    const mean = arrivalGaps.reduce((a, b) => a + b, 0) / arrivalGaps.length;
    expect(mean).toBeLessThan(1035);
    expect(scheduler.txLogStats().minServerGapMs).toBeGreaterThanOrEqual(1000);
  });

  it('widens the margin after a server-side gap below the interval and after a 10028, then narrows slowly', async () => {
    const clock = new VirtualClock();
    const scheduler = new RateScheduler(LIMITS, clock);
    await warmUp(scheduler, 30, 8);
    await request(clock, scheduler, 30);
    await request(clock, scheduler, 0); // faster than anything seen: arrives 30 ms early, a 975 ms gap
    const afterShort = scheduler.txLogStats();
    expect(afterShort.minServerGapMs).toBeCloseTo(975, 0);
    expect(afterShort.shortGaps).toBe(1);
    expect(afterShort.marginMs).toBeGreaterThanOrEqual(5 + 2 * 25);

    const slot = await scheduler.acquire('txLog');
    await clock.sleep(50);
    slot.settle({ usIn: null, rateLimited: true });
    const afterLimited = scheduler.txLogStats().marginMs;
    expect(afterLimited).toBeGreaterThanOrEqual(2 * afterShort.marginMs + 50);
    expect(scheduler.minimumSpacingMs('txLog')).toBe(1000 + afterLimited);

    for (let i = 0; i < 20; i++) await request(clock, scheduler, 0);
    const narrowed = scheduler.txLogStats().marginMs;
    expect(narrowed).toBeLessThan(afterLimited);
    expect(narrowed).toBeGreaterThanOrEqual(afterLimited - 20); // 1 ms per comfortable gap
  });

  it('a second caller waits for the previous answer (it may still be on its way), at most 30 s', async () => {
    const clock = new VirtualClock();
    const scheduler = new RateScheduler(LIMITS, clock);
    await warmUp(scheduler, 5, 8);
    const first = await scheduler.acquire('txLog');
    const second = scheduler.acquire('txLog');
    await clock.sleep(1_500); // a slow answer: the request spent 1,200 ms on the way in
    first.settle({ usIn: Math.round((first.sentAt + 1_200 + 1_700_000_000_000) * 1000), rateLimited: false });
    expect((await second).sentAt - first.sentAt).toBe(1_200 - 5 + 1005);

    // Never answered (a hung request): after 30 s it is assumed to have arrived by then.
    const third = scheduler.acquire('txLog');
    await expect(third.then((slot) => slot.sentAt - (first.sentAt + 1_200 - 5 + 1005))).resolves.toBe(30_000 + 1005);
  });

  it('uses a monotonic clock by default: the wall clock jumping forward does not shorten a gap', async () => {
    const scheduler = new RateScheduler({ ...LIMITS, txLogIntervalMs: 40, txLogMargin: { initialMs: 1, minMs: 1, maxMs: 10 } });
    const realNow = Date.now.bind(Date);
    let shift = 0;
    const spy = vi.spyOn(Date, 'now').mockImplementation(() => realNow() + shift);
    try {
      const starts: number[] = [];
      for (let i = 0; i < 6; i++) {
        const slot = await scheduler.acquire('txLog');
        starts.push(performance.now());
        slot.settle({ usIn: null, rateLimited: false });
        shift += i % 2 === 0 ? 60_000 : -120_000; // forward a minute, back two
      }
      for (const g of gaps(starts)) expect(g).toBeGreaterThanOrEqual(40);
      expect((starts.at(-1) ?? 0) - (starts[0] ?? 0)).toBeLessThan(5 * 41 + 200); // nor stalls after a jump back
    } finally {
      spy.mockRestore();
    }
  });

  it('keeps real-time spacing with the system clock', async () => {
    const scheduler = new RateScheduler({ ...LIMITS, txLogIntervalMs: 30 }, systemClock);
    const starts: number[] = [];
    await Promise.all(
      Array.from({ length: 8 }, () =>
        scheduler.acquire('txLog').then((slot) => {
          starts.push(performance.now());
          slot.settle({ usIn: null, rateLimited: false });
        }),
      ),
    );
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

  it('is independent of the transaction-log lane (its cold start included) and honours a pause', async () => {
    const clock = new VirtualClock();
    const scheduler = new RateScheduler(LIMITS, clock);
    void scheduler.acquire('txLog');
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
