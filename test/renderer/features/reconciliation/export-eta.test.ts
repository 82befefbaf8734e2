import { describe, expect, it } from 'vitest';
import { exportEtaText, exportPercent } from '../../../../src/renderer/features/reconciliation/export-eta';

describe('export progress words', () => {
  it('percent is floored and capped; unknown total gives null', () => {
    expect(exportPercent(0, 0)).toBeNull();
    expect(exportPercent(999, 1000)).toBe(99);
    expect(exportPercent(1000, 1000)).toBe(100);
  });

  it('time left from the rate so far, silent while too early to judge', () => {
    expect(exportEtaText(10, 1000, 0, 1000)).toBeNull(); // 1 % done
    expect(exportEtaText(500, 1000, 0, 100)).toBeNull(); // 100 ms in
    expect(exportEtaText(500, 1000, 0, 10_000)).toBe('about 10 s left');
    expect(exportEtaText(100, 1000, 0, 20_000)).toBe('about 3 min left');
    expect(exportEtaText(999, 1000, 0, 5_000)).toBe('less than a second left');
  });
});
