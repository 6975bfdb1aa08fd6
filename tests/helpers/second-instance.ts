import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { TEST_SECRETS } from './secrets';
import { eventually } from './eventually';

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
      // A process that stops mid-answer resets the socket: an error of the response, not of the
      // request, which must have a listener too (else it is thrown out of the test).
      response.on('error', () => {
        resolve(false);
      });
      response.resume();
      resolve(response.statusCode === 200);
    });
    request.on('error', () => {
      resolve(false);
    });
  });

export interface Instance {
  url: string;
  /** SIGTERM: a graceful stop. */
  stop(): Promise<void>;
  /** SIGKILL: the process dies at once, as in a crash or an out-of-memory kill. */
  kill(): Promise<void>;
  /** The end of what the process printed (standard output and error). */
  output(): string;
  /** Settles when the process has exited, with its exit code (null when killed by a signal). */
  exited: Promise<number | null>;
  /** Whether the process still runs. */
  running(): boolean;
  pid: number | undefined;
}

/**
 * Starts another server process, on the same database as the test server unless `env` says
 * otherwise, on its own port, without waiting for it (see `untilAnswering`). Its error output is
 * echoed to ours unless `echo` is false (it is kept for `output()` either way).
 */
export const spawnInstance = (
  port: number,
  env: Record<string, string> = {},
  { echo = true }: { echo?: boolean } = {},
): Instance => {
  const child: ChildProcess = spawn(process.execPath, ['-e', START_SCRIPT], {
    env: { ...process.env, PORT: String(port), SEED_ON_START: 'false', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // Its error output goes on to ours; the end of both outputs is kept (it explains an early exit).
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', (chunk: Buffer) => {
    if (echo) process.stderr.write(chunk);
    keep(chunk);
  });
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      resolve(code);
    }),
  );
  const running = () => child.exitCode === null && child.signalCode === null;
  const signal = async (name: NodeJS.Signals) => {
    if (running()) child.kill(name);
    await exited;
  };
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () => signal('SIGTERM'),
    kill: () => signal('SIGKILL'),
    output: () => output,
    exited,
    running,
    pid: child.pid,
  };
};

/** Waits until the instance answers `GET /api/themes` with a 200, at most `ms`. */
export const untilAnswering = (instance: Instance, ms = 60_000): Promise<Instance> =>
  eventually(
    async () => {
      if (await answers(`${instance.url}/api/themes`)) return instance;
      if (!instance.running()) {
        throw new Error(`the instance at ${instance.url} exited: ${instance.output().slice(-2000)}`);
      }
      return undefined;
    },
    ms,
    `the instance at ${instance.url} answering`,
  );

/** Starts another server process (see `spawnInstance`) and waits until it answers. */
export const startSecondInstance = async (
  port: number,
  env: Record<string, string> = {},
  options: { echo?: boolean } = {},
): Promise<Instance> => untilAnswering(spawnInstance(port, env, options));

/** Whether a loopback port can be listened on now. */
const canListen = (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const server = http.createServer();
    server.once('error', () => {
      resolve(false);
    });
    server.listen(port, '127.0.0.1', () => {
      server.close(() => {
        resolve(true);
      });
    });
  });

/**
 * A loopback port free at the time of asking, for a server started later (sometimes a minute later,
 * as the outbox tests' receivers). Drawn from 10000–19999, below the system's ephemeral range
 * (32768–60999 here), where every outgoing connection and every port-0 listener of any process on
 * the machine takes its port: a port the system picked could be taken again meanwhile by a
 * concurrent run (seen: EADDRINUSE while a benchmark ran beside the suite).
 */
export const freePort = async (): Promise<number> => {
  for (let attempt = 0; attempt < 200; attempt += 1) {
    const port = 10000 + crypto.randomInt(10000);
    if (await canListen(port)) return port;
  }
  throw new Error('no free loopback port in 10000-19999');
};

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
  const remove = () => {
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(`${file}${suffix}`, { force: true });
  };
  return {
    ...instance,
    stop: async () => {
      await instance.stop();
      remove();
    },
    kill: async () => {
      await instance.kill();
      remove();
    },
  };
};
