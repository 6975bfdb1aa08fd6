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
