import crypto from 'node:crypto';

/**
 * Real-looking secrets for servers the tests start as production would run them; one set, shared,
 * so that instances of one deployment accept each other's tokens.
 */
export const TEST_SECRETS = {
  APP_KEYS: 'k1-0123456789abcdef,k2-0123456789abcdef',
  API_TOKEN_SALT: 'salt-0123456789abcdef',
  ADMIN_JWT_SECRET: 'admin-0123456789abcdef',
  TRANSFER_TOKEN_SALT: 'transfer-0123456789abcdef',
  JWT_SECRET: 'jwt-0123456789abcdef',
  ENCRYPTION_KEY: 'encryption-0123456789abcdef',
};

/** A new set of random secrets, as an operator would generate for a production server. */
export const randomSecrets = (): typeof TEST_SECRETS => {
  const secret = (): string => crypto.randomBytes(24).toString('base64');
  return {
    APP_KEYS: `${secret()},${secret()}`,
    API_TOKEN_SALT: secret(),
    ADMIN_JWT_SECRET: secret(),
    TRANSFER_TOKEN_SALT: secret(),
    JWT_SECRET: secret(),
    ENCRYPTION_KEY: secret(),
  };
};
