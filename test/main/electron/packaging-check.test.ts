/**
 * The packaging check runs electron-builder for real (offline, `--linux dir`, a stub Electron carrying
 * the fuse wire) over the current build in out/, so it needs `npm run build` first (npm test does it).
 */
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ASAR_BUDGET_BYTES, checkPackagedApp, configuredFuses, packagingCheck, runtimeFiles, type PackagedApp } from '../../../scripts/packaging-check';

const root = resolve('.');
let app: PackagedApp;
let problems: string[];

beforeAll(() => {
  ({ app, problems } = packagingCheck(root));
}, 120_000);

const check = (changed: Partial<PackagedApp>) => checkPackagedApp({ ...app, ...changed }, { root, budgetBytes: ASAR_BUDGET_BYTES, fuses: configuredFuses(root) });
const without = (pattern: RegExp) => app.asarFiles.filter((f) => !pattern.test(f));

describe('packaging check (electron-builder --linux dir, stub Electron)', () => {
  it('passes for the app as configured', () => {
    expect(problems).toEqual([]);
  });

  it('ships what the app loads at run time, found by following the bundles', () => {
    const { files, packages } = runtimeFiles(app);
    expect(files).toEqual(expect.arrayContaining(['package.json', 'out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html']));
    expect(files.filter((f) => /^out\/renderer\/assets\/.*worker.*\.js$/.test(f)).length).toBeGreaterThan(0);
    expect(files.some((f) => /^out\/renderer\/assets\/index-.*\.css$/.test(f))).toBe(true);
    expect(packages).toEqual(expect.arrayContaining(['lossless-json', '@noble/hashes']));
    expect(app.resources).toEqual(expect.arrayContaining(['app.asar', 'README.md', 'icon.png']));
  });

  it('ships no sources, tests, maps, dev dependencies or renderer-only packages, within the size budget', () => {
    expect(app.asarFiles.filter((f) => /^(src|test|bench|scripts|build)\//.test(f) || f.endsWith('.map'))).toEqual([]);
    expect(app.asarFiles.filter((f) => /^node_modules\/(electron|vitest|typescript|vite|@playwright\/test|electron-builder|ag-grid-community|react-dom)\//.test(f))).toEqual([]);
    expect(app.asarBytes).toBeLessThanOrEqual(ASAR_BUDGET_BYTES);
  });

  it('flips the fuses as configured: file:// gets no extra privileges, no run-as-node', () => {
    expect(app.fuseWire).toBe('01001100');
  });

  it.each([
    ['a worker chunk', /worker.*\.js$/, /missing from app\.asar: out\/renderer\/assets\/.*worker/],
    // Loaded by the (minified) worker with import(`./correlate-accounts-….js`) on the first correlation.
    ['a chunk a worker loads lazily', /correlate-accounts-.*\.js$/, /missing from app\.asar: out\/renderer\/assets\/correlate-accounts-/],
    ['the preload', /^out\/preload\//, /missing from app\.asar: out\/preload\/index\.cjs/],
    ['the page', /^out\/renderer\/index\.html$/, /missing from app\.asar: out\/renderer\/index\.html/],
    ['a stylesheet', /^out\/renderer\/assets\/index-.*\.css$/, /missing from app\.asar: out\/renderer\/assets\/index-.*\.css/],
    ['a package the main bundle imports', /^node_modules\/lossless-json\//, /missing from app\.asar: node_modules\/lossless-json/],
  ])('fails when %s would be missing from the installer', (_label, drop, message) => {
    expect(check({ asarFiles: without(drop) }).join('\n')).toMatch(message);
  });

  it('fails when a dev dependency, a test, a source file or a map would ship, or the budget is exceeded', () => {
    const extra = ['node_modules/vitest/package.json', 'test/main/index.test.ts', 'src/main/index.ts', 'out/main/index.js.map'];
    const found = check({ asarFiles: [...app.asarFiles, ...extra], asarBytes: ASAR_BUDGET_BYTES + 1 }).join('\n');
    expect(found).toMatch(/dev dependency shipped: node_modules\/vitest/);
    expect(found).toMatch(/not for the installer: test\/main\/index\.test\.ts/);
    expect(found).toMatch(/not for the installer: src\/main\/index\.ts/);
    expect(found).toMatch(/source map shipped: out\/main\/index\.js\.map/);
    expect(found).toMatch(/over the 40 MiB budget/);
  });

  it('fails when the main bundle imports JSON without the import attribute Node requires', () => {
    const main = app.read('out/main/index.js');
    const read = (path: string) => (path === 'out/main/index.js' ? `import english from "i18n-iso-countries/langs/en.json";\n${main}` : app.read(path));
    expect(check({ read }).join('\n')).toMatch(/imports i18n-iso-countries\/langs\/en\.json without `with \{ type: 'json' \}`/);
    const withAttributes = main.replace(/(from\s*["'][^"']+\.json["'])(?!\s*with)/g, '$1 with { type: "json" }');
    const fixed = (path: string) => (path === 'out/main/index.js' ? `import english from "i18n-iso-countries/langs/en.json" with { type: "json" };\n${withAttributes}` : app.read(path));
    expect(check({ read: fixed }).join('\n')).not.toMatch(/en\.json without/);
  });

  it('fails when a fuse is not as configured, or README and icon are not beside app.asar', () => {
    const found = check({ fuseWire: '01001101', resources: ['app.asar'] }).join('\n');
    expect(found).toMatch(/fuse grantFileProtocolExtraPrivileges is on, electron-builder.yml says off/);
    expect(found).toMatch(/missing beside app\.asar: README\.md/);
    expect(found).toMatch(/missing beside app\.asar: icon\.png/);
  });

  it('fails for real when a package the main bundle needs is left out: listed missing, and the bundle does not load', () => {
    const { problems: found } = packagingCheck(root, (yml) => yml.replace("  - '!**/*.map'\n", "  - '!**/*.map'\n  - '!node_modules/lossless-json/**'\n"));
    expect(found.join('\n')).toMatch(/missing from app\.asar: node_modules\/lossless-json/);
    expect(found.join('\n')).toMatch(/the packaged main bundle does not load \(electron stubbed\): .*lossless-json/);
  }, 120_000);

  it('fails for real when electron-builder is told to leave the renderer out', () => {
    const { problems: found, app: broken } = packagingCheck(root, (yml) => yml.replace("  - out/**\n", "  - out/main/**\n  - out/preload/**\n"));
    expect(broken.asarFiles).toContain('out/main/index.js');
    expect(found.join('\n')).toMatch(/missing from app\.asar: out\/renderer\/index\.html/);
  }, 120_000);
});
