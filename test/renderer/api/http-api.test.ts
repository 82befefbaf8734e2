import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { ProviderError } from '../../../src/core/providers/deribit/errors';
import { startHttpTransport, type HttpTransport } from '../../../src/main/transports/http-transport';
import { ApiCallError } from '../../../src/renderer/api/api-call-error';
import { createHttpApi } from '../../../src/renderer/api/http-api';
import type { ContractCalls, ContractEvents, RendererApi } from '../../../src/shared/contract';
import { NodeEventSource } from './node-event-source';

const handlers = {
  getAppInfo: async () => ({ mode: 'browser', version: '0.1.0', demoAvailable: false, secretStorage: 'file' }),
  getAccountSummary: async (args: { currency: string }) => ({ currency: args.currency, balance: '0.04884653215049635' }),
  discoverAccount: async () => {
    throw new ProviderError({ kind: 'forbidden', code: 13021, detail: 'forbidden', userMessage: 'This key may not read subaccounts.', retriable: false });
  },
} as unknown as ContractCalls;

let dir: string;
let transport: HttpTransport;

const apiWith = (token: string, baseUrl = transport.url): RendererApi =>
  createHttpApi({ baseUrl, token, fetch: globalThis.fetch, openEventSource: (url) => new NodeEventSource(url) });

async function failure(promise: Promise<unknown>): Promise<ApiCallError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApiCallError);
  return error as ApiCallError;
}

/** A server that is not the app: answers every request with `status` and `body`. */
async function impostor(status: number, body: string): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((_req, res) => {
    res.writeHead(status, { 'content-type': 'text/html' });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'http-api-'));
  await writeFile(join(dir, 'index.html'), '<!doctype html>');
  transport = await startHttpTransport({ handlers, staticDir: dir, host: '127.0.0.1', port: 0 });
});
afterAll(async () => {
  await transport.close();
  await rm(dir, { recursive: true, force: true });
});
beforeEach(() => {
  NodeEventSource.instances = [];
});

describe('createHttpApi calls', () => {
  it('round-trips values over real HTTP, amounts as exact strings', async () => {
    const api = apiWith(transport.token);
    await expect(api.call('getAppInfo', {})).resolves.toMatchObject({ mode: 'browser' });
    await expect(api.call('getAccountSummary', { accountKey: 'a', currency: 'BTC', subaccountId: null })).resolves.toEqual({
      currency: 'BTC',
      balance: '0.04884653215049635',
    });
  });

  it('throws ApiCallError with the provider error info', async () => {
    const error = await failure(apiWith(transport.token).call('discoverAccount', { accountKey: 'a' }));
    expect(error.toInfo()).toEqual({ kind: 'forbidden', code: 13021, detail: 'forbidden', userMessage: 'This key may not read subaccounts.', retriable: false });
  });

  it('says what to do when the token is wrong or missing', async () => {
    for (const token of ['wrong', '']) {
      const error = await failure(apiWith(token).call('getAppInfo', {}));
      expect(error.kind).toBe('authorization_required');
      expect(error.userMessage).toMatch(/open a new one/);
    }
  });

  it('rejects names outside the contract without a request', async () => {
    const fetchSpy = vi.fn(globalThis.fetch);
    const api = createHttpApi({ baseUrl: transport.url, token: transport.token, fetch: fetchSpy, openEventSource: (u) => new NodeEventSource(u) });
    expect((await failure(api.call('dropDatabase' as never, {} as never))).kind).toBe('method_not_found');
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it("reports 'network' with the offline message when the service is gone", async () => {
    const gone = await impostor(200, '');
    await gone.close();
    const error = await failure(apiWith('t', gone.url).call('getAppInfo', {}));
    expect(error.kind).toBe('network');
    expect(error.retriable).toBe(true);
    expect(error.userMessage).toMatch(/^The app's background service is not reachable/);
  });

  it('tells a non-app answer apart: 5xx is unreachable, anything else malformed', async () => {
    const proxy = await impostor(502, '<html>Bad gateway</html>');
    expect((await failure(apiWith('t', proxy.url).call('getAppInfo', {}))).kind).toBe('network');
    await proxy.close();
    const other = await impostor(200, '<html>some other server</html>');
    expect((await failure(apiWith('t', other.url).call('getAppInfo', {}))).kind).toBe('malformed_response');
    await other.close();
  });
});

describe('createHttpApi events', () => {
  const status = (message: string): ContractEvents['providerStatus'] => ({ accountKey: 'acc_1', state: 'retrying', message, retryAt: 5 });

  it('delivers emitted events to every subscriber over one stream, until unsubscribed', async () => {
    const api = apiWith(transport.token);
    const first = vi.fn();
    const second = vi.fn();
    const offFirst = api.on('providerStatus', first);
    const offSecond = api.on('providerStatus', second);
    expect(NodeEventSource.instances).toHaveLength(1);
    const source = NodeEventSource.instances[0];
    if (!source) throw new Error('no event source');
    expect(source.url).toBe(`${transport.url}api/events?token=${transport.token}`);
    expect(await source.opened).toBe(200);

    transport.emit('providerStatus', status('one'));
    await vi.waitFor(() => expect(second).toHaveBeenCalledTimes(1));
    expect(first.mock.calls).toEqual([[status('one')]]);

    offFirst();
    offFirst(); // a second call is harmless
    transport.emit('providerStatus', status('two'));
    await vi.waitFor(() => expect(second).toHaveBeenCalledTimes(2));
    expect(first).toHaveBeenCalledTimes(1);
    expect(source.closed).toBe(false);

    offSecond();
    expect(source.listenerCount('providerStatus')).toBe(0);
    expect(source.closed).toBe(true);
  });

  it('keeps other listeners going when one throws', async () => {
    const api = apiWith(transport.token);
    const consoleError = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const good = vi.fn();
    const offBad = api.on('providerStatus', () => {
      throw new Error('listener bug');
    });
    const offGood = api.on('providerStatus', good);
    await NodeEventSource.instances[0]?.opened;
    transport.emit('providerStatus', status('three'));
    await vi.waitFor(() => expect(good).toHaveBeenCalledWith(status('three')));
    expect(consoleError).toHaveBeenCalled();
    offBad();
    offGood();
    consoleError.mockRestore();
  });

  it('refuses unknown events', () => {
    expect(() => apiWith(transport.token).on('somethingElse' as never, () => undefined)).toThrow(TypeError);
    expect(NodeEventSource.instances).toHaveLength(0);
  });
});
