import { execFile } from 'node:child_process';
import fs from 'node:fs';
import { baseUrl, fullAccessToken, trusted } from '../helpers/client';

/**
 * Every `curl` line of the README's shell examples, run as written (only the server address is the
 * test server's, and `$STAFF_TOKEN` a staff API token): it must succeed and get a 200, with JSON
 * unless it asks for a `.csv` or `.xml` file. (`[...]` in a URL needs `curl -g`, or curl reads it as
 * a range and fails with "bad range in URL".) The Mission is given the IATI identifier the README
 * tells staff to set before the IATI file is published.
 */
const examples = fs
  .readFileSync('README.md', 'utf8')
  .split(/^```bash\n/m)
  .slice(1)
  .map((block) => block.split(/^```/m)[0])
  .flatMap((block) => block.split('\n'))
  .filter((line) => line.startsWith('curl '));

describe('the README examples', () => {
  beforeAll(async () => {
    const set = await trusted.put('/api/mission', {
      data: { iatiOrganisationId: 'FR-SIRET-23350001600040' },
    });
    expect(set.status).toBe(200);
  });
  afterAll(async () => {
    await trusted.put('/api/mission', { data: { iatiOrganisationId: null } });
  });

  it('there are some', () => {
    expect(examples.length).toBeGreaterThanOrEqual(10);
  });

  it.each(examples)('%s', async (line) => {
    const command = line.replaceAll('http://localhost:1337', baseUrl());
    // The status is printed after the body: the example itself is unchanged. (Asynchronously: the
    // test server runs in this process and must go on answering.)
    const run = await new Promise<{ status: number; stdout: string; stderr: string }>((resolve) => {
      execFile(
        'bash',
        ['-c', `${command.replace(/\s+#.*$/, '')} -sS -w '\\n%{http_code}'`],
        {
          encoding: 'utf8',
          timeout: 60_000,
          maxBuffer: 50 * 1024 * 1024,
          env: { ...process.env, STAFF_TOKEN: fullAccessToken() },
        },
        (error, stdout, stderr) => {
          resolve({ status: error ? Number(error.code ?? 1) : 0, stdout, stderr });
        },
      );
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines.pop()).toBe('200');
    if (/\.(csv|xml)'/.test(line)) return;
    expect(() => JSON.parse(lines.join('\n')) as unknown).not.toThrow();
  });
});
