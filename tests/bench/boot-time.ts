/**
 * Boot benchmark: time from process start to the first answered public request, on SQLite.
 * Prints figures, asserts nothing. Run with `npm run bench:boot` (compiles first).
 *
 * - cold: empty database (migrations, schema sync, seed) and no prepared OpenAPI document (a new
 *   install builds it once, in `.strapi/openapi/`);
 * - warm: the same database again, three times (the usual restart).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { START_SCRIPT } from '../helpers/second-instance';
import { randomSecrets } from '../helpers/secrets';

const PORT = Number(process.env.BENCH_PORT ?? 1439);
const FILE = path.join('.tmp', `bench-${Date.now()}.db`);

const env = {
  ...process.env,
  NODE_ENV: 'production',
  HOST: '127.0.0.1',
  PORT: String(PORT),
  DATABASE_CLIENT: 'sqlite',
  DATABASE_FILENAME: FILE,
  SEED_ON_START: 'true',
  SERVE_ADMIN: 'false',
  LOG_LEVEL: 'error',
  STRAPI_TELEMETRY_DISABLED: 'true',
  ...randomSecrets(),
};

const get = (url: string): Promise<number> =>
  new Promise((resolve) => {
    const request = http.get(url, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    request.on('error', () => {
      resolve(0);
    });
    request.setTimeout(1000, () => {
      request.destroy();
      resolve(0);
    });
  });

const rssMiB = (pid: number | undefined): number => {
  if (!pid) return NaN;
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /VmRSS:\s+(\d+) kB/.exec(status);
  return match ? Math.round(Number(match[1]) / 1024) : NaN;
};

const stop = (child: ChildProcess): Promise<void> =>
  new Promise((resolve) => {
    child.once('exit', () => {
      resolve();
    });
    child.kill('SIGTERM');
  });

const bootOnce = async (label: string): Promise<number> => {
  const started = process.hrtime.bigint();
  const child = spawn(process.execPath, ['-e', START_SCRIPT], {
    env,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if ((await get(`http://127.0.0.1:${PORT}/api/partnerships`)) === 200) break;
    if (child.exitCode !== null) throw new Error(`${label}: the server exited with ${child.exitCode}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  console.log(`${label.padEnd(8)} boot to first request: ${Math.round(ms)} ms, RSS ${rssMiB(child.pid)} MiB`);
  await stop(child);
  return ms;
};

const main = async (): Promise<void> => {
  fs.mkdirSync('.tmp', { recursive: true });
  fs.rmSync(path.join('.strapi', 'openapi'), { recursive: true, force: true });
  try {
    await bootOnce('cold');
    const warm: number[] = [];
    for (let run = 1; run <= 3; run += 1) warm.push(await bootOnce(`warm ${run}`));
    warm.sort((a, b) => a - b);
    console.log(`warm median: ${Math.round(warm[1])} ms (target: under 5000 ms)`);
  } finally {
    for (const file of [FILE, `${FILE}-wal`, `${FILE}-shm`]) fs.rmSync(file, { force: true });
  }
};

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
