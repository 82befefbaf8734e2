/** The simulator's hostile answers: a `mutate` fault rewrites a real result losslessly; `serverTimeAnswer` moves get_time alone. */
import { afterEach, describe, expect, it } from 'vitest';
import { LosslessNumber } from 'lossless-json';
import { startDeribitSim, type DeribitSim } from './index';
import { END, START, call, login, smallDataset } from './sim-fixtures';

const TX = 'private/get_transaction_log';
let sim: DeribitSim | null = null;
afterEach(async () => {
  await sim?.close();
  sim = null;
});

describe('hostile answers', () => {
  it('a mutate fault changes only what it changes: every other number keeps its exact text', async () => {
    sim = await startDeribitSim({ dataset: smallDataset({ rowsPerStream: 20 }), txLogIntervalMs: 0 });
    const token = await login(sim);
    const params = { currency: 'BTC', start_timestamp: START, end_timestamp: END, count: 5 };
    const honest = await call(sim, TX, params, token);
    const seen: Record<string, string>[] = [];
    sim.injectFaults([{
      method: TX,
      kind: {
        type: 'mutate',
        mutate: (result, p) => {
          seen.push({ ...p });
          const r = result as { logs: Record<string, unknown>[]; continuation: unknown };
          return { ...r, logs: r.logs.map((row, i) => (i === 0 ? { ...row, balance: new LosslessNumber('777.000000001') } : row)) };
        },
      },
    }]);
    const hostile = await call(sim, TX, params, token);
    expect(seen[0]).toMatchObject({ currency: 'BTC', count: '5' });
    const honestLogs = /"logs":\[(.*)\],"continuation"/.exec(honest.text)?.[1] ?? '';
    const hostileLogs = /"logs":\[(.*)\],"continuation"/.exec(hostile.text)?.[1] ?? '';
    const firstRow = /"balance":([\d.]+)/.exec(honestLogs)?.[1] ?? '';
    expect(hostileLogs).toBe(honestLogs.replace(`"balance":${firstRow}`, '"balance":777.000000001'));
    expect((await call(sim, TX, params, token)).text.includes('777.000000001')).toBe(false);
  });

  it('serverTimeAnswer changes what get_time answers and nothing else', async () => {
    sim = await startDeribitSim({ dataset: smallDataset({ rowsPerStream: 5 }), serverTimeAnswer: () => Date.UTC(3000, 0, 1) });
    expect((await call(sim, 'public/get_time')).text).toContain(`"result":${Date.UTC(3000, 0, 1)}`);
    // Tokens still live on the real clock: a client_credentials login works.
    expect(await login(sim)).toBeTruthy();
  });
});
