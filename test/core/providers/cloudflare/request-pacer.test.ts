import { describe, expect, it } from 'vitest';
import { CLOUDFLARE_RATE_LIMIT, RequestPacer } from '../../../../src/core/providers/cloudflare/request-pacer';
import { VirtualClock } from '../deribit/virtual-clock';

describe('RequestPacer', () => {
  it('lets 1,200 requests go at once, then keeps every 5-minute window (+ margin) at 1,200', async () => {
    const clock = new VirtualClock(0);
    const pacer = new RequestPacer(CLOUDFLARE_RATE_LIMIT, clock);
    const starts: number[] = [];
    for (let i = 0; i < 3000; i++) {
      await pacer.acquire();
      starts.push(clock.now());
    }
    expect(starts[1199]).toBe(0);
    expect(starts[1200]).toBe(301_000);
    for (let i = 1200; i < starts.length; i++) {
      expect((starts[i] ?? 0) - (starts[i - 1200] ?? 0)).toBeGreaterThanOrEqual(300_000 + 1000);
    }
  });

  it('holds everything back during a 429 block, and rejects a wait when cancelled', async () => {
    const clock = new VirtualClock(1000);
    const pacer = new RequestPacer({ limit: 10, windowMs: 1000, marginMs: 0 }, clock);
    pacer.block(300_000);
    expect(pacer.blockedUntilMs).toBe(301_000);
    await pacer.acquire();
    expect(clock.now()).toBe(301_000);
    expect(pacer.blockedUntilMs).toBeNull();

    pacer.block(5000);
    const controller = new AbortController();
    const waiting = pacer.acquire(controller.signal);
    controller.abort(new Error('stop'));
    await expect(waiting).rejects.toThrow('stop');
  });
});
