import { describe, expect, it } from 'vitest';
import { ApiCallError } from '../../../src/renderer/api/api-call-error';
import { toShownError } from '../../../src/renderer/state/error-message';

describe('toShownError', () => {
  it('shows the userMessage and kind of a failed contract call', () => {
    const error = new ApiCallError({ kind: 'invalid_credentials', code: 13004, detail: 'invalid_credentials', userMessage: 'Wrong client id or secret.', retriable: false });
    expect(toShownError(error)).toEqual({ message: 'Wrong client id or secret.', kind: 'invalid_credentials' });
  });
  it('falls back to the message of any other error, then to plain words', () => {
    expect(toShownError(new Error('disk full'))).toEqual({ message: 'disk full', kind: null });
    expect(toShownError('???')).toEqual({ message: 'Something went wrong. Try again.', kind: null });
  });
});
