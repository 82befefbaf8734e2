#!/usr/bin/env node
// Runs every test: unit/integration (vitest) then end-to-end (Playwright + Debian's Chromium), and
// prints one closing line "N passed, N failed" over both. Installs Debian's chromium when it is missing
// and builds the app when no build is present (pass --no-build to skip a rebuild CI already did).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const args = new Set(process.argv.slice(2));

function run(cmd, cmdArgs, opts = {}) {
  console.log(`\n$ ${cmd} ${cmdArgs.join(' ')}`);
  return spawnSync(cmd, cmdArgs, { stdio: 'inherit', ...opts }).status ?? 1;
}

function ensureChromium() {
  if (existsSync(CHROMIUM)) return;
  console.log(`Chromium not found at ${CHROMIUM}: installing Debian's chromium package.`);
  const sudo = process.getuid && process.getuid() !== 0 ? ['sudo'] : [];
  const apt = (...a) => (sudo.length ? run('sudo', ['apt-get', ...a]) : run('apt-get', a));
  apt('update');
  if (apt('install', '-y', 'chromium') !== 0 || !existsSync(CHROMIUM)) {
    console.error('Could not install chromium. Install it yourself (apt-get install -y chromium) or set CHROMIUM_PATH.');
    process.exit(1);
  }
}

/** bean-check re-verifies the Beancount export in its test; without it that one check is skipped (with its reason). */
function ensureBeancount() {
  if (existsSync('/usr/bin/bean-check')) return;
  console.log("bean-check not found: installing Debian's beancount package (optional).");
  const sudo = process.getuid && process.getuid() !== 0 ? ['sudo'] : [];
  const apt = (...a) => (sudo.length ? run('sudo', ['apt-get', ...a]) : run('apt-get', a));
  if (apt('install', '-y', '-qq', 'beancount') !== 0) console.log('beancount not installed: the bean-check test will be skipped.');
}

function counts(file, pick) {
  try {
    return pick(JSON.parse(readFileSync(file, 'utf8')));
  } catch (error) {
    console.error(`Could not read ${file}: ${error.message}`);
    return { passed: 0, failed: 1 };
  }
}

ensureChromium();
ensureBeancount();
// Fresh reports: a runner that dies before writing must count as a failure, not as an old success.
rmSync('.test-reports', { recursive: true, force: true });
mkdirSync('.test-reports', { recursive: true });
if (!args.has('--no-build') || !existsSync('out/renderer/index.html')) {
  if (run('npx', ['electron-vite', 'build']) !== 0) {
    console.log('0 passed, 1 failed');
    process.exit(1);
  }
}

run('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', '--outputFile=.test-reports/vitest.json']);
const unit = counts('.test-reports/vitest.json', (r) => ({
  passed: r.numPassedTests ?? 0,
  // A file that failed to load has no test results of its own: count it as one failure.
  failed: (r.numFailedTests ?? 0) + (r.testResults ?? []).filter((f) => f.status === 'failed' && (f.assertionResults ?? []).length === 0).length,
}));

run('npx', ['playwright', 'test']);
const e2e = counts('.test-reports/playwright.json', (r) => ({
  passed: r.stats?.expected ?? 0,
  failed: (r.stats?.unexpected ?? 0) + (r.stats?.flaky ?? 0) + (r.errors?.length ?? 0),
}));

const passed = unit.passed + e2e.passed;
const failed = unit.failed + e2e.failed;
console.log(`\nunit: ${unit.passed} passed, ${unit.failed} failed; e2e: ${e2e.passed} passed, ${e2e.failed} failed`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
