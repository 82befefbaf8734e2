import { beforeEach, describe, expect, it } from 'vitest';
import { summarizeConnectivity, useConnectivity } from '../../../src/renderer/state/connectivity-store';

const status = (accountKey: string, state: 'ok' | 'retrying' | 'offline', message = `${state} ${accountKey}`) => ({
  accountKey,
  state,
  message,
  retryAt: null,
});

beforeEach(() => useConnectivity.setState({ browserOnline: true, providerStatus: {}, networkFailure: null }));

describe('connectivity', () => {
  it('is online by default', () => {
    expect(summarizeConnectivity(useConnectivity.getState(), ['a'])).toEqual({ offline: false, reason: null, retrying: null });
  });

  it('goes offline with the browser and comes back', () => {
    useConnectivity.getState().setBrowserOnline(false);
    expect(summarizeConnectivity(useConnectivity.getState(), []).offline).toBe(true);
    useConnectivity.getState().setBrowserOnline(true);
    expect(summarizeConnectivity(useConnectivity.getState(), []).offline).toBe(false);
  });

  it('follows providerStatus of configured accounts only', () => {
    useConnectivity.getState().reportProviderStatus(status('gone', 'offline'));
    expect(summarizeConnectivity(useConnectivity.getState(), ['a']).offline).toBe(false);
    useConnectivity.getState().reportProviderStatus(status('a', 'retrying', 'rate limited'));
    expect(summarizeConnectivity(useConnectivity.getState(), ['a'])).toEqual({ offline: false, reason: null, retrying: 'rate limited' });
    useConnectivity.getState().reportProviderStatus(status('a', 'offline', 'Deribit cannot be reached'));
    expect(summarizeConnectivity(useConnectivity.getState(), ['a'])).toMatchObject({ offline: true, reason: 'Deribit cannot be reached' });
    useConnectivity.getState().reportProviderStatus(status('a', 'ok'));
    expect(summarizeConnectivity(useConnectivity.getState(), ['a']).offline).toBe(false);
  });

  it('marks a network call failure offline until a call succeeds; other failures do not', () => {
    useConnectivity.getState().reportCallFailure('invalid_credentials', 'wrong secret');
    expect(summarizeConnectivity(useConnectivity.getState(), []).offline).toBe(false);
    useConnectivity.getState().reportCallFailure('network', 'service unreachable');
    expect(summarizeConnectivity(useConnectivity.getState(), [])).toMatchObject({ offline: true, reason: 'service unreachable' });
    useConnectivity.getState().reportCallSuccess();
    expect(summarizeConnectivity(useConnectivity.getState(), []).offline).toBe(false);
  });
});

describe('connectivity recovers', () => {
  it('coming back online drops what failed while offline (a still-failing provider reports again)', () => {
    useConnectivity.getState().reportProviderStatus(status('a', 'offline', 'Deribit cannot be reached'));
    useConnectivity.getState().reportProviderStatus(status('b', 'retrying', 'rate limited'));
    useConnectivity.getState().reportCallFailure('network', 'service gone');
    useConnectivity.getState().setBrowserOnline(false);
    expect(summarizeConnectivity(useConnectivity.getState(), ['a', 'b']).offline).toBe(true);
    useConnectivity.getState().setBrowserOnline(true);
    expect(summarizeConnectivity(useConnectivity.getState(), ['a', 'b'])).toEqual({ offline: false, reason: null, retrying: 'rate limited' });
  });

  it('a repeated "online" event changes nothing', () => {
    useConnectivity.getState().reportProviderStatus(status('a', 'offline', 'Deribit cannot be reached'));
    useConnectivity.getState().setBrowserOnline(true);
    expect(summarizeConnectivity(useConnectivity.getState(), ['a']).offline).toBe(true);
  });
});
