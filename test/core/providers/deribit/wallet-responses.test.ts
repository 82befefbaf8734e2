import { parse } from 'lossless-json';
import { afterEach, describe, expect, it } from 'vitest';
import { DeribitClient } from '../../../../src/core/providers/deribit/deribit-client';
import { ProviderError } from '../../../../src/core/providers/deribit/errors';
import type { WalletListKind } from '../../../../src/core/providers/deribit/types';
import { assertWalletListKind, isWalletListKind, toWalletListPage, toWalletRecord } from '../../../../src/core/providers/deribit/wallet-responses';
import { readRequest, startLocalServer, type LocalServer } from '../http/local-http-server';
import { rejection } from './client-harness';

function thrown(run: () => unknown): ProviderError {
  try {
    run();
  } catch (e) {
    if (e instanceof ProviderError) return e;
    throw e;
  }
  throw new Error('expected a ProviderError');
}

const page = (entries: string): unknown => (parse(`{"count":2,"data":[${entries}]}`) as unknown);

describe('wallet list kinds', () => {
  it('knows exactly deposits, withdrawals and transfers', () => {
    for (const kind of ['deposits', 'withdrawals', 'transfers']) {
      expect(isWalletListKind(kind)).toBe(true);
      expect(() => assertWalletListKind(kind)).not.toThrow();
    }
  });

  it.each([['addresses'], ['../public/auth'], ['Deposits'], ['deposit'], [''], [undefined], [42], [{ kind: 'deposits' }]])(
    'refuses %j before anything is asked',
    (kind) => {
      const error = thrown(() => assertWalletListKind(kind));
      expect(error).toMatchObject({ kind: 'invalid_params', code: null, retriable: false });
      expect(error.userMessage).toMatch(/^The app asked for an unknown Deribit wallet list \(.*\); only deposits, withdrawals and transfers exist\. Nothing was requested\./);
      expect(error.detail).toMatch(/^unknown wallet list kind /);
    },
  );

  it('the readers refuse an unknown kind too', () => {
    const bogus = 'get_transaction_log' as WalletListKind;
    expect(thrown(() => toWalletListPage(page('{"amount":1}'), bogus, 'BTC')).kind).toBe('invalid_params');
    expect(thrown(() => toWalletRecord(parse('{"amount":1}'), bogus, 'BTC')).kind).toBe('invalid_params');
  });
});

describe('wallet list currency', () => {
  it('refuses the whole page when an entry is in another currency than asked', () => {
    const error = thrown(() => toWalletListPage(page('{"currency":"BTC","amount":1,"id":1},{"currency":"ETH","amount":2,"id":2}'), 'withdrawals', 'BTC'));
    expect(error).toMatchObject({ kind: 'malformed_response', retriable: false });
    expect(error.userMessage).toBe(
      'Deribit answered a request for BTC withdrawals with an entry in another currency (ETH): the page was refused and nothing from it was stored. Try again later; if this persists, please report it.',
    );
    expect(error.detail).toContain('withdrawals entry in currency "ETH" on a page asked for BTC: {"currency":"ETH","amount":2,"id":2}');
  });

  it('refuses a currency that is not text', () => {
    const error = thrown(() => toWalletListPage(page('{"currency":{"code":"BTC"},"amount":1}'), 'deposits', 'BTC'));
    expect(error).toMatchObject({ kind: 'malformed_response', retriable: false });
    expect(error.detail).toContain('currency "{\\"code\\":\\"BTC\\"}"');
  });

  it('accepts the requested currency in any case, and fills it in when absent or null', () => {
    const records = toWalletListPage(page('{"currency":"btc","amount":1},{"amount":2},{"currency":null,"amount":3}'), 'transfers', 'BTC').records;
    expect(records.map((r) => r.currency)).toEqual(['btc', 'BTC', 'BTC']);
  });
});

describe('DeribitClient.getWalletList against a server answering in another currency', () => {
  let server: LocalServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('fails with the clear error after one request: not retried, nothing returned', async () => {
    const paths: string[] = [];
    server = await startLocalServer((req, res) => {
      void readRequest(req).then((r) => {
        paths.push(new URL(r.url, 'http://x').pathname);
        res.writeHead(200, { 'Content-Type': 'application/json' });
        const result = r.url.startsWith('/public/auth')
          ? { access_token: 'tok', refresh_token: 'ref', expires_in: 900, scope: 'session:recon account:read wallet:read' }
          : { count: 1, data: [{ currency: 'ETH', amount: 5, id: 7, state: 'completed' }] };
        res.end(JSON.stringify({ jsonrpc: '2.0', result }));
      });
    });
    const client = new DeribitClient({
      baseUrl: server.url,
      clientId: 'id',
      clientSecret: 'secret',
      authMethod: 'client_credentials',
      retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 2 },
    });
    const error = await rejection(client.getWalletList({ kind: 'withdrawals', currency: 'BTC', offset: 0, count: 10 }));
    expect(error).toMatchObject({ kind: 'malformed_response', retriable: false });
    expect(error.userMessage).toMatch(/^Deribit answered a request for BTC withdrawals with an entry in another currency \(ETH\)/);
    expect(paths.filter((p) => p === '/private/get_withdrawals')).toHaveLength(1);
  });
});
