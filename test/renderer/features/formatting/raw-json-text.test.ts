import { describe, expect, it } from 'vitest';
import { formatRawJson } from '../../../../src/renderer/features/formatting/raw-json-text';

describe('formatRawJson', () => {
  it('indents without changing a digit of any number', () => {
    const raw = '{"id":1070746,"change":-0.00012345000000000001,"balance":3001.22270418,"tiny":1e-8,"info":{"a":[1,2]}}';
    const shown = formatRawJson(raw);
    expect(shown).toContain('"change": -0.00012345000000000001');
    expect(shown).toContain('"balance": 3001.22270418');
    expect(shown).toContain('"tiny": 1e-8');
    expect(shown.split('\n').length).toBeGreaterThan(5);
  });
  it('shows text that is not JSON exactly as stored', () => {
    expect(formatRawJson('{not json')).toBe('{not json');
  });
});
