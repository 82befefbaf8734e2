import { afterEach, describe, expect, it } from 'vitest';
import { narrowScope } from './auth-service';
import { DEFAULT_SIM_KEY, signClientRequest, startDeribitSim, type DeribitSim, type DeribitSimOptions } from './index';
import { call, login, smallDataset } from './sim-fixtures';

const KEY = DEFAULT_SIM_KEY;
let sim: DeribitSim | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

async function start(options: Partial<DeribitSimOptions> = {}): Promise<DeribitSim> {
  sim = await startDeribitSim({ dataset: smallDataset({ rowsPerStream: 5, accessLogEvents: 5 }), ...options });
  return sim;
}

function signed(timestamp: number, nonce: string, secret = KEY.clientSecret, data = ''): Record<string, string> {
  return {
    grant_type: 'client_signature',
    client_id: KEY.clientId,
    timestamp: String(timestamp),
    nonce,
    data,
    signature: signClientRequest(secret, String(timestamp), nonce, data),
  };
}

const result = (reply: { body: { result?: unknown } }): Record<string, unknown> => reply.body.result as Record<string, unknown>;

describe('public/auth', () => {
  it('signs the providers.md test vector', () => {
    expect(signClientRequest('AMANDASECRECT', '1576074319000', '1iqt2wls', '')).toBe(
      '56590594f97921b09b18f166befe0d1319b198bbcdad7ca73382de2f88fe9aa1',
    );
  });

  it('grants client_credentials with the documented result fields, and the token opens private calls', async () => {
    const s = await start({ tokenTtlSeconds: 321 });
    const reply = await call(s, 'public/auth', { grant_type: 'client_credentials', client_id: KEY.clientId, client_secret: KEY.clientSecret });
    expect(reply.status).toBe(200);
    const r = result(reply);
    expect(Object.keys(r).sort()).toEqual(['access_token', 'expires_in', 'refresh_token', 'scope', 'token_type']);
    expect(r.expires_in).toBe('321');
    expect(r.token_type).toBe('bearer');
    expect(r.scope).toBe('account:read wallet:read');
    expect((await call(s, 'private/get_subaccounts', {}, String(r.access_token))).status).toBe(200);
  });

  it('rejects a wrong secret or client id with 13004 (HTTP 400)', async () => {
    const s = await start();
    for (const params of [
      { grant_type: 'client_credentials', client_id: KEY.clientId, client_secret: 'nope' },
      { grant_type: 'client_credentials', client_id: 'nobody', client_secret: KEY.clientSecret },
    ]) {
      const reply = await call(s, 'public/auth', params);
      expect(reply.status).toBe(400);
      expect(reply.body.error?.code).toBe('13004');
      expect(reply.body.error?.message).toBe('invalid_credentials');
    }
  });

  it('accepts client_signature inside the window and rejects a reused nonce, a stale timestamp and a bad signature', async () => {
    let now = 1_700_000_000_000;
    const s = await start({ now: () => now, signatureWindowMs: 60_000 });
    expect((await call(s, 'public/auth', signed(now - 59_000, 'n1'))).status).toBe(200);
    expect((await call(s, 'public/auth', signed(now, 'n2', KEY.clientSecret, 'some data'))).status).toBe(200);
    const reused = await call(s, 'public/auth', signed(now, 'n1'));
    expect([reused.status, reused.body.error?.code]).toEqual([401, '13009']);
    const stale = await call(s, 'public/auth', signed(now - 61_000, 'n3'));
    expect(stale.body.error?.code).toBe('13009');
    const future = await call(s, 'public/auth', signed(now + 61_000, 'n4'));
    expect(future.body.error?.code).toBe('13009');
    const wrong = await call(s, 'public/auth', signed(now, 'n5', 'other-secret'));
    expect(wrong.body.error?.code).toBe('13009');
    now += 3_600_000; // the window follows the server clock
    expect((await call(s, 'public/auth', signed(now, 'n6'))).status).toBe(200);
  });

  it('answers a bad signature with 13004 when configured', async () => {
    const s = await start({ badSignatureCode: 13004 });
    const first = await call(s, 'public/auth', signed(Date.now(), 'same'));
    expect(first.status).toBe(200);
    const reused = await call(s, 'public/auth', signed(Date.now(), 'same'));
    expect([reused.status, reused.body.error?.code]).toEqual([400, '13004']);
  });

  it('narrows the requested scope to what the key allows and echoes the session', async () => {
    const s = await start();
    const ask = async (scope: string): Promise<unknown> =>
      result(await call(s, 'public/auth', { grant_type: 'client_credentials', client_id: KEY.clientId, client_secret: KEY.clientSecret, scope })).scope;
    expect(await ask('session:recon account:read_write trade:read_write wallet:read')).toBe('account:read wallet:read session:recon');
    expect(await ask('session:only')).toBe('account:read wallet:read session:only');
    expect(await ask('wallet:read')).toBe('wallet:read');
    expect(narrowScope('account:read_write trade:read_write', 'account:read trade:read_write block_trade:read')).toBe(
      'account:read trade:read_write',
    );
    expect(narrowScope('account:read_write', '')).toBe('account:read_write');
  });

  it('forbids a method outside the granted scope with 13021', async () => {
    const s = await start();
    const token = await login(s, 'session:w wallet:read');
    const reply = await call(s, 'private/get_transaction_log', { currency: 'BTC', start_timestamp: 0, end_timestamp: 1 }, token);
    expect(reply.body.error?.code).toBe('13021');
  });

  it('expires tokens on the server clock and refreshes once per refresh token', async () => {
    let now = 1_700_000_000_000;
    const s = await start({ now: () => now, tokenTtlSeconds: 60 });
    const reply = await call(s, 'public/auth', {
      grant_type: 'client_credentials',
      client_id: KEY.clientId,
      client_secret: KEY.clientSecret,
      scope: 'session:s account:read',
    });
    const { access_token: access, refresh_token: refresh } = result(reply) as { access_token: string; refresh_token: string };
    expect((await call(s, 'private/get_subaccounts', {}, access)).status).toBe(200);
    now += 59_000;
    expect((await call(s, 'private/get_subaccounts', {}, access)).status).toBe(200);
    now += 1_000;
    const expired = await call(s, 'private/get_subaccounts', {}, access);
    expect([expired.status, expired.body.error?.code, expired.body.error?.message]).toEqual([401, '13009', 'unauthorized']);
    const refreshed = await call(s, 'public/auth', { grant_type: 'refresh_token', refresh_token: refresh });
    expect(result(refreshed).scope).toBe('account:read session:s');
    expect((await call(s, 'private/get_subaccounts', {}, String(result(refreshed).access_token))).status).toBe(200);
    const again = await call(s, 'public/auth', { grant_type: 'refresh_token', refresh_token: refresh });
    expect(again.body.error?.code).toBe('13009');
  });

  it('rejects private calls without or with an unknown token (13009, HTTP 401)', async () => {
    const s = await start();
    for (const token of [undefined, 'forged']) {
      const reply = await call(s, 'private/get_account_summary', { currency: 'BTC' }, token);
      expect([reply.status, reply.body.error?.code]).toEqual([401, '13009']);
    }
  });
});
