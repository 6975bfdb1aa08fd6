import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** The secrets Strapi needs, by environment variable name. */
export const SECRET_NAMES = [
  'APP_KEYS',
  'API_TOKEN_SALT',
  'ADMIN_JWT_SECRET',
  'TRANSFER_TOKEN_SALT',
  'JWT_SECRET',
  'ENCRYPTION_KEY',
] as const;

export type SecretName = (typeof SECRET_NAMES)[number];
export type Secrets = Record<SecretName, string>;

/** Values that come from `.env.example` or documentation and must never reach production. */
const PLACEHOLDER = /^(replace-?me|tobemodified|changeme|change-?me|secret|example|xxx+)/i;
const MIN_LENGTH = 16;
/** Least information a secret must carry, in bits, estimated from how often each character recurs. */
const MIN_ENTROPY_BITS = 64;

/**
 * An estimate of the information in a value: its length times the Shannon entropy of its character
 * frequencies. 16 × the same character carries 0 bits, "abababababababab" 16; 24 random bytes in
 * base64 about 140.
 */
export const entropyBits = (value: string): number => {
  const counts = new Map<string, number>();
  for (const character of value) counts.set(character, (counts.get(character) ?? 0) + 1);
  // Code points, as the loop above counts them (a secret is ASCII in practice).
  // eslint-disable-next-line @typescript-eslint/no-misused-spread
  const length = [...value].length;
  let perCharacter = 0;
  for (const count of counts.values()) {
    const p = count / length;
    perCharacter -= p * Math.log2(p);
  }
  return perCharacter * length;
};

const randomSecret = (): string => crypto.randomBytes(24).toString('base64');

const generate = (name: SecretName): string =>
  name === 'APP_KEYS' ? Array.from({ length: 4 }, randomSecret).join(',') : randomSecret();

/**
 * Returns why a production secret is unusable, or null when it is fine.
 * APP_KEYS is a comma-separated list: every key is checked.
 */
export const secretProblem = (name: SecretName, value: string | undefined): string | null => {
  if (value === undefined || value.trim() === '') return `${name} is missing`;
  const parts = name === 'APP_KEYS' ? value.split(',').map((part) => part.trim()) : [value];
  if (parts.some((part) => PLACEHOLDER.test(part))) return `${name} is a placeholder`;
  if (parts.some((part) => part.length < MIN_LENGTH)) {
    return `${name} is shorter than ${MIN_LENGTH} characters`;
  }
  if (parts.some((part) => entropyBits(part) < MIN_ENTROPY_BITS)) {
    return `${name} is not random enough (repeated characters or a pattern)`;
  }
  return null;
};

/**
 * Checks every secret for production and throws one error naming all the problems.
 */
export const assertProductionSecrets = (source: NodeJS.ProcessEnv): Secrets => {
  const problems = SECRET_NAMES.map((name) => secretProblem(name, source[name])).filter(
    (problem): problem is string => problem !== null,
  );
  if (problems.length > 0) {
    throw new Error(
      `Refusing to start in production: ${problems.join('; ')}. ` +
        'Set real random values in the environment (see .env.example).',
    );
  }
  return Object.fromEntries(SECRET_NAMES.map((name) => [name, source[name] as string])) as Secrets;
};

/**
 * Development and test: any missing secret is generated. In development the generated values are
 * kept in `.tmp/dev-secrets.json` so that sessions and encrypted tokens survive a restart; in test
 * they live for the process only.
 */
const developmentSecrets = (source: NodeJS.ProcessEnv, appRoot: string, persist: boolean): Secrets => {
  const file = path.join(appRoot, '.tmp', 'dev-secrets.json');
  let stored: Partial<Secrets> = {};
  if (persist && fs.existsSync(file)) {
    stored = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<Secrets>;
  }
  let changed = false;
  const secrets = {} as Secrets;
  for (const name of SECRET_NAMES) {
    const fromEnv = source[name];
    // A value copied from .env.example (a placeholder) counts as missing here.
    if (fromEnv !== undefined && secretProblem(name, fromEnv) === null) {
      secrets[name] = fromEnv;
    } else {
      const known = stored[name];
      secrets[name] = known ?? generate(name);
      if (known === undefined) {
        stored[name] = secrets[name];
        changed = true;
      }
    }
  }
  if (persist && changed) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, JSON.stringify(stored, null, 2), { mode: 0o600 });
  }
  return secrets;
};

let cached: Secrets | undefined;

/**
 * The secrets for this process. Production refuses missing or placeholder values; other
 * environments generate what is missing, so the quick start needs no hand editing.
 */
export const getSecrets = (): Secrets => {
  if (cached) return cached;
  const nodeEnv = process.env.NODE_ENV ?? 'development';
  const appRoot = process.cwd();
  cached =
    nodeEnv === 'production'
      ? assertProductionSecrets(process.env)
      : developmentSecrets(process.env, appRoot, nodeEnv !== 'test');
  return cached;
};
