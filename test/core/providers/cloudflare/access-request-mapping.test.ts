import { describe, expect, it } from 'vitest';
import { classify, rawDigest, recordId, toLoginEvent } from '../../../../src/core/providers/cloudflare/access-request-mapping';

describe('classify', () => {
  it.each([
    [{ action: 'login', allowed: true }, 'login-success', 'success', 'login'],
    [{ action: 'login', allowed: false }, 'access-denied', 'denied', 'login'],
    [{ action: 'logout', allowed: false }, 'access-denied', 'denied', 'logout'],
    [{ action: 'logout', allowed: true }, 'other', 'info', 'logout'],
    [{ action: 'sso_refresh', allowed: true }, 'other', 'info', 'sso_refresh'],
    [{ action: 'login' }, 'other', 'info', 'login (allowed not given)'],
    [{ allowed: true }, 'other', 'info', '(no action)'],
    [{}, 'other', 'info', '(no action)'],
  ])('%j → %s / %s', (record, kind, outcome, detail) => {
    expect(classify(record)).toEqual({ kind, outcome, detail });
  });
});

describe('toLoginEvent', () => {
  const doc = {
    action: 'login',
    allowed: true,
    app_domain: 'test.example.com/admin',
    app_uid: 'df7e2w5f-02b7-4d9d-af26-8d1988fca630',
    connection: 'saml',
    created_at: '2014-01-01T05:20:00.12345Z',
    ip_address: '198.41.129.166',
    ray_id: '187d944c61940c77',
    user_email: 'user@example.com',
  };
  const raw = JSON.stringify(doc);

  it('maps the documented example: actor = user_email, ip, key = sourceKey|ray_id, raw kept', () => {
    const id = recordId(doc, raw, 0);
    expect(toLoginEvent('cf-main', doc, raw, id, 1388553600123)).toEqual({
      key: 'cf-main|187d944c61940c77',
      sourceKey: 'cf-main',
      source: 'cloudflare',
      id: '187d944c61940c77',
      timestamp: 1388553600123,
      actor: 'user@example.com',
      ip: '198.41.129.166',
      country: null,
      city: null,
      outcome: 'success',
      kind: 'login-success',
      detail: 'login',
      raw,
    });
  });

  it('uses an undocumented country field when a server sends one; absent fields become null', () => {
    const e = toLoginEvent('s', { country: 'DE' }, '{"country":"DE"}', 'x', 0);
    expect([e.country, e.actor, e.ip]).toEqual(['DE', null, null]);
  });

  it('derives ids from the raw text and position among identical records when ray_id is absent', () => {
    const record = { action: 'login', created_at: '2014-01-01T05:20:00Z' };
    const text = JSON.stringify(record);
    expect(recordId(record, text, 0)).toBe(`sha256:${rawDigest(text)}#0`);
    expect(recordId(record, text, 1)).not.toBe(recordId(record, text, 0));
    expect(rawDigest(text)).toMatch(/^[0-9a-f]{24}$/);
    expect(rawDigest(text)).not.toBe(rawDigest(text.replace('05:20', '05:21')));
    expect(recordId({ ...record, ray_id: '' }, text, 0)).toMatch(/^sha256:/);
  });
});
