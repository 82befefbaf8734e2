import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createAppUrlPolicy } from '../../../src/main/electron/app-url-policy';

const INDEX = '/opt/Deribit Reconciler/resources/app.asar/out/renderer/index.html';

describe('createAppUrlPolicy (packaged file)', () => {
  const policy = createAppUrlPolicy({ indexHtmlPath: INDEX });

  it('loads and trusts exactly the built index.html, whatever its query or fragment', () => {
    const entry = pathToFileURL(INDEX).href;
    expect(policy.entryUrl).toBe(entry);
    expect(policy.isAppUrl(entry)).toBe(true);
    expect(policy.isAppUrl(`${entry}#/accounts`)).toBe(true);
    expect(policy.isAppUrl(`${entry}?x=1`)).toBe(true);
  });

  it.each([
    ['another file in the same folder', pathToFileURL('/opt/Deribit Reconciler/resources/app.asar/out/renderer/other.html').href],
    ['the same name elsewhere', 'file:///tmp/out/renderer/index.html'],
    ['a file on a remote host', `file://evil.example${pathToFileURL(INDEX).pathname}`],
    ['a web page', 'https://evil.example/index.html'],
    ['the dev server origin', 'http://localhost:5173/'],
    ['garbage', 'not a url'],
  ])('refuses %s', (_label, url) => {
    expect(policy.isAppUrl(url)).toBe(false);
  });
});

describe('createAppUrlPolicy (dev server)', () => {
  const policy = createAppUrlPolicy({ indexHtmlPath: INDEX, devServerUrl: 'http://localhost:5173' });

  it('loads the dev server and trusts only its origin', () => {
    expect(policy.entryUrl).toBe('http://localhost:5173/');
    expect(policy.isAppUrl('http://localhost:5173/')).toBe(true);
    expect(policy.isAppUrl('http://localhost:5173/src/main.tsx?t=1')).toBe(true);
    expect(policy.isAppUrl('http://localhost:5174/')).toBe(false);
    expect(policy.isAppUrl('http://127.0.0.1:5173/')).toBe(false);
    expect(policy.isAppUrl(pathToFileURL(INDEX).href)).toBe(false);
  });

  it('rejects a dev server URL that is not http(s)', () => {
    expect(() => createAppUrlPolicy({ indexHtmlPath: INDEX, devServerUrl: 'file:///etc/' })).toThrow(/http/);
  });

  it('falls back to the file when the dev URL is empty', () => {
    expect(createAppUrlPolicy({ indexHtmlPath: INDEX, devServerUrl: '' }).entryUrl).toBe(pathToFileURL(INDEX).href);
  });
});
