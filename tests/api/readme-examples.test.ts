import { execFile } from 'node:child_process';
import fs from 'node:fs';
import { baseUrl } from '../helpers/client';

/**
 * Every `curl` line of the README's shell examples, run as written (only the server address is the
 * test server's): it must succeed and get a 200 with JSON. (`[...]` in a URL needs `curl -g`, or
 * curl reads it as a range and fails with "bad range in URL".)
 */
const examples = fs
  .readFileSync('README.md', 'utf8')
  .split(/^```bash\n/m)
  .slice(1)
  .map((block) => block.split(/^```/m)[0])
  .flatMap((block) => block.split('\n'))
  .filter((line) => line.startsWith('curl '));

describe('the README examples', () => {
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
        { encoding: 'utf8', timeout: 60_000, maxBuffer: 50 * 1024 * 1024 },
        (error, stdout, stderr) => {
          resolve({ status: error ? Number(error.code ?? 1) : 0, stdout, stderr });
        },
      );
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines.pop()).toBe('200');
    expect(() => JSON.parse(lines.join('\n')) as unknown).not.toThrow();
  });
});
