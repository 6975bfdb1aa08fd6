import path from 'node:path';
import { BOOT_SCRIPT, runNode } from '../helpers/run-node';
import { TEST_SECRETS as SECRETS } from '../helpers/secrets';

describe('secrets in production', () => {
  it('the server refuses to start with a missing or placeholder secret, and names each one', async () => {
    const run = await runNode(['-e', BOOT_SCRIPT], {
      NODE_ENV: 'production',
      ...SECRETS,
      APP_KEYS: 'replace-me,replace-me-too',
      JWT_SECRET: '',
      ENCRYPTION_KEY: undefined,
      DATABASE_FILENAME: path.join('.tmp', 'never-created.db'),
    });
    expect(run.code).not.toBe(0);
    expect(run.stdout).not.toContain('BOOTED');
    const output = run.stdout + run.stderr;
    expect(output).toContain('APP_KEYS is a placeholder');
    expect(output).toContain('JWT_SECRET is missing');
    expect(output).toContain('ENCRYPTION_KEY is missing');
  });
});
