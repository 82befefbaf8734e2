import { describe, expect, it } from 'vitest';
import {
  DEFAULT_BASE_URLS,
  describeSettings,
  draftToInput,
  emptyDraft,
  secretLabel,
  switchProvider,
} from '../../../../src/renderer/features/login-sources/login-source-draft';

describe('login source form draft', () => {
  it('starts at the real API and turns each provider into its settings, trimmed, secret passed in', () => {
    const cf = { ...emptyDraft('cloudflare'), label: ' Access ', accountId: ' 023e105f4ecef8ad9ca31a8372d0c353 ' };
    expect(draftToInput(cf, ' tok ')).toEqual({
      label: 'Access',
      settings: { kind: 'cloudflare', baseUrl: DEFAULT_BASE_URLS.cloudflare, accountId: '023e105f4ecef8ad9ca31a8372d0c353', authMethod: 'api-token', email: null },
      secret: 'tok',
    });
    const legacy = { ...cf, cloudflareAuth: 'global-key' as const, email: ' me@x.example ' };
    expect(draftToInput(legacy, 'k').settings).toMatchObject({ authMethod: 'global-key', email: 'me@x.example' });
    expect(draftToInput(emptyDraft('ingedata'), 'PULSE_x').settings).toEqual({ kind: 'ingedata', baseUrl: 'https://pulse.ingedata.ai' });
    expect(draftToInput({ ...emptyDraft('nlpearl'), accountId: 'acc_1' }, 's').settings).toEqual({ kind: 'nlpearl', baseUrl: 'https://api.nlpearl.ai', accountId: 'acc_1' });
  });

  it('switching provider keeps the name and a custom URL, but not a default one nor the other provider\'s fields', () => {
    const typed = { ...emptyDraft('cloudflare'), label: 'Mine', accountId: 'abc' };
    expect(switchProvider(typed, 'nlpearl')).toEqual({ ...emptyDraft('nlpearl'), label: 'Mine' });
    const sim = { ...typed, baseUrl: 'http://127.0.0.1:9999' };
    expect(switchProvider(sim, 'ingedata').baseUrl).toBe('http://127.0.0.1:9999');
  });

  it('names each secret field after its provider so every field has a distinct accessible name', () => {
    const names = [
      secretLabel({ kind: 'cloudflare', cloudflareAuth: 'api-token' }),
      secretLabel({ kind: 'cloudflare', cloudflareAuth: 'global-key' }),
      secretLabel({ kind: 'ingedata', cloudflareAuth: 'api-token' }),
      secretLabel({ kind: 'nlpearl', cloudflareAuth: 'api-token' }),
    ];
    expect(new Set(names).size).toBe(4);
    expect(describeSettings({ kind: 'cloudflare', baseUrl: 'x', accountId: 'a1', authMethod: 'global-key', email: 'me@x.example' })).toContain('me@x.example');
  });
});
