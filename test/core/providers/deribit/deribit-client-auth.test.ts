import { afterEach, describe, expect, it } from 'vitest';
import { systemClock, type Clock } from '../../../../src/core/providers/deribit/rate-scheduler';
import type { DeribitSim } from '../../../sim/deribit/index';
import { calls, clientFor, firstPage, rejection, startSim } from './client-harness';

let sim: DeribitSim | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

/** One adjustable time shared by the simulator's `now` and the client's clock (token expiry tests). */
function sharedTime(offsetMs = 0) {
  const state = { shift: 0 };
  const now = (): number => Date.now() + state.shift;
  const clock: Clock = { now, sleep: systemClock.sleep };
  return { state, serverNow: () => now() + offsetMs, clock };
}

function grants(sim: DeribitSim): string[] {
  return calls(sim, 'public/auth').map((r) => r.params.grant_type ?? '');
}

describe('sign-in', () => {
  it.each(['client_signature', 'client_credentials'] as const)('%s: signs in, reports the scope, reads the log', async (authMethod) => {
    sim = await startSim();
    const { client } = clientFor(sim, { authMethod });
    const scope = await client.authenticate();
    expect(scope).toMatchObject({ insufficient: false, warnings: [] });
    expect(scope.tokens).toEqual(expect.arrayContaining(['account:read', 'wallet:read']));
    expect(client.grantedScope).toEqual(scope);
    expect((await client.getTransactionLog(firstPage(5))).rows).toHaveLength(5);

    const auths = calls(sim, 'public/auth');
    expect(auths.map((a) => a.params.grant_type)).toEqual([authMethod, authMethod]);
    // The working token asks only for what the app needs, in a named session.
    expect(auths[1]?.params.scope).toBe('session:recon account:read wallet:read');
    const secretInUrl = auths.some((a) => a.params.client_secret === 'sim-secret');
    expect(secretInUrl).toBe(authMethod === 'client_credentials');
  });

  it('warns plainly about a key that can withdraw, though the working token stays read-only', async () => {
    sim = await startSim({ keys: [{ clientId: 'k', clientSecret: 's', scope: 'account:read wallet:read_write trade:read_write' }] });
    const { client } = clientFor(sim, { clientId: 'k', clientSecret: 's' });
    const scope = await client.authenticate();
    expect(scope.insufficient).toBe(false);
    expect(scope.warnings.some((w) => /wallet:read_write.*withdraw/.test(w))).toBe(true);
    expect(scope.warnings.some((w) => /trade:read_write.*orders/.test(w))).toBe(true);
    expect(calls(sim, 'public/auth').at(-1)?.params.scope).toBe('session:recon account:read wallet:read');
  });

  it('flags a key without account:read as insufficient; private calls then fail as forbidden', async () => {
    sim = await startSim({ keys: [{ clientId: 'k', clientSecret: 's', scope: 'wallet:read' }] });
    const { client } = clientFor(sim, { clientId: 'k', clientSecret: 's' });
    const scope = await client.authenticate();
    expect(scope.insufficient).toBe(true);
    expect(scope.warnings.join(' ')).toMatch(/lacks account:read/);
    const error = await rejection(client.getTransactionLog(firstPage()));
    expect(error).toMatchObject({ kind: 'forbidden', code: 13021, retriable: false });
    expect(error.userMessage).toMatch(/account:read/);
    expect(calls(sim, 'private/get_transaction_log')).toHaveLength(1);
  });

  it.each(['client_credentials', 'client_signature'] as const)('%s with a wrong client id → invalid_credentials, not retried', async (authMethod) => {
    sim = await startSim();
    const { client } = clientFor(sim, { authMethod, clientId: 'nobody' });
    const error = await rejection(client.authenticate());
    expect(error).toMatchObject({ kind: 'invalid_credentials', code: 13004, retriable: false });
    expect(error.userMessage).toMatch(/rejected the client id or secret/);
    expect(calls(sim, 'public/auth')).toHaveLength(1);
  });

  it('client_credentials with a wrong secret → invalid_credentials', async () => {
    sim = await startSim();
    const { client } = clientFor(sim, { authMethod: 'client_credentials', clientSecret: 'wrong' });
    expect(await rejection(client.getTransactionLog(firstPage()))).toMatchObject({ kind: 'invalid_credentials' });
    expect(calls(sim, 'private/get_transaction_log')).toHaveLength(0);
  });

  it.each([13009, 13004] as const)('a bad signature answered with %i gives a clear typed error, no loop', async (badSignatureCode) => {
    sim = await startSim({ badSignatureCode });
    const { client } = clientFor(sim, { clientSecret: 'wrong-secret' });
    const error = await rejection(client.authenticate());
    expect(error.kind).toBe(badSignatureCode === 13009 ? 'unauthorized' : 'invalid_credentials');
    expect(error.retriable).toBe(false);
    expect(error.userMessage).toMatch(badSignatureCode === 13009 ? /rejected the key's signature/ : /client id or secret/);
    expect(calls(sim, 'public/auth')).toHaveLength(1);
  });

  it('signs against the server clock when the local clock is 5 minutes off', async () => {
    const time = sharedTime(5 * 60_000);
    sim = await startSim({ now: time.serverNow });
    const { client } = clientFor(sim, { clock: time.clock });
    await client.authenticate();
    const ts = Number(calls(sim, 'public/auth')[0]?.params.timestamp);
    expect(Math.abs(ts - time.serverNow())).toBeLessThan(2_000);
  });

  it('re-measures the skew once when the local clock jumped after the first sign-in', async () => {
    const time = sharedTime();
    let serverOffset = 0;
    sim = await startSim({ now: () => time.serverNow() + serverOffset });
    const { client } = clientFor(sim, { clock: time.clock });
    await client.authenticate();
    serverOffset = 3 * 60_000; // the local clock now runs 3 minutes slow
    sim.injectFaults([{ method: 'private/get_transaction_log', kind: { type: 'expire-token' } }]);
    expect((await client.getTransactionLog(firstPage(3))).rows).toHaveLength(3);
    // stale signature rejected → get_time → signed again
    expect(sim.requests().slice(-5).map((r) => [r.method, r.errorCode])).toEqual([
      ['private/get_transaction_log', 13009],
      ['public/auth', 13009],
      ['public/get_time', null],
      ['public/auth', null],
      ['private/get_transaction_log', null],
    ]);
  });
});

describe('token lifetime', () => {
  it('refreshes with the refresh token at 80% of expires_in, before the token expires', async () => {
    const time = sharedTime();
    sim = await startSim({ now: time.serverNow, tokenTtlSeconds: 10 });
    const { client } = clientFor(sim, { clock: time.clock });
    await client.getTransactionLog(firstPage(1));
    time.state.shift += 7_000; // 70%: still the same token
    await client.getTransactionLog(firstPage(1));
    expect(grants(sim)).toEqual(['client_signature']);
    time.state.shift += 1_500; // 85%: refresh first
    await client.getTransactionLog(firstPage(1));
    expect(grants(sim)).toEqual(['client_signature', 'refresh_token']);
    time.state.shift += 8_500; // 85% of the refreshed token's lifetime
    await client.getTransactionLog(firstPage(1));
    expect(grants(sim)).toEqual(['client_signature', 'refresh_token', 'refresh_token']);
    expect(sim.requests().every((r) => r.errorCode === null)).toBe(true);
  });

  it('signs in afresh when the refresh is refused', async () => {
    const time = sharedTime();
    sim = await startSim({ now: time.serverNow, tokenTtlSeconds: 10 });
    const { client } = clientFor(sim, { clock: time.clock });
    await client.getTransactionLog(firstPage(1));
    time.state.shift += 9_000;
    sim.injectFaults([{ method: 'public/auth', kind: { type: 'error', code: 13009 } }]);
    expect((await client.getTransactionLog(firstPage(1))).rows).toHaveLength(1);
    expect(grants(sim)).toEqual(['client_signature', 'refresh_token', 'client_signature']);
  });

  it('a 13009 mid-sync (token revoked) re-authenticates once and retries the request', async () => {
    sim = await startSim();
    const { client } = clientFor(sim);
    const first = await client.getTransactionLog(firstPage(5));
    sim.injectFaults([{ method: 'private/get_transaction_log', kind: { type: 'expire-token' } }]);
    const again = await client.getTransactionLog({ ...firstPage(5), continuation: first.continuation });
    expect(again.rows).toHaveLength(5);
    const tx = calls(sim, 'private/get_transaction_log');
    expect(tx.map((r) => r.errorCode)).toEqual([null, 13009, null]);
    expect(tx[2]?.params.continuation).toBe(String(first.continuation));
    expect(grants(sim)).toEqual(['client_signature', 'client_signature']);
  });

  it('a second 13009 right after re-authenticating is permanent: unauthorized', async () => {
    sim = await startSim();
    const { client } = clientFor(sim);
    await client.getTransactionLog(firstPage(1));
    sim.injectFaults([{ method: 'private/get_transaction_log', times: 5, kind: { type: 'error', code: 13009 } }]);
    const error = await rejection(client.getTransactionLog(firstPage(1)));
    expect(error).toMatchObject({ kind: 'unauthorized', code: 13009, retriable: false });
    expect(error.userMessage).toMatch(/even after signing in again/);
    expect(calls(sim, 'private/get_transaction_log')).toHaveLength(3);
    expect(grants(sim)).toHaveLength(2);
  });

  it('concurrent calls share one sign-in', async () => {
    sim = await startSim();
    const { client } = clientFor(sim);
    await Promise.all([client.getSubaccounts(), client.getAccessLog({ offset: 0, count: 5 }), client.getAccountSummary('BTC', null)]);
    expect(grants(sim)).toEqual(['client_signature']);
  });
});
