import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { TEST_SECRETS } from './secrets';

/** Loads the compiled application and listens, as `strapi start` does. */
export const START_SCRIPT = `
const { createStrapi } = require('@strapi/strapi');
createStrapi({ appDir: process.cwd(), distDir: require('path').join(process.cwd(), 'dist') })
  .start()
  .catch((error) => { console.error(error); process.exit(1); });
`;

const answers = (url: string): Promise<boolean> =>
  new Promise((resolve) => {
    const request = http.get(url, (response) => {
      response.resume();
      resolve(response.statusCode === 200);
    });
    request.on('error', () => resolve(false));
  });

export interface Instance {
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts another server process, on the same database as the test server unless `env` says
 * otherwise, on its own port, and waits until it answers.
 */
export const startSecondInstance = async (
  port: number,
  env: Record<string, string> = {},
): Promise<Instance> => {
  const child: ChildProcess = spawn(process.execPath, ['-e', START_SCRIPT], {
    env: { ...process.env, PORT: String(port), SEED_ON_START: 'false', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  // Its error output goes on to ours, and the end of it explains an early exit.
  let errors = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    process.stderr.write(chunk);
    errors = (errors + chunk.toString()).slice(-2000);
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  while (!(await answers(`${url}/api/themes`))) {
    if (child.exitCode !== null) {
      throw new Error(`the second instance (port ${port}) exited with ${child.exitCode}: ${errors}`);
    }
    if (Date.now() > deadline) throw new Error('the second instance did not answer in 60 s');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url,
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
};

/** A loopback port free at the time of asking (the system picks it). */
export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = http.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });

/**
 * A server of its own, on a new SQLite file under `.tmp/` and a free port, with the shared test
 * secrets and `env`; `stop()` also deletes its database.
 */
export const startIsolatedInstance = async (
  label: string,
  env: Record<string, string>,
): Promise<Instance> => {
  const file = path.join('.tmp', `${label}-${crypto.randomBytes(3).toString('hex')}.db`);
  const instance = await startSecondInstance(await freePort(), {
    DATABASE_CLIENT: 'sqlite',
    DATABASE_FILENAME: file,
    ...TEST_SECRETS,
    ...env,
  });
  return {
    url: instance.url,
    stop: async () => {
      await instance.stop();
      for (const suffix of ['', '-wal', '-shm']) fs.rmSync(`${file}${suffix}`, { force: true });
    },
  };
};
