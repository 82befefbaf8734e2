import { describe, expect, it } from 'vitest';
import {
  DEFAULT_CORRELATION_SETTINGS,
  SETTINGS_STORAGE_KEY,
  draftOf,
  loadCorrelationSettings,
  saveCorrelationSettings,
  validateAmount,
  validateSettings,
} from '../../../../src/renderer/features/findings/correlation-settings';

function memoryStorage(initial: Record<string, string> = {}): Pick<Storage, 'getItem' | 'setItem'> & { data: Record<string, string> } {
  const data = { ...initial };
  return { data, getItem: (k) => data[k] ?? null, setItem: (k, v) => void (data[k] = v) };
}

describe('correlation settings validation', () => {
  it('accepts the defaults round-trip through the form draft', () => {
    expect(validateSettings(draftOf(DEFAULT_CORRELATION_SETTINGS))).toEqual({ ok: true, settings: DEFAULT_CORRELATION_SETTINGS });
  });

  it('keeps threshold text exact, upper-cases currencies, trims noise', () => {
    const result = validateSettings({ windowHours: ' 6 ', thresholds: [{ currency: ' btc', amount: '0.12345678901234567890' }, { currency: 'eth', amount: '.5' }, { currency: 'USDC', amount: '10.' }] });
    expect(result).toEqual({
      ok: true,
      settings: { windowHours: 6, lossThresholds: [['BTC', '0.12345678901234567890'], ['ETH', '0.5'], ['USDC', '10']] },
    });
  });

  it.each([
    ['', 'Enter an amount'],
    ['-1', 'Use digits'],
    ['1e-3', 'Use digits'],
    ['1,000', 'Use digits'],
    ['0.000', 'greater than zero'],
    ['abc', 'Use digits'],
  ])('rejects the amount %j', (amount, message) => {
    expect(validateAmount(amount)).toContain(message);
  });

  it.each([
    ['', 'whole number'],
    ['1.5', 'whole number'],
    ['0', 'between 1 and 168'],
    ['169', 'between 1 and 168'],
    ['-3', 'whole number'],
  ])('rejects the window %j', (windowHours, message) => {
    const result = validateSettings({ windowHours, thresholds: [] });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.windowHours).toContain(message);
  });

  it('reports each bad threshold row on its own, duplicates included', () => {
    const result = validateSettings({
      windowHours: '24',
      thresholds: [
        { currency: 'BTC', amount: '1' },
        { currency: 'b', amount: '1' },
        { currency: 'btc', amount: 'x' },
      ],
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.windowHours).toBeUndefined();
    expect(result.errors.thresholds[0]).toBeNull();
    expect(result.errors.thresholds[1]?.currency).toContain('currency code');
    expect(result.errors.thresholds[2]?.currency).toContain('listed twice');
    expect(result.errors.thresholds[2]?.amount).toContain('Use digits');
  });
});

describe('correlation settings storage', () => {
  it('saves and loads the same settings', () => {
    const storage = memoryStorage();
    const settings = { windowHours: 12, lossThresholds: [['BTC', '0.25']] as const };
    saveCorrelationSettings(storage, settings);
    expect(JSON.parse(storage.data[SETTINGS_STORAGE_KEY] ?? '')).toEqual({ windowHours: 12, lossThresholds: [['BTC', '0.25']] });
    expect(loadCorrelationSettings(storage)).toEqual({ windowHours: 12, lossThresholds: [['BTC', '0.25']] });
  });

  it('falls back to the defaults for nothing, garbage or invalid stored values', () => {
    expect(loadCorrelationSettings(null)).toBe(DEFAULT_CORRELATION_SETTINGS);
    expect(loadCorrelationSettings(memoryStorage())).toBe(DEFAULT_CORRELATION_SETTINGS);
    expect(loadCorrelationSettings(memoryStorage({ [SETTINGS_STORAGE_KEY]: '{not json' }))).toBe(DEFAULT_CORRELATION_SETTINGS);
    expect(loadCorrelationSettings(memoryStorage({ [SETTINGS_STORAGE_KEY]: JSON.stringify({ windowHours: 0, lossThresholds: [] }) }))).toBe(DEFAULT_CORRELATION_SETTINGS);
    expect(loadCorrelationSettings(memoryStorage({ [SETTINGS_STORAGE_KEY]: JSON.stringify({ windowHours: 5, lossThresholds: [['BTC', '-1']] }) }))).toBe(DEFAULT_CORRELATION_SETTINGS);
  });

  it('a storage that throws on write does not break saving', () => {
    expect(() => saveCorrelationSettings({ setItem: () => { throw new Error('quota'); } }, DEFAULT_CORRELATION_SETTINGS)).not.toThrow();
  });
});
