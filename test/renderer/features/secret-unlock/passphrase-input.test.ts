import { describe, expect, it } from 'vitest';
import { passphraseProblem } from '../../../../src/renderer/features/secret-unlock/passphrase-input';

describe('passphraseProblem', () => {
  it('a new passphrase: typed, long enough, twice the same', () => {
    expect(passphraseProblem(true, '', '')).toMatch(/Type your passphrase/);
    expect(passphraseProblem(true, 'too short', 'too short')).toMatch(/at least 10 characters/);
    expect(passphraseProblem(true, 'long enough one', 'long enough 0ne')).toMatch(/differ/);
    expect(passphraseProblem(true, 'long enough one', 'long enough one')).toBeNull();
  });

  it('unlocking: any non-empty passphrase goes to main, which alone knows if it is right', () => {
    expect(passphraseProblem(false, '', '')).toMatch(/Type your passphrase/);
    expect(passphraseProblem(false, 'short', '')).toBeNull();
  });
});
