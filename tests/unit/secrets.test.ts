import { assertProductionSecrets, entropyBits, secretProblem } from '../../src/platform/secrets';

describe('production secrets', () => {
  it.each([
    [undefined, 'JWT_SECRET is missing'],
    ['', 'JWT_SECRET is missing'],
    ['replace-me', 'JWT_SECRET is a placeholder'],
    ['toBeModified1234567890', 'JWT_SECRET is a placeholder'],
    ['short', 'JWT_SECRET is shorter than 16 characters'],
  ])('JWT_SECRET=%j is refused: %s', (value, problem) => {
    expect(secretProblem('JWT_SECRET', value)).toBe(problem);
  });

  it.each([['a'.repeat(16)], ['0'.repeat(40)], ['ab'.repeat(16)], ['Passw0rdPassw0rd!']])(
    'a long value that is not random (%s) is refused',
    (value) => {
      expect(secretProblem('JWT_SECRET', value)).toBe(
        'JWT_SECRET is not random enough (repeated characters or a pattern)',
      );
    },
  );

  it('random values pass the randomness check', () => {
    expect(secretProblem('JWT_SECRET', 'G79I8jF73vHW3R2M7rGO/RGWxm3xikju')).toBeNull();
    expect(entropyBits('a'.repeat(16))).toBe(0);
    expect(entropyBits('abababababababab')).toBe(16);
  });

  it('every key of APP_KEYS is checked', () => {
    expect(secretProblem('APP_KEYS', 'a-real-random-key-123,replace-me')).toBe('APP_KEYS is a placeholder');
    expect(secretProblem('APP_KEYS', 'a-real-random-key-123,another-random-key-456')).toBeNull();
  });

  it('one error names every problem at once', () => {
    expect(() => assertProductionSecrets({ APP_KEYS: 'a-real-random-key-123' })).toThrow(
      /API_TOKEN_SALT is missing; ADMIN_JWT_SECRET is missing; TRANSFER_TOKEN_SALT is missing; JWT_SECRET is missing; ENCRYPTION_KEY is missing/,
    );
  });
});
