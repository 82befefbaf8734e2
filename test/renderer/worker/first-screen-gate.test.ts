/** The worker's first-screen gate: background jobs wait for a running Overview, whether it succeeds or fails. */
import { describe, expect, it } from 'vitest';
import { FirstScreenGate } from '../../../src/renderer/worker/first-screen-gate';

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const tick = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

describe('FirstScreenGate', () => {
  it('starts a background job only once the first-screen job has answered', async () => {
    const gate = new FirstScreenGate();
    const overview = deferred<string>();
    const order: string[] = [];
    const first = gate.first(async () => {
      order.push('overview started');
      const value = await overview.promise;
      order.push('overview done');
      return value;
    });
    const background = gate.background(async () => {
      order.push('correlate started');
      return 'findings';
    });
    await tick();
    expect(order).toEqual(['overview started']);
    overview.resolve('charts');
    await expect(first).resolves.toBe('charts');
    await expect(background).resolves.toBe('findings');
    expect(order).toEqual(['overview started', 'overview done', 'correlate started']);
  });

  it('releases background jobs when the first-screen job fails, and passes the failure to its own caller only', async () => {
    const gate = new FirstScreenGate();
    const overview = deferred<string>();
    const first = gate.first(() => overview.promise);
    let started = false;
    const background = gate.background(async () => {
      started = true;
      return 1;
    });
    await tick();
    expect(started).toBe(false);
    overview.reject(new Error('database closed'));
    await expect(first).rejects.toThrow('database closed');
    await expect(background).resolves.toBe(1);
  });

  it('runs a background job at once when no first-screen job is running', async () => {
    const gate = new FirstScreenGate();
    await gate.first(async () => 'done');
    await tick();
    let started = false;
    const background = gate.background(async () => {
      started = true;
    });
    await Promise.resolve();
    await Promise.resolve();
    expect(started).toBe(true);
    await background;
  });
});
