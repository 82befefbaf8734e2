/**
 * The packaging check: runs electron-builder for real (`--linux dir`, offline) with `electronDist`
 * pointing at a stub "Electron" (a tiny file carrying Electron's fuse wire, so the fuse step runs and
 * can be read back), then inspects what would ship:
 * - every file the app loads at run time is in app.asar: package.json's main, each main bundle and the
 *   chunks it imports, the preload bundle the window names, index.html and everything it references,
 *   the worker and lazy chunks the renderer bundles name, and each package the main bundles import;
 * - README.md and the window icon sit beside app.asar (extraResources); the installer icons exist;
 * - no source, tests, benchmarks, source maps or dev dependencies are shipped;
 * - the fuses are flipped as electron-builder.yml says; app.asar stays within its size budget;
 * - the shipped main bundle loads in Node from an extraction of app.asar, with 'electron' stubbed (a
 *   missing package, a JSON import without its attribute or a top-level throw fails here, not at a user's start).
 * `npx tsx scripts/packaging-check.ts` (after `npm run build`) prints the report and exits 1 on a problem.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, posix, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { extractAll, extractFile, listPackage } from '@electron/asar';

export const ASAR_BUDGET_BYTES = 40 * 1024 * 1024;
/** Electron's fuse sentinel and the wire order of @electron/fuses (FuseV1Options). */
const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const FUSE_ORDER = ['runAsNode', 'enableCookieEncryption', 'enableNodeOptionsEnvironmentVariable', 'enableNodeCliInspectArguments',
  'enableEmbeddedAsarIntegrityValidation', 'onlyLoadAppFromAsar', 'loadBrowserProcessSpecificV8Snapshot', 'grantFileProtocolExtraPrivileges'] as const;
/** Stock Electron's defaults ('1' on, '0' off), so a fuse the config forgets shows up as left on. */
const STOCK_WIRE = '10110001';
const SHIPPED_TOP_LEVEL_FORBIDDEN = ['src/', 'test/', 'bench/', 'scripts/', 'build/', 'docs/', 'dist/', '.git/'];

export interface PackagedApp {
  /** Paths inside app.asar, posix, without a leading slash. */
  readonly asarFiles: readonly string[];
  readonly asarBytes: number;
  /** Files beside app.asar in resources/. */
  readonly resources: readonly string[];
  /** The packaged executable's fuse wire as '0'/'1' characters, or null when none was found. */
  readonly fuseWire: string | null;
  /** Reads a file inside app.asar. */
  readonly read: (path: string) => string;
}

export interface PackagingExpectations {
  readonly root: string;
  readonly budgetBytes: number;
  /** electron-builder.yml's electronFuses, as parsed from the file. */
  readonly fuses: Readonly<Record<string, boolean>>;
}

/** A stub Electron: an executable that carries a fuse wire at stock settings. */
export function writeStubElectron(dir: string, electronVersion: string): void {
  mkdirSync(join(dir, 'resources'), { recursive: true });
  mkdirSync(join(dir, 'locales'), { recursive: true });
  const wire = Buffer.concat([Buffer.from(FUSE_SENTINEL), Buffer.from([1, FUSE_ORDER.length]), Buffer.from(STOCK_WIRE)]);
  writeFileSync(join(dir, 'electron'), Buffer.concat([Buffer.from('#!/bin/sh\necho "stub Electron for the packaging check"\nexit 0\n'), wire]), { mode: 0o755 });
  writeFileSync(join(dir, 'version'), electronVersion);
  writeFileSync(join(dir, 'LICENSE'), 'stub');
  writeFileSync(join(dir, 'LICENSES.chromium.html'), 'stub');
}

export function readFuseWire(binary: Buffer): string | null {
  const at = binary.indexOf(FUSE_SENTINEL);
  if (at < 0) return null;
  const length = binary[at + FUSE_SENTINEL.length + 1] ?? 0;
  const start = at + FUSE_SENTINEL.length + 2;
  return binary.subarray(start, start + length).toString('latin1');
}

