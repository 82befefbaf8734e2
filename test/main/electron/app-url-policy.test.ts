import { describe, expect, it } from 'vitest';
import { createAppUrlPolicy } from '../../../src/main/electron/app-url-policy';

describe('createAppUrlPolicy (packaged: app://renderer)', () => {
  const policy = createAppUrlPolicy();

  it('loads and trusts exactly app://renderer/index.html, whatever its query or fragment', () => {
    expect(policy.entryUrl).toBe('app://renderer/index.html');
    expect(policy.isAppUrl('app://renderer/index.html')).toBe(true);
    expect(policy.isAppUrl('app://renderer/index.html#/accounts')).toBe(true);
    expect(policy.isAppUrl('app://renderer/index.html?x=1')).toBe(true);
  });

  it.each([
    ['the built page as a file (the old file:// origin)', 'file:///opt/Deribit%20Reconciler/resources/app.asar/out/renderer/index.html'],
    ['another document of the origin', 'app://renderer/assets/index-abc.js'],
    ['the origin root', 'app://renderer/'],
    ['a path that normalizes elsewhere', 'app://renderer/index.html/../evil.html'],
    ['another host of the scheme', 'app://evil/index.html'],
    ['credentials in the URL', 'app://user:pw@renderer/index.html'],
    ['a web page', 'https://renderer/index.html'],
    ['the dev server origin', 'http://localhost:5173/'],
    ['garbage', 'not a url'],
  ])('refuses %s', (_label, url) => {
    expect(policy.isAppUrl(url)).toBe(false);
  });
});

describe('createAppUrlPolicy (dev server)', () => {
  const policy = createAppUrlPolicy({ devServerUrl: 'http://localhost:5173' });

  it('loads the dev server and trusts only its origin', () => {
    expect(policy.entryUrl).toBe('http://localhost:5173/');
    expect(policy.isAppUrl('http://localhost:5173/')).toBe(true);
    expect(policy.isAppUrl('http://localhost:5173/src/main.tsx?t=1')).toBe(true);
    expect(policy.isAppUrl('http://localhost:5174/')).toBe(false);
    expect(policy.isAppUrl('http://127.0.0.1:5173/')).toBe(false);
    expect(policy.isAppUrl('app://renderer/index.html')).toBe(false);
  });

  it('rejects a dev server URL that is not http(s)', () => {
    expect(() => createAppUrlPolicy({ devServerUrl: 'file:///etc/' })).toThrow(/http/);
  });

  it('falls back to app:// when the dev URL is empty', () => {
    expect(createAppUrlPolicy({ devServerUrl: '' }).entryUrl).toBe('app://renderer/index.html');
  });
});
