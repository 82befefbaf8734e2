import { describe, expect, it } from 'vitest';
import { evaluateScope } from '../../../../src/core/providers/deribit/granted-scope';

describe('evaluateScope', () => {
  const cases: readonly {
    scope: string;
    insufficient: boolean;
    warn: readonly RegExp[];
    noWarn?: readonly RegExp[];
    count: number;
  }[] = [
    { scope: 'session:recon account:read wallet:read', insufficient: false, warn: [], count: 0 },
    {
      scope: 'session:recon account:read wallet:read_write',
      insufficient: false,
      warn: [/wallet:read_write.*withdraw/],
      count: 1,
    },
    {
      scope: 'account:read trade:read_write wallet:read',
      insufficient: false,
      warn: [/trade:read_write.*place and cancel orders/],
      count: 1,
    },
    {
      scope: 'account:read_write wallet:read block_trade:read_write custody:read_write',
      insufficient: false,
      warn: [/account:read_write.*API keys/, /block_trade:read_write.*block trades/, /custody:read_write/],
      count: 3,
    },
    {
      scope: 'session:recon wallet:read',
      insufficient: true,
      warn: [/lacks account:read/],
      noWarn: [/lacks wallet:read/],
      count: 1,
    },
    { scope: 'session:recon account:read', insufficient: false, warn: [/lacks wallet:read/], count: 1 },
    { scope: '', insufficient: true, warn: [/lacks account:read/, /lacks wallet:read/], count: 2 },
    { scope: 'account:none wallet:none', insufficient: true, warn: [/lacks account:read/, /lacks wallet:read/], count: 2 },
  ];

  it.each(cases)('$scope', ({ scope, insufficient, warn, noWarn, count }) => {
    const result = evaluateScope(scope);
    expect(result.scope).toBe(scope);
    expect(result.insufficient).toBe(insufficient);
    expect(result.warnings).toHaveLength(count);
    for (const pattern of warn) expect(result.warnings.some((w) => pattern.test(w))).toBe(true);
    for (const pattern of noWarn ?? []) expect(result.warnings.some((w) => pattern.test(w))).toBe(false);
  });

  it('tells the user what to do about a powerful key', () => {
    const [warning] = evaluateScope('account:read wallet:read_write').warnings;
    expect(warning).toMatch(/read-only API key with only account:read and wallet:read/);
  });

  it('splits tokens on any whitespace', () => {
    expect(evaluateScope('  session:recon\taccount:read  wallet:read ').tokens).toEqual([
      'session:recon',
      'account:read',
      'wallet:read',
    ]);
  });
});