/** Runs electron-builder --linux dir against a stub Electron; returns the unpacked app's folder. */
export function packageWithStubElectron(root: string, outDir: string, extraArgs: readonly string[] = []): string {
  const electronVersion = (JSON.parse(readFileSync(join(root, 'node_modules/electron/package.json'), 'utf8')) as { version: string }).version;
  const stub = join(outDir, 'stub-electron');
  writeStubElectron(stub, electronVersion);
  const result = spawnSync(process.execPath, [join(root, 'node_modules/electron-builder/cli.js'), '--linux', 'dir', '--publish', 'never',
    `-c.electronDist=${stub}`, `-c.electronVersion=${electronVersion}`, `-c.directories.output=${join(outDir, 'dist')}`, ...extraArgs],
  { cwd: root, encoding: 'utf8', env: { ...process.env, ELECTRON_BUILDER_OFFLINE: 'true', CSC_IDENTITY_AUTO_DISCOVERY: 'false' } });
  if (result.status !== 0) throw new Error(`electron-builder failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
  return join(outDir, 'dist', 'linux-unpacked');
}

export function readPackagedApp(appDir: string): PackagedApp {
  const asar = join(appDir, 'resources', 'app.asar');
  const asarFiles = listPackage(asar, { isPack: false }).map((p) => p.replace(/^[\\/]/, '').split('\\').join('/'));
  const exe = readdirSync(appDir).map((n) => join(appDir, n)).find((p) => statSync(p).isFile() && (statSync(p).mode & 0o111) !== 0);
  return {
    asarFiles,
    asarBytes: statSync(asar).size,
    resources: readdirSync(join(appDir, 'resources')),
    fuseWire: exe ? readFuseWire(readFileSync(exe)) : null,
    read: (path) => extractFile(asar, path).toString('utf8'),
  };
}

/**
 * Module specifiers of import/export statements, import() and require(), in plain or minified bundles
 * (minified: several statements on one line, template-literal specifiers).
 */
function moduleSpecifiers(code: string): string[] {
  const specs: string[] = [];
  const patterns = [
    /(?:^|[;}\s])(?:import|export)\b[^;'"`]*?\bfrom\s*["'`]([^"'`]+)["'`]/gm,
    /(?:^|[;}\s])import\s*["'`]([^"'`]+)["'`]/gm,
    /\bimport\(\s*["'`]([^"'`]+)["'`]\s*\)/g,
    /\brequire\(\s*["'`]([^"'`]+)["'`]\s*\)/g,
  ];
  for (const pattern of patterns) for (const m of code.matchAll(pattern)) if (m[1]) specs.push(m[1]);
  return specs;
}

/** Relative modules a bundle loads (static and dynamic imports, `new URL('…', import.meta.url)`, require). */
function relativeReferences(code: string): string[] {
  const refs = new Set<string>();
  for (const spec of moduleSpecifiers(code)) if (spec.startsWith('./') || spec.startsWith('../')) refs.add(spec);
  for (const m of code.matchAll(/new URL\(\s*["'`]([^"'`:]+)["'`]\s*,\s*import\.meta\.url\s*\)/g)) if (m[1]) refs.add(m[1]);
  return [...refs];
}

/** Packages a bundle imports by bare name (not node: builtins, not electron). */
function bareImports(code: string): string[] {
  const names = new Set<string>();
  for (const spec of moduleSpecifiers(code)) {
    if (spec.startsWith('.') || spec.startsWith('/')) continue;
    if (spec.startsWith('node:') || builtinModules.includes(spec.split('/')[0] ?? '') || spec === 'electron') continue;
    names.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : (spec.split('/')[0] ?? spec));
  }
  return [...names];
}

/** Every file the packaged app loads at run time, by following the bundles from package.json's main. */
export function runtimeFiles(app: PackagedApp): { files: string[]; packages: string[]; problems: string[] } {
  const problems: string[] = [];
  const has = new Set(app.asarFiles);
  const files = new Set<string>(['package.json']);
  const packages = new Set<string>();
  const main = (JSON.parse(app.read('package.json')) as { main?: string }).main;
  if (!main) return { files: [...files], packages: [], problems: ['package.json in app.asar has no "main"'] };
  const queue = [posix.normalize(main)];
  // The preload and the renderer are loaded by path, not import: name them from what main says.
  const mainCode = has.has(posix.normalize(main)) ? app.read(posix.normalize(main)) : '';
  for (const m of mainCode.matchAll(/["'](\.\.\/preload\/[^"']+)["']/g)) queue.push(posix.join(posix.dirname(posix.normalize(main)), m[1] ?? ''));
  if (/["']\.\.\/renderer["']/.test(mainCode)) queue.push(posix.join(posix.dirname(posix.normalize(main)), '../renderer/index.html'));
  else problems.push(`${main} does not name the renderer folder (../renderer) it serves`);
  while (queue.length > 0) {
    const file = queue.shift() ?? '';
    if (files.has(file)) continue;
    files.add(file);
    if (!has.has(file)) continue; // reported below
    const text = app.read(file);
    const dir = posix.dirname(file);
    if (file.endsWith('.html')) {
      for (const m of text.matchAll(/\b(?:src|href)="(\.?\/?[^":#?]+)"/g)) {
        const ref = m[1] ?? '';
        if (ref && !ref.startsWith('data:')) queue.push(posix.normalize(posix.join(dir, ref)));
      }
    } else if (/\.(c|m)?js$/.test(file)) {
      for (const ref of relativeReferences(text)) queue.push(posix.normalize(posix.join(dir, ref)));
      if (file.startsWith('out/main/')) for (const name of bareImports(text)) packages.add(name);
    } else if (file.endsWith('.css')) {
      for (const m of text.matchAll(/url\(\s*["']?(?!data:)([^"')]+)["']?\s*\)/g)) queue.push(posix.normalize(posix.join(dir, m[1] ?? '')));
    }
  }
  return { files: [...files], packages: [...packages], problems };
}

export function checkPackagedApp(app: PackagedApp, expect: PackagingExpectations): string[] {
  const problems: string[] = [];
  const has = new Set(app.asarFiles);
  const needed = runtimeFiles(app);
  problems.push(...needed.problems);
  for (const file of needed.files) if (!has.has(file)) problems.push(`missing from app.asar: ${file} (the app loads it at run time)`);
  if (!needed.files.some((f) => f.startsWith('out/preload/'))) problems.push('the main bundle names no preload under ../preload/');
  if (!needed.files.some((f) => /^out\/renderer\/assets\/.*worker.*\.js$/.test(f))) problems.push('no worker chunk is referenced by the renderer bundles');
  // Node's ESM loader (Electron's main is ESM) refuses a JSON module imported without its attribute.
  for (const file of needed.files.filter((f) => f.startsWith('out/main/') && f.endsWith('.js') && has.has(f))) {
    for (const m of app.read(file).matchAll(/^\s*import\b[^;'"]*?\bfrom\s*["']([^"']+\.json)["']\s*(with\s*\{[^}]*\})?/gm)) {
      if (!m[2]) problems.push(`${file} imports ${m[1]} without \`with { type: 'json' }\`: the app would fail to start (ERR_IMPORT_ATTRIBUTE_MISSING)`);
    }
  }
  for (const name of needed.packages) {
    if (!has.has(`node_modules/${name}/package.json`)) problems.push(`missing from app.asar: node_modules/${name} (imported by the main bundle)`);
  }
  const pkg = JSON.parse(readFileSync(join(expect.root, 'package.json'), 'utf8')) as { dependencies?: Record<string, string>; devDependencies?: Record<string, string> };
  for (const dev of Object.keys(pkg.devDependencies ?? {})) {
    if (has.has(`node_modules/${dev}/package.json`)) problems.push(`dev dependency shipped: node_modules/${dev}`);
  }
  for (const file of app.asarFiles) {
    if (SHIPPED_TOP_LEVEL_FORBIDDEN.some((p) => file.startsWith(p))) problems.push(`not for the installer: ${file}`);
    else if (file.startsWith('out/') && file.endsWith('.map')) problems.push(`source map shipped: ${file}`);
    else if (!file.startsWith('node_modules/') && /\.(test|spec)\.[cm]?[jt]sx?$/.test(file)) problems.push(`test shipped: ${file}`);
  }
  for (const resource of ['README.md', 'icon.png']) if (!app.resources.includes(resource)) problems.push(`missing beside app.asar: ${resource} (extraResources)`);
  for (const icon of ['build/icon.icns', 'build/icon.ico', 'build/icon.png', ...[16, 32, 48, 64, 128, 256, 512].map((s) => `build/icons/${s}x${s}.png`)]) {
    if (!existsSync(join(expect.root, icon))) problems.push(`installer icon missing: ${icon}`);
  }
  if (app.fuseWire === null) problems.push('no fuse wire in the packaged executable');
  else {
    FUSE_ORDER.forEach((name, i) => {
      const want = expect.fuses[name];
      const actual = app.fuseWire?.[i];
      if (want === undefined) problems.push(`fuse ${name} not configured in electron-builder.yml (left at Electron's default)`);
      else if (actual !== (want ? '1' : '0')) problems.push(`fuse ${name} is ${actual === '1' ? 'on' : 'off'}, electron-builder.yml says ${want ? 'on' : 'off'}`);
    });
  }
  if (expect.fuses.grantFileProtocolExtraPrivileges !== false) problems.push('grantFileProtocolExtraPrivileges must be off (the renderer is served from app://)');
  if (app.asarBytes > expect.budgetBytes) problems.push(`app.asar is ${(app.asarBytes / 1048576).toFixed(1)} MiB, over the ${(expect.budgetBytes / 1048576).toFixed(0)} MiB budget`);
  return problems;
}

/** Every export the main bundle may take from 'electron', inert: enough for the bundle to link and run its top level. */
const ELECTRON_STUB = `
const noop = () => undefined;
const inert = new Proxy(function () {}, { get: (_t, key) => (key === 'then' ? undefined : inert), apply: () => inert, construct: () => inert });
process.resourcesPath = process.env.STUB_RESOURCES;
export const app = {
  isPackaged: true, enableSandbox: noop, quit: noop, exit: noop, on: noop, getVersion: () => '0.0.0', getPath: () => process.env.STUB_RESOURCES,
  // Another instance "holds the lock": the entry returns right after its top level, as a second launch does.
  requestSingleInstanceLock: () => false, whenReady: () => new Promise(noop),
};
export const protocol = { registerSchemesAsPrivileged: noop, handle: noop };
export const BrowserWindow = inert, Menu = inert, safeStorage = inert, screen = inert, shell = inert, session = inert, net = inert,
  ipcMain = inert, dialog = inert, nativeTheme = inert, contextBridge = inert, ipcRenderer = inert, webContents = inert, utilityProcess = inert;
export default { app, protocol, BrowserWindow, Menu, safeStorage, screen, shell, session, net, ipcMain, dialog, nativeTheme };
`;

/**
 * Loads the packaged main bundle in Node from an extraction of app.asar (so only shipped node_modules
 * resolve), with 'electron' mapped to an inert stub: a missing package, a JSON import Node refuses or a
 * throw at the top level shows up here instead of on a user's first start. Null when it loaded.
 */
export function smokeLoadMain(appDir: string, work: string): string | null {
  const extracted = join(work, 'extracted-app');
  extractAll(join(appDir, 'resources', 'app.asar'), extracted);
  const main = (JSON.parse(readFileSync(join(extracted, 'package.json'), 'utf8')) as { main?: string }).main ?? 'index.js';
  const stub = join(work, 'electron-stub.mjs');
  writeFileSync(stub, ELECTRON_STUB);
  const hooks = join(work, 'electron-hooks.mjs');
  writeFileSync(hooks, `export async function resolve(specifier, context, next) {
  return specifier === 'electron' ? { url: ${JSON.stringify(pathToFileURL(stub).href)}, shortCircuit: true } : next(specifier, context);
}\n`);
  const register = join(work, 'register-hooks.mjs');
  writeFileSync(register, `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(hooks).href)});\n`);
  const run = spawnSync(process.execPath, ['--import', pathToFileURL(register).href, '--input-type=module', '-e',
    `await import(${JSON.stringify(pathToFileURL(join(extracted, main)).href)}); console.log('main bundle loaded');`],
  { cwd: work, encoding: 'utf8', timeout: 60_000, env: { ...process.env, STUB_RESOURCES: join(appDir, 'resources'), NODE_OPTIONS: '' } });
  if (run.status === 0 && run.stdout.includes('main bundle loaded')) return null;
  const lines = `${run.stderr || run.stdout}`.trim().split('\n');
  return lines.find((line) => /\b\w*Error\b/.test(line))?.trim() ?? lines.slice(0, 3).join(' ');
}

/** electron-builder.yml's `electronFuses:` block (flat `key: true|false` lines). */
export function configuredFuses(root: string): Record<string, boolean> {
  const yml = readFileSync(join(root, 'electron-builder.yml'), 'utf8');
  const block = /^electronFuses:\n((?:[ \t]+.*\n?)*)/m.exec(yml)?.[1] ?? '';
  const fuses: Record<string, boolean> = {};
  for (const m of block.matchAll(/^\s+(\w+):\s*(true|false)\s*$/gm)) fuses[m[1] ?? ''] = m[2] === 'true';
  return fuses;
}

/** `editConfig` (tests): package with a changed copy of electron-builder.yml, to see the check catch it. */
export function packagingCheck(root = resolve('.'), editConfig?: (yml: string) => string): { problems: string[]; app: PackagedApp } {
  if (!existsSync(join(root, 'out/main/index.js')) || !existsSync(join(root, 'out/renderer/index.html'))) {
    return { problems: ['no build in out/: run `npm run build` first'], app: { asarFiles: [], asarBytes: 0, resources: [], fuseWire: null, read: () => '' } };
  }
  const work = mkdtempSync(join(tmpdir(), 'packaging-check-'));
  try {
    let extraArgs: string[] = [];
    if (editConfig) {
      const config = join(work, 'electron-builder.yml');
      writeFileSync(config, editConfig(readFileSync(join(root, 'electron-builder.yml'), 'utf8')));
      extraArgs = ['--config', config];
    }
    const appDir = packageWithStubElectron(root, work, extraArgs);
    const app = readPackagedApp(appDir);
    const loadError = smokeLoadMain(appDir, work);
    const snapshot = new Map(app.asarFiles.filter((f) => !f.startsWith('node_modules/') || f.endsWith('/package.json')).map((f) => [f, (() => { try { return app.read(f); } catch { return ''; } })()]));
    // Keep readable after the temp folder goes: the files the checks read are small (bundles, package.json).
    const kept: PackagedApp = { ...app, read: (path) => snapshot.get(path) ?? '' };
    const problems = checkPackagedApp(kept, { root, budgetBytes: ASAR_BUDGET_BYTES, fuses: configuredFuses(root) });
    if (loadError !== null) problems.push(`the packaged main bundle does not load (electron stubbed): ${loadError}`);
    return { problems, app: kept };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(dirname(new URL(import.meta.url).pathname), 'packaging-check.ts')) {
  const { problems, app } = packagingCheck();
  console.log(`app.asar: ${app.asarFiles.length} files, ${(app.asarBytes / 1048576).toFixed(1)} MiB (budget ${ASAR_BUDGET_BYTES / 1048576} MiB); beside it: ${app.resources.join(', ')}`);
  console.log(`fuses: ${app.fuseWire ?? 'none'} (${FUSE_ORDER.join(', ')})`);
  if (problems.length === 0) console.log('Packaging check passed.');
  else {
    console.log(`Packaging check failed:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    process.exitCode = 1;
  }
}
