import { crc32 } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Crc32 } from '../../../src/core/export/crc32';

describe('Crc32 (slicing-by-8)', () => {
  it('equals zlib\'s CRC-32 over any bytes, however they are cut', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), fc.array(fc.nat(), { maxLength: 6 }), (data, cuts) => {
      const points = [0, ...cuts.map((c) => c % (data.length + 1)).sort((a, b) => a - b), data.length];
      const sum = new Crc32();
      for (let i = 1; i < points.length; i++) sum.update(data.subarray(points[i - 1], points[i]));
      expect(sum.value()).toBe(crc32(data));
    }), { numRuns: 2000 });
  });

  it('nothing, and the check value of "123456789"', () => {
    expect(new Crc32().value()).toBe(0);
    const sum = new Crc32();
    sum.update(new TextEncoder().encode('123456789'));
    expect(sum.value()).toBe(0xcbf43926);
  });
});
