import { describe, expect, it } from 'vitest';
import { signClientSignature } from '../../../../src/core/providers/deribit/client-signature';

describe('signClientSignature', () => {
  it('matches the documented Deribit test vector (empty data, both newlines)', async () => {
    expect(await signClientSignature('AMANDASECRECT', 1576074319000, '1iqt2wls', '')).toBe(
      '56590594f97921b09b18f166befe0d1319b198bbcdad7ca73382de2f88fe9aa1',
    );
  });

  it('changes with every input', async () => {
    const base = await signClientSignature('AMANDASECRECT', 1576074319000, '1iqt2wls', '');
    const variants = await Promise.all([
      signClientSignature('AMANDASECRECT!', 1576074319000, '1iqt2wls', ''),
      signClientSignature('AMANDASECRECT', 1576074319001, '1iqt2wls', ''),
      signClientSignature('AMANDASECRECT', 1576074319000, '1iqt2wlt', ''),
      signClientSignature('AMANDASECRECT', 1576074319000, '1iqt2wls', 'x'),
    ]);
    for (const v of variants) {
      expect(v).toMatch(/^[0-9a-f]{64}$/);
      expect(v).not.toBe(base);
    }
  });
});
