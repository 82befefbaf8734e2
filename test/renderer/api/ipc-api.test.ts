import { describe, expect, it, vi } from 'vitest';
import { ApiCallError } from '../../../src/renderer/api/api-call-error';
import { createIpcApi, toApiCallError } from '../../../src/renderer/api/ipc-api';
import { encodeBridgedError } from '../../../src/shared/bridged-call-error';
import type { RendererApi } from '../../../src/shared/contract';

const info = { kind: 'retries_exhausted' as const, code: 10028, detail: 'too_many_requests x8', userMessage: 'Deribit kept refusing; try later.', retriable: true };

describe('createIpcApi', () => {
  it('passes values and subscriptions through', async () => {
    const off = vi.fn();
    const bridge = { call: vi.fn(async () => ['a']), on: vi.fn(() => off) } as unknown as RendererApi;
    const api = createIpcApi(bridge);
    await expect(api.call('listAccounts', {})).resolves.toEqual(['a']);
    expect(bridge.call).toHaveBeenCalledWith('listAccounts', {});
    expect(api.on('providerStatus', () => undefined)).toBe(off);
  });

  it('rebuilds the error info the contextBridge reduced to a message', async () => {
    // What the page sees: a fresh Error with only the message (custom fields dropped by the bridge).
    const bridge = { call: async () => Promise.reject(new Error(encodeBridgedError(info))), on: () => () => undefined } as unknown as RendererApi;
    const error = await createIpcApi(bridge).call('getAppInfo', {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiCallError);
    expect((error as ApiCallError).toInfo()).toEqual(info);
    expect((error as ApiCallError).message).toBe(`${info.userMessage} (${info.detail})`);
  });
});

describe('toApiCallError', () => {
  it('uses fields when they survived', () => {
    expect(toApiCallError(Object.assign(new Error('x'), info)).toInfo()).toEqual(info);
  });

  it('keeps an ApiCallError as it is', () => {
    const original = new ApiCallError(info);
    expect(toApiCallError(original)).toBe(original);
  });

  it.each([
    ['a plain error', new Error('boom')],
    ['a damaged bridged message', new Error('deribit-reconciler:call-error:{"kind":')],
    ['an unknown kind', new Error(encodeBridgedError({ ...info, kind: 'weird' as never }))],
    ['a string', 'boom'],
  ])('makes a generic provider_error from %s', (_label, thrown) => {
    const error = toApiCallError(thrown);
    expect(error.kind).toBe('provider_error');
    expect(error.retriable).toBe(false);
  });
});
