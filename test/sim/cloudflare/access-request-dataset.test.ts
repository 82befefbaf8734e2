import { describe, expect, it } from 'vitest';
import { generateRecords } from './access-request-dataset';
import { parseSimTime } from './sim-time';

const end = Date.UTC(2026, 5, 1);
const spec = { seed: 42, count: 4000, startTime: end - 30 * 86_400_000, endTime: end };

describe('generateRecords', () => {
  it('is a pure function of the seed', () => {
    expect(generateRecords(spec)).toEqual(generateRecords(spec));
    expect(generateRecords({ ...spec, seed: 43 })).not.toEqual(generateRecords(spec));
  });

  it('writes created_at with 0 to 9 fraction digits whose parsed value is the stored time', () => {
    const records = generateRecords(spec);
    const digits = new Set<number>();
    for (const r of records) {
      const text = r.fields.created_at ?? '';
      digits.add(/\.(\d+)Z$/.exec(text)?.[1]?.length ?? 0);
      expect(parseSimTime(text)).toEqual({ ms: r.ms, nanos: r.nanos });
      expect(r.ms).toBeGreaterThanOrEqual(spec.startTime - 1000);
      expect(r.ms).toBeLessThanOrEqual(spec.endTime);
    }
    expect([...digits].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('mixes logins, logouts, denials, ties, missing ray ids, exact twins and denied bursts from foreign IPs', () => {
    const records = generateRecords(spec);
    const f = records.map((r) => r.fields);
    expect(f.filter((x) => x.action === 'logout').length).toBeGreaterThan(100);
    expect(f.filter((x) => x.allowed === false).length).toBeGreaterThan(300);
    expect(f.filter((x) => x.action === 'login' && x.allowed === true).length).toBeGreaterThan(2000);
    expect(f.filter((x) => x.ray_id === undefined).length).toBeGreaterThan(50);
    const ties = records.filter((r, i) => i > 0 && r.fields.created_at === records[i - 1]?.fields.created_at);
    expect(ties.length).toBeGreaterThan(100);
    const twins = f.filter((x, i) => i > 0 && JSON.stringify(x) === JSON.stringify(f[i - 1]));
    expect(twins.length).toBeGreaterThan(0);
    // A burst: three or more denials from one foreign address, then a success from it.
    const foreign = new Set(['185.220.101.4', '45.155.205.99', '103.75.190.12', '2a0e:97c0:3e3:1::7']);
    const successes = f.filter((x, i) => x.allowed === true && foreign.has(x.ip_address ?? '') && f.slice(Math.max(0, i - 3), i).every((p) => p.allowed === false && p.ip_address === x.ip_address));
    expect(successes.length).toBeGreaterThan(3);
    expect(new Set(f.map((x) => x.country))).toContain('RU');
  });
});
