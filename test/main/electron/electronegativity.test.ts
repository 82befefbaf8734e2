/**
 * Doyensec's electronegativity over src/, offline (`-x AvailableSecurityFixesGlobalCheck` skips its only
 * network check): no finding above LOW. A finding reviewed and accepted carries an `eng-disable` comment
 * with the reason at its line, which the scanner honours. The findings are read from the table it
 * prints: its CSV writer races its own header write and can lose the first row.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

describe('electronegativity over src/', () => {
  it('finds nothing above LOW', () => {
    const electronVersion = (JSON.parse(readFileSync(resolve('node_modules/electron/package.json'), 'utf8')) as { version: string }).version;
    const run = spawnSync(process.execPath, [resolve('node_modules/@doyensec/electronegativity/dist/index.js'), '-i', resolve('src'), '-e', electronVersion,
      '-x', 'AvailableSecurityFixesGlobalCheck', '-r', '-v', 'false'], { encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0' } });
    expect(run.status, run.stderr).toBe(0);
    // eslint-disable-next-line no-control-regex
    const table = run.stdout.replace(/\x1b\[[0-9;]*m/g, '');
    expect(table).toMatch(/\d+ check\(s\) successfully loaded/);
    const rows = [...table.matchAll(/│\s*([A-Z_]+)\s*│\s*(\S+)\s*│\s*(\d+:\d+)\s*│[\s\S]*?│\s*(INFORMATIONAL|LOW|MEDIUM|HIGH|CRITICAL) \| (TENTATIVE|FIRM|CERTAIN)\s*│/g)]
      .map((m) => `${m[4]} ${m[1]} ${m[2]}:${m[3]}`);
    // The scan did run: the LOW CSP note on index.html (style-src 'unsafe-inline', see content-security-policy.ts) is always there.
    expect(rows).toContainEqual(expect.stringMatching(/^LOW CSP_GLOBAL_CHECK renderer\/index\.html/));
    expect(rows.filter((row) => !/^(LOW|INFORMATIONAL) /.test(row))).toEqual([]);
  }, 120_000);
});
