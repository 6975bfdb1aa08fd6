/**
 * `npm run bench`: the performance benchmark (not part of `npm test`; see README, "Performance").
 *
 * For each size — small (the seed), medium (the sizes), large (ten times the actions,
 * delegations and school exchanges) — on a new PostgreSQL database: generates the data
 * (tests/bench/generate.ts, fixed seed); measures the memory a fresh server needs for the curated
 * endpoints alone (peak RSS); starts the compiled server in production mode as `npm start` does
 * (`strapi start`), twice (with its response cache, and with RESPONSE_CACHE_MB=0 to measure answers
 * built from the database), and the raw `http` + `pg` baseline (tests/bench/raw-baseline.ts); then
 * drives them with autocannon on loopback at 1, 10 and 50 connections: each curated endpoint against stock `populate=*` for the
 * same content, the 304 path, the plain lists, the baseline. Runs that are compared are interleaved
 * (A, B, A, B) so that a busy machine shifts both sides alike; so are the two sizes the size
 * targets compare: the medium database is copied before the large data is generated, and served
 * beside it for a last phase (BENCH_PAIR_ROUNDS rounds, the order alternating: medium then large,
 * large then medium, ...). Prints a Markdown table and the targets, and writes them to
 * bench/RESULTS.md with the machine's description.
 *
 * BENCH_SIZES (small,medium,large), BENCH_SECONDS (per run, 2), BENCH_PAIR_ROUNDS (4),
 * TEST_PG_ADMIN_URL. BENCH_ONLY=memory:
 * the memory phase alone, written to bench/MEMORY.md (bench/RESULTS.md is left as it is).
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { Client } from 'pg';
import { CONTENT_VERSION_CHANNEL, CONTENT_VERSION_TABLE } from '../../src/cache/content-version';
import { benchServerEnv, onPgServer } from '../helpers/database';
import { PROBE_HEADER } from '../helpers/query-probe';
import { freePort } from '../helpers/second-instance';
import { eventually } from '../helpers/eventually';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 2);
const SIZES = (process.env.BENCH_SIZES ?? 'small,medium,large').split(',');
const MEMORY_ONLY = process.env.BENCH_ONLY === 'memory';
const root = process.cwd();

const log = (line: string): void => {
  process.stderr.write(`[bench] ${line}\n`);
};

/**
 * Loaded (NODE_OPTIONS `--require`) into a server started by `npm start` itself (so with the
 * start script's V8 options), before Strapi's own command line: once the server listens, starts
 * the query probe (SQL statements per request, from outside the app) and writes its process id and
 * URL to PROBE_FILE. npm loads it too, and finds no Strapi there. Only the probe's TypeScript goes
 * through esbuild, without the source maps that esbuild-register turns on (Node would otherwise
 * keep the source map of every module loaded after it). Started by `createStrapi().start()` from a
 * script instead, the same application held the same live heap in about twice the V8 heap (330
 * against 160 MiB after boot; resident memory 445 against 265 MiB), so its memory figures said
 * nothing of production's.
 */
const PROBE_PRELOAD = `
require(${JSON.stringify(require.resolve('esbuild-register/dist/node'))}).register({ extensions: ['.ts'] });
process.setSourceMapsEnabled(false);
const { startQueryProbe } = require(${JSON.stringify(path.join(root, 'tests/helpers/query-probe.ts'))});
const timer = setInterval(() => {
  const strapi = globalThis.strapi;
  if (!strapi || !strapi.isLoaded || !strapi.server?.httpServer?.listening) return;
  clearInterval(timer);
  startQueryProbe(strapi)
    .then((probe) => require('node:fs').writeFileSync(process.env.PROBE_FILE, process.pid + ' ' + probe.url))
    .catch((error) => { console.error(error); process.exit(1); });
}, 100);
timer.unref();
`;

interface Server {
  url: string;
  probe: string;
  pid: number;
  bootMs: number;
  stop(): Promise<void>;
}

const stopper = (child: ChildProcess) => async (): Promise<void> => {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
};

const startServer = async (env: Record<string, string>): Promise<Server> => {
  const port = await freePort();
  const probeFile = path.join(os.tmpdir(), `bench-probe-${crypto.randomUUID()}`);
  const started = Date.now();
  const preload = path.join(os.tmpdir(), `bench-preload-${crypto.randomUUID()}.js`);
  fs.writeFileSync(preload, PROBE_PRELOAD);
  // `npm start`, in a process group of its own (npm, the shell, Strapi): stopped together.
  const child = spawn('npm', ['start', '--silent'], {
    env: {
      ...process.env,
      ...env,
      NODE_OPTIONS: `--require ${preload}`,
      PORT: String(port),
      PROBE_FILE: probeFile,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
    detached: true,
  });
  const url = `http://127.0.0.1:${port}`;
  await eventually(
    async () => {
      if (child.exitCode !== null) throw new Error('the server exited while starting');
      const answer = await fetch(`${url}/api/themes`).catch(() => undefined);
      return answer?.status === 200 ? true : undefined;
    },
    300_000,
    'the server answering',
    50,
  );
  const bootMs = Date.now() - started;
  const written = await eventually(
    () => {
      const text = fs.existsSync(probeFile) ? fs.readFileSync(probeFile, 'utf8') : '';
      return Promise.resolve(text.includes(' ') ? text : undefined);
    },
    30_000,
    'the query probe',
  );
  fs.rmSync(probeFile, { force: true });
  fs.rmSync(preload, { force: true });
  const [pid, probe] = written.split(' ');
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    process.kill(-(child.pid ?? 0), 'SIGTERM');
    await exited;
  };
  return { url, probe, pid: Number(pid), bootMs, stop };
};

/** A benchmark script of ours (tests/bench/…), once it says it is ready. */
const startScript = async (
  script: string,
  env: Record<string, string>,
): Promise<{ url: string; stop(): Promise<void> }> => {
  const port = await freePort();
  const child = spawn(process.execPath, ['-r', 'esbuild-register', script], {
    env: { ...process.env, ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve) =>
    child.stdout?.once('data', () => {
      resolve();
    }),
  );
  return { url: `http://127.0.0.1:${port}`, stop: stopper(child) };
};

const startBaseline = (databaseUrl: string) =>
  startScript('tests/bench/raw-baseline.ts', { DATABASE_URL: databaseUrl });

/**
 * One GET as autocannon makes it (Node's `http`, no `Accept-Encoding`): the bytes and headers that
 * went on the wire, for the bare `http` server to send again.
 */
const wireAnswer = (url: string): Promise<{ headers: Record<string, string>; body: string }> =>
  new Promise((resolve, reject) => {
    http
      .get(url, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const headers: Record<string, string> = {};
          for (const [name, value] of Object.entries(response.headers)) {
            // Per connection or per moment, not the answer's.
            if (['connection', 'keep-alive', 'date', 'transfer-encoding'].includes(name)) continue;
            if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
          }
          resolve({ headers, body: Buffer.concat(chunks).toString('base64') });
        });
        response.on('error', reject);
      })
      .on('error', reject);
  });

/**
 * Node's `http` alone serving the answers the server with its cache gives for `paths`
 * (tests/bench/bare-http.ts): what a kept answer and a `304` cost at the least on this machine.
 */
const startBare = async (
  server: Server,
  paths: string[],
): Promise<{ url: string; stop(): Promise<void> }> => {
  const answers: Record<string, { headers: Record<string, string>; body: string }> = {};
  for (const pathname of paths) answers[pathname] = await wireAnswer(`${server.url}${pathname}`);
  const file = path.join(os.tmpdir(), `bench-answers-${crypto.randomUUID()}.json`);
  fs.writeFileSync(file, JSON.stringify(answers));
  const bare = await startScript('tests/bench/bare-http.ts', { ANSWERS_FILE: file });
  fs.rmSync(file, { force: true });
  return bare;
};

/** Peak resident memory of a process since it started (VmHWM), in MiB. */
const peakRssMiB = (pid: number): number => {
  const match = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Math.round(Number(match[1]) / 1024) : NaN;
};

interface Sample {
  times: number[];
  seconds: number;
  statuses: Map<number, number>;
  errors: number;
}

const drive = (url: string, pathname: string, connections: number, headers: Record<string, string> = {}) =>
  new Promise<Sample>((resolve, reject) => {
    const sample: Sample = { times: [], seconds: SECONDS, statuses: new Map(), errors: 0 };
    const instance = autocannon(
      { url: `${url}${pathname}`, connections, duration: SECONDS, headers, timeout: 30 },
      (error, result) => {
        if (error) reject(error instanceof Error ? error : new Error(String(error)));
        else resolve({ ...sample, errors: result.errors + result.timeouts });
      },
    );
    instance.on('response', (_client, status: number, _bytes, time: number) => {
      sample.times.push(time);
      sample.statuses.set(status, (sample.statuses.get(status) ?? 0) + 1);
    });
  });

interface Figures {
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
  /** Answers whose status was not the expected one. */
  unexpected: number;
}

const figures = (samples: Sample[], expected: number): Figures => {
  const times = samples.flatMap((sample) => sample.times).sort((a, b) => a - b);
  const seconds = samples.reduce((sum, sample) => sum + sample.seconds, 0);
  const at = (p: number): number =>
    times.length === 0 ? NaN : times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))];
  let unexpected = 0;
  for (const sample of samples)
    for (const [status, count] of sample.statuses) if (status !== expected) unexpected += count;
  return {
    rps: times.length / seconds,
    p50: at(50),
    p95: at(95),
    p99: at(99),
    errors: samples.reduce((sum, sample) => sum + sample.errors, 0),
    unexpected,
  };
};

interface Run {
  name: string;
  url: string;
  path: string;
  headers?: Record<string, string>;
  expected?: number;
  /** The server's process: after the run, waited for until it is idle (it may still be answering). */
  pid?: number;
}

const cpuTicks = (pid: number): number => {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return Number(fields[11]) + Number(fields[12]);
};

/**
 * Waits until a server has finished the requests a run left it (autocannon stops sending, the
 * server goes on answering): at most 5 % of a core over 200 ms, for at most 120 s. Without it, a
 * slow run (stock `populate=*` on large data) would eat into the next one.
 */
const settle = async (pid: number): Promise<void> => {
  const deadline = Date.now() + 120_000;
  let before = cpuTicks(pid);
  while (Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    const now = cpuTicks(pid);
    if (now - before <= 1) return;
    before = now;
  }
};

/**
 * The memory a production server needs for the website's pages: a fresh server (nothing else
 * driven on it, so no stock `populate=*` run leaves its heap behind) serves each curated endpoint
 * at 1, 10 and 50 connections; its peak resident memory since it started (VmHWM, boot included) is
 * read after. With the response cache, and again with it off (every answer built).
 */
const curatedMemory = async (env: Record<string, string>): Promise<{ cached: number; built: number }> => {
  const peak = async (serverEnv: Record<string, string>): Promise<number> => {
    const server = await startServer(serverEnv);
    try {
      for (const connections of [1, 10, 50])
        for (const endpoint of endpointsOf()) await drive(server.url, endpoint.path, connections);
      await settle(server.pid);
      return peakRssMiB(server.pid);
    } finally {
      await server.stop();
    }
  };
  return { cached: await peak(env), built: await peak({ ...env, RESPONSE_CACHE_MB: '0' }) };
};

/** That peak, for each size measured. */
const curatedPeaks = new Map<string, { cached: number; built: number }>();

/** Runs each of `runs` twice, interleaved (A, B, A, B), and gives their figures. */
const interleaved = async (runs: Run[], connections: number): Promise<Figures[]> => {
  const samples: Sample[][] = runs.map(() => []);
  for (let round = 0; round < 2; round += 1) {
    for (const [index, run] of runs.entries()) {
      samples[index].push(await drive(run.url, run.path, connections, run.headers));
      if (run.pid) await settle(run.pid);
    }
  }
  return samples.map((each, index) => figures(each, runs[index].expected ?? 200));
};

/** SQL statements the server ran for one GET, counted by its query probe. */
const statementsFor = async (server: Server, pathname: string): Promise<number> => {
  const id = crypto.randomUUID();
  await fetch(`${server.url}${pathname}`, { headers: { [PROBE_HEADER]: id } }).then((answer) =>
    answer.arrayBuffer(),
  );
  const probe = (await (await fetch(`${server.probe}/${id}`)).json()) as { queries: number };
  return probe.queries;
};

interface Endpoint {
  name: string;
  path: string;
  /** Stock Strapi for the same content. */
  stock: string;
}

const endpointsOf = (): Endpoint[] => [
  {
    name: 'partnership by slug',
    path: '/api/partnerships/slug/gabon-estuaire',
    stock: '/api/partnerships?filters[slug][$eq]=gabon-estuaire&populate=*',
  },
  {
    name: 'country overview',
    path: '/api/countries/GA/overview',
    stock: '/api/countries?filters[isoCode][$eq]=GA&populate=*',
  },
  { name: 'timeline', path: '/api/timeline', stock: '/api/actions?populate=*' },
  { name: 'map', path: '/api/map', stock: '/api/partnerships?populate=*' },
  { name: 'stats', path: '/api/stats', stock: '/api/partnerships?populate=*' },
  {
    name: 'search',
    path: '/api/search?q=cooperation',
    stock: `/api/actions?filters[description][$containsi]=${encodeURIComponent('coopération')}&populate=*`,
  },
  {
    // Two words that are both in most generated entries: every match is merged and counted, the slow
    // case. Their entries are kept per content version: see `firstAfterChange` for the first search.
    name: 'search, two words',
    path: `/api/search?q=${encodeURIComponent('coopération éducation')}`,
    stock:
      `/api/actions?filters[$and][0][description][$containsi]=${encodeURIComponent('coopération')}` +
      `&filters[$and][1][description][$containsi]=${encodeURIComponent('éducation')}&populate=*`,
  },
];

/**
 * A search answered first after a change of the content, when its words' entries are read again
 * (src/api/website/services/search.ts keeps them per content version): the content version is
 * moved in the database as a write moves it (the same NOTIFY), and after the server has heard it,
 * one request is timed, `samples` times. Returns p50, p95 and the slowest, in ms.
 */
const firstAfterChange = async (
  server: Server,
  databaseUrl: string,
  pathname: string,
  samples = 20,
): Promise<{ p50: number; p95: number; max: number }> => {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  const times: number[] = [];
  try {
    for (let sample = 0; sample < samples; sample += 1) {
      const moved = await client.query<{ version: string }>(
        `UPDATE ${CONTENT_VERSION_TABLE} SET version = version + 1 WHERE id = 1 RETURNING version`,
      );
      await client.query('SELECT pg_notify($1, $2)', [CONTENT_VERSION_CHANNEL, moved.rows[0].version]);
      // The NOTIFY arrives at once; the server's poll (500 ms) would see it too.
      await new Promise((resolve) => setTimeout(resolve, 600));
      const started = performance.now();
      const answer = await fetch(`${server.url}${pathname}&pageSize=${10 + (sample % 5)}`);
      await answer.arrayBuffer();
      if (answer.status !== 200) throw new Error(`${pathname}: HTTP ${answer.status}`);
      times.push(performance.now() - started);
    }
  } finally {
    await client.end();
  }
  times.sort((a, b) => a - b);
  const at = (percent: number): number =>
    times[Math.min(times.length - 1, Math.ceil((percent / 100) * times.length) - 1)];
  return { p50: at(50), p95: at(95), max: times[times.length - 1] };
};

const PLAIN_LISTS = ['/api/partnerships', '/api/actions', '/api/actions?populate=*'];

interface Row {
  size: string;
  connections: number;
  endpoint: string;
  variant: string;
  figures: Figures;
  bytes?: number;
  statements?: number;
}

/** One endpoint and variant driven on the medium and the large data in turn. */
interface SizePair {
  endpoint: string;
  variant: string;
  medium: Figures;
  large: Figures;
  /** Each round's own drop, in %: how far one round's pair of runs can be from the next. */
  rounds: number[];
}

/** Rounds of the medium/large comparison (each one run on each size). */
const PAIR_ROUNDS = Number(process.env.BENCH_PAIR_ROUNDS || 4);
if (!Number.isInteger(PAIR_ROUNDS) || PAIR_ROUNDS < 1)
  throw new Error(
    `BENCH_PAIR_ROUNDS must be a whole number of rounds, 1 or more (got ${process.env.BENCH_PAIR_ROUNDS})`,
  );

/** The drop from medium to large, in % of medium's req/s. */
const dropOf = (medium: Figures, large: Figures): number => 100 * (1 - large.rps / medium.rps);

/**
 * One run on the medium data and one on the large data per round, the order alternating from one
 * round to the next (medium first, then large first: A B, B A, A B, B A). In a fixed order, the
 * side driven second was measured faster for work that does not depend on the size at all (the
 * 304s without the cache: 21-66 % "gains" for the large data, 2026-12-02 17:46).
 */
const inTurn = async (
  onMedium: Run,
  onLarge: Run,
  connections: number,
): Promise<{ medium: Figures; large: Figures; rounds: number[] }> => {
  const medium: Sample[] = [];
  const large: Sample[] = [];
  const rounds: number[] = [];
  const once = async (run: Run): Promise<Sample> => {
    const sample = await drive(run.url, run.path, connections, run.headers);
    if (run.pid) await settle(run.pid);
    return sample;
  };
  for (let round = 0; round < PAIR_ROUNDS; round += 1) {
    let first: Sample;
    let second: Sample;
    if (round % 2 === 0) {
      first = await once(onMedium);
      second = await once(onLarge);
    } else {
      second = await once(onLarge);
      first = await once(onMedium);
    }
    medium.push(first);
    large.push(second);
    rounds.push(
      dropOf(figures([first], onMedium.expected ?? 200), figures([second], onLarge.expected ?? 200)),
    );
  }
  return {
    medium: figures(medium, onMedium.expected ?? 200),
    large: figures(large, onLarge.expected ?? 200),
    rounds,
  };
};

interface Servers {
  cached: Server;
  built: Server;
}

/** The ETag each curated endpoint and plain list has on a server. */
const etagsOf = async (server: Server): Promise<Map<string, string>> => {
  const etags = new Map<string, string>();
  for (const pathname of [...endpointsOf().map((e) => e.path), ...PLAIN_LISTS]) {
    const answer = await fetch(`${server.url}${pathname}`);
    await answer.arrayBuffer();
    etags.set(pathname, answer.headers.get('etag') ?? '');
  }
  return etags;
};

/**
 * Medium against large, driven in turn (`inTurn`) at 10 connections: every curated
 * endpoint from the cache, built and as a 304 (with and without the cache), and the plain lists,
 * so that a machine busier at one moment shifts both sizes alike. The size targets are read here.
 */
const sizePairs = async (medium: Servers, large: Servers): Promise<SizePair[]> => {
  const mediumTags = await etagsOf(medium.cached);
  const largeTags = await etagsOf(large.cached);
  // The servers with the cache off answer each URL once: their 304 needs an answered URL.
  await etagsOf(medium.built);
  await etagsOf(large.built);
  const notModified = (tags: Map<string, string>, pathname: string) => ({
    'if-none-match': tags.get(pathname) ?? '',
    'cache-control': 'no-cache',
  });
  const variants: Array<{
    endpoint: string;
    variant: string;
    runs: (s: Servers, tags: Map<string, string>) => Run;
  }> = [
    ...endpointsOf().flatMap((endpoint) => [
      {
        endpoint: endpoint.name,
        variant: 'curated, from the cache',
        runs: (s: Servers) => ({ name: 'cached', url: s.cached.url, path: endpoint.path }),
      },
      {
        endpoint: endpoint.name,
        variant: '304 (If-None-Match, Cache-Control: no-cache)',
        runs: (s: Servers, tags: Map<string, string>) => ({
          name: '304',
          url: s.cached.url,
          path: endpoint.path,
          headers: notModified(tags, endpoint.path),
          expected: 304,
        }),
      },
      {
        endpoint: endpoint.name,
        variant: 'curated, built (cache off)',
        runs: (s: Servers) => ({ name: 'built', url: s.built.url, path: endpoint.path, pid: s.built.pid }),
      },
      {
        endpoint: endpoint.name,
        variant: 'cache off, 304 (If-None-Match, Cache-Control: no-cache)',
        runs: (s: Servers, tags: Map<string, string>) => ({
          name: '304 off',
          url: s.built.url,
          path: endpoint.path,
          headers: notModified(tags, endpoint.path),
          expected: 304,
          pid: s.built.pid,
        }),
      },
    ]),
    ...PLAIN_LISTS.flatMap((pathname) => [
      {
        endpoint: `plain list \`${pathname}\``,
        variant: 'from the cache',
        runs: (s: Servers) => ({ name: 'plain cached', url: s.cached.url, path: pathname }),
      },
      {
        endpoint: `plain list \`${pathname}\``,
        variant: 'built (cache off)',
        runs: (s: Servers) => ({ name: 'plain built', url: s.built.url, path: pathname, pid: s.built.pid }),
      },
    ]),
  ];
  // Fresh servers on both sides: each run is first made once on both, unrecorded, so that neither
  // side is measured cold (the compiler's warm-up, the pools, the caches).
  for (const { runs } of variants) {
    for (const run of [runs(medium, mediumTags), runs(large, largeTags)]) {
      await drive(run.url, run.path, 10, run.headers);
      if (run.pid) await settle(run.pid);
    }
  }
  const pairs: SizePair[] = [];
  for (const { endpoint, variant, runs } of variants) {
    pairs.push({
      endpoint,
      variant,
      ...(await inTurn(runs(medium, mediumTags), runs(large, largeTags), 10)),
    });
  }
  return pairs;
};

const fmt = (value: number, digits = 0): string =>
  value === Infinity
    ? '∞ (stock answered nothing within the run)'
    : Number.isFinite(value)
      ? value.toFixed(digits)
      : '–';

const table = (rows: Row[]): string =>
  [
    '| size | conn. | endpoint | variant | req/s | p50 ms | p95 ms | p99 ms | errors | bytes | SQL/req |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...rows.map(
      (row) =>
        `| ${row.size} | ${row.connections} | ${row.endpoint} | ${row.variant} | ${fmt(row.figures.rps)} | ` +
        `${fmt(row.figures.p50, 1)} | ${fmt(row.figures.p95, 1)} | ${fmt(row.figures.p99, 1)} | ` +
        `${row.figures.errors + row.figures.unexpected} | ${row.bytes ?? ''} | ${row.statements ?? ''} |`,
    ),
  ].join('\n');

const describeMachine = (): string =>
  `Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ` +
  `${os.type()} ${os.release()}, Node.js ${process.version}, PostgreSQL on loopback.`;

const main = async (): Promise<void> => {
  const name = `ri_bench_${Date.now().toString(36)}`;
  const env = benchServerEnv(name, { DATABASE_POOL_MAX: '10', SEED_ON_START: 'false' });

  const rows: Row[] = [];
  const notes: string[] = [];
  let pairs: SizePair[] = [];
  const childEnv = { ...process.env, ...env };
  // The medium data kept aside (a copy of the database), to be driven in turn with the large data.
  const mediumName = `${name}_medium`;
  const mediumEnv = benchServerEnv(mediumName, { DATABASE_POOL_MAX: '10', SEED_ON_START: 'false' });
  let mediumKept = false;
  await onPgServer(`CREATE DATABASE "${name}"`);
  try {
    for (const size of SIZES) {
      const prepared = Date.now();
      if (size === 'small') {
        execFileSync(process.execPath, ['dist/database/seed.js'], { env: childEnv, stdio: 'inherit' });
      } else {
        if (!rows.some((row) => row.size === 'small'))
          execFileSync(process.execPath, ['dist/database/seed.js'], { env: childEnv, stdio: 'inherit' });
        execFileSync(process.execPath, ['-r', 'esbuild-register', 'tests/bench/generate.ts', size], {
          env: childEnv,
          stdio: 'inherit',
        });
      }
      log(`${size}: data ready in ${((Date.now() - prepared) / 1000).toFixed(0)} s`);

      log(`${size}: memory, a fresh server on the curated endpoints`);
      curatedPeaks.set(size, await curatedMemory(env));
      if (MEMORY_ONLY) continue;
      const cached = await startServer(env);
      const built = await startServer({ ...env, RESPONSE_CACHE_MB: '0' });
      const baseline = await startBaseline(env.DATABASE_URL);
      const bare = await startBare(
        cached,
        endpointsOf().map((endpoint) => endpoint.path),
      );
      notes.push(`${size}: boot to first answer ${cached.bootMs} ms (with the search index check).`);
      try {
        const endpoints = endpointsOf();
        // Sizes, SQL statements (built and from the cache), and the ETags for the 304 runs.
        const etags = new Map<string, string>();
        const sizes = new Map<string, number>();
        const statements = new Map<string, { built: number; cached: number }>();
        for (const pathname of [...endpoints.flatMap((e) => [e.path, e.stock]), ...PLAIN_LISTS]) {
          const answer = await fetch(`${cached.url}${pathname}`);
          if (answer.status !== 200) throw new Error(`${pathname}: HTTP ${answer.status}`);
          sizes.set(pathname, (await answer.arrayBuffer()).byteLength);
          etags.set(pathname, answer.headers.get('etag') ?? '');
          statements.set(pathname, {
            built: await statementsFor(built, pathname),
            cached: await statementsFor(cached, pathname),
          });
        }

        for (const connections of [10, 1, 50]) {
          log(`${size}: ${connections} connections`);
          for (const endpoint of endpoints) {
            // Stock Strapi has no response cache: its runs go to the server with the cache off.
            // At 50 connections stock `populate=*` on large data holds the machine for minutes: left out.
            const runs: Run[] = [
              { name: 'cached', url: cached.url, path: endpoint.path },
              ...(connections === 50
                ? []
                : [{ name: 'stock', url: built.url, path: endpoint.stock, pid: built.pid }]),
            ];
            if (connections === 10) {
              const notModified = {
                'if-none-match': etags.get(endpoint.path) ?? '',
                'cache-control': 'no-cache',
              };
              runs.push(
                {
                  name: '304',
                  url: cached.url,
                  path: endpoint.path,
                  headers: notModified,
                  expected: 304,
                },
                { name: 'built', url: built.url, path: endpoint.path, pid: built.pid },
                // The server with nothing kept: its 304 for a URL it has answered needs no build.
                {
                  name: '304 off',
                  url: built.url,
                  path: endpoint.path,
                  headers: notModified,
                  expected: 304,
                  pid: built.pid,
                },
                // The same bytes from Node's `http` alone: the least a kept 200 and a 304 cost here.
                { name: 'bare', url: bare.url, path: endpoint.path },
                { name: 'bare 304', url: bare.url, path: endpoint.path, headers: notModified, expected: 304 },
              );
            }
            const results = await interleaved(runs, connections);
            results.forEach((result, index) => {
              const run = runs[index];
              rows.push({
                size,
                connections,
                endpoint: endpoint.name,
                variant:
                  run.name === 'stock'
                    ? `stock \`${endpoint.stock.replace(/\|/g, '\\|')}\` (no cache)`
                    : run.name === 'cached'
                      ? 'curated, from the cache'
                      : run.name === '304'
                        ? '304 (If-None-Match, Cache-Control: no-cache)'
                        : run.name === '304 off'
                          ? 'cache off, 304 (If-None-Match, Cache-Control: no-cache)'
                          : run.name === 'bare'
                            ? 'bare Node `http`, the same answer (200)'
                            : run.name === 'bare 304'
                              ? 'bare Node `http`, 304'
                              : 'curated, built (cache off)',
                figures: result,
                bytes: run.name.includes('304') ? 0 : sizes.get(run.path),
                statements:
                  run.name === 'built' || run.name === 'stock'
                    ? statements.get(run.path)?.built
                    : run.name.startsWith('bare')
                      ? undefined
                      : run.name.startsWith('304')
                        ? 0
                        : statements.get(run.path)?.cached,
              });
            });
          }
          // The plain lists (from the cache and built) and the raw baseline, interleaved.
          const plain: Run[] = [
            { name: 'raw', url: baseline.url, path: '/' },
            ...PLAIN_LISTS.flatMap((pathname) => [
              { name: `cached ${pathname}`, url: cached.url, path: pathname },
              { name: `built ${pathname}`, url: built.url, path: pathname, pid: built.pid },
            ]),
          ];
          const results = await interleaved(plain, connections);
          results.forEach((result, index) => {
            const run = plain[index];
            const [kind, pathname] = run.name === 'raw' ? ['raw', '/'] : run.name.split(' ');
            rows.push({
              size,
              connections,
              endpoint: run.name === 'raw' ? 'raw http + pg baseline' : `plain list \`${pathname}\``,
              variant:
                kind === 'raw'
                  ? 'one SQL query, 25 partnerships'
                  : kind === 'cached'
                    ? 'from the cache'
                    : 'built (cache off)',
              figures: result,
              bytes: run.name === 'raw' ? undefined : sizes.get(pathname),
              statements:
                run.name === 'raw'
                  ? 1
                  : kind === 'cached'
                    ? statements.get(pathname)?.cached
                    : statements.get(pathname)?.built,
            });
          });
        }
        if (size === 'large' && mediumKept) {
          log('medium and large in turn: 10 connections');
          // Fresh servers on both sides: the size is what is compared, not the heap that the large
          // phase left behind (stock `populate=*` answers of 11 MB on the server with the cache off).
          const fresh = async (serverEnv: Record<string, string>): Promise<Servers> => ({
            cached: await startServer(serverEnv),
            built: await startServer({ ...serverEnv, RESPONSE_CACHE_MB: '0' }),
          });
          const medium = await fresh(mediumEnv);
          const large = await fresh(env);
          try {
            pairs = await sizePairs(medium, large);
          } finally {
            for (const server of [medium.cached, medium.built, large.cached, large.built])
              await server.stop();
          }
        }
        const twoWords = endpointsOf().find((endpoint) => endpoint.name === 'search, two words');
        if (twoWords) {
          log(`${size}: the two-word search, first after a change of the content`);
          const first = await firstAfterChange(built, env.DATABASE_URL, twoWords.path);
          notes.push(
            `${size}: search, two words, built, the first request after a change of the content (its words' ` +
              `entries read again; 20 samples, one at a time): p50 ${fmt(first.p50, 1)} ms, p95 ${fmt(first.p95, 1)} ms, ` +
              `slowest ${fmt(first.max, 1)} ms. The runs above read them once per change (kept per content version).`,
          );
        }
        notes.push(
          `${size}: peak server RSS over the whole run, stock \`populate=*\` included: ` +
            `${peakRssMiB(cached.pid)} MiB (with its cache), ${peakRssMiB(built.pid)} MiB (cache off).`,
        );
      } finally {
        await cached.stop();
        await built.stop();
        await baseline.stop();
        await bare.stop();
      }
      if (size === 'medium' && SIZES.includes('large')) {
        // The stopped servers' sessions may take a moment to leave the database being copied.
        await eventually(
          () =>
            onPgServer(`CREATE DATABASE "${mediumName}" TEMPLATE "${name}"`).then(
              () => true,
              () => undefined,
            ),
          30_000,
          'a copy of the medium database',
          500,
        );
        mediumKept = true;
      }
    }
  } finally {
    await onPgServer(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await onPgServer(`DROP DATABASE IF EXISTS "${mediumName}" WITH (FORCE)`);
  }

  if (MEMORY_ONLY) {
    const memory = [
      '# Memory of a fresh server on the curated endpoints',
      '',
      `\`BENCH_ONLY=memory npm run bench\`, ${new Date().toISOString()}, ${describeMachine()} Each curated endpoint ` +
        `driven ${SECONDS} s at 1, 10 then 50 connections on a server started by \`npm start\`; its peak RSS (VmHWM, boot included) read after.`,
      '',
      '| size | with the cache (MiB) | cache off (MiB) | target < 500 MB |',
      '| --- | --- | --- | --- |',
      ...[...curatedPeaks].map(([size, peak]) => {
        const megabytes = (Math.max(peak.cached, peak.built) * 1024 * 1024) / 1e6;
        return `| ${size} | ${peak.cached} | ${peak.built} | ${megabytes < 500 ? 'met' : '**not met**'} (${fmt(megabytes)} MB at most) |`;
      }),
    ].join('\n');
    fs.mkdirSync(path.join(root, 'bench'), { recursive: true });
    fs.writeFileSync(path.join(root, 'bench', 'MEMORY.md'), `${memory}\n`);
    console.log(memory);
    return;
  }

  const output = [
    '# Benchmark results',
    '',
    `Latest run of \`npm run bench\`, ${new Date().toISOString()}. ${describeMachine()} ` +
      `Each run lasts ${SECONDS} s and is made twice, interleaved with the runs it is compared with; the ` +
      'server, the baseline and the load generator share the machine, so read the ratios more than the absolute values.',
    '',
    table(rows),
    '',
    ...notes.map((note) => `- ${note}`),
    '',
    ...(pairs.length > 0
      ? [
          '## Medium against large, driven in turn',
          '',
          `Both databases served at once, ${PAIR_ROUNDS} rounds of one run on each (10 connections), the ` +
            'order alternating (medium then large, large then medium, ...) so that neither side is always ' +
            "the one driven second. The drop is read on all the rounds together; each round's own drop " +
            'shows how much two runs of the same work differ on this machine. The size targets are read here.',
          '',
          "| endpoint | variant | medium req/s | large req/s | drop | each round's drop | medium p95 ms | large p95 ms |",
          '| --- | --- | --- | --- | --- | --- | --- | --- |',
          ...pairs.map(
            (pair) =>
              `| ${pair.endpoint} | ${pair.variant} | ${fmt(pair.medium.rps)} | ${fmt(pair.large.rps)} | ` +
              `${fmt(dropOf(pair.medium, pair.large))} % | ${pair.rounds.map((drop) => fmt(drop)).join(', ')} % | ` +
              `${fmt(pair.medium.p95, 1)} | ${fmt(pair.large.p95, 1)} |`,
          ),
          '',
        ]
      : []),
    targets(rows, pairs),
  ].join('\n');
  fs.mkdirSync(path.join(root, 'bench'), { recursive: true });
  fs.writeFileSync(path.join(root, 'bench', 'RESULTS.md'), `${output}\n`);
  console.log(output);
};

/** The targets, checked against the figures. */
const targets = (rows: Row[], pairs: SizePair[]): string => {
  const lines = ['## Targets', '', '| target | figure | met |', '| --- | --- | --- |'];
  const find = (size: string, connections: number, endpoint: string, variant: string) =>
    rows.find(
      (row) =>
        row.size === size &&
        row.connections === connections &&
        row.endpoint === endpoint &&
        row.variant.startsWith(variant),
    );
  const check = (target: string, figure: string, met: boolean): void => {
    lines.push(`| ${target} | ${figure} | ${met ? 'yes' : '**no**'} |`);
  };
  const sizes = [...new Set(rows.map((row) => row.size))];
  const main = sizes.includes('medium') ? 'medium' : sizes[0];
  const raw = find(main, 10, 'raw http + pg baseline', 'one SQL');
  for (const endpoint of endpointsOf()) {
    const cached = find(main, 10, endpoint.name, 'curated, from');
    const stock = find(main, 10, endpoint.name, 'stock');
    const built = find(main, 10, endpoint.name, 'curated, built');
    const notModified = find(main, 10, endpoint.name, '304');
    const notModifiedOff = find(main, 10, endpoint.name, 'cache off, 304');
    if (!cached || !stock || !built || !notModified || !raw) continue;
    check(
      `${endpoint.name}: p95 < 50 ms (${main}, 10 conn.)`,
      `${fmt(cached.figures.p95, 1)} ms`,
      cached.figures.p95 < 50,
    );
    check(
      `${endpoint.name}: ≥ 10x stock req/s`,
      `${fmt(cached.figures.rps / stock.figures.rps, 1)}x (built: ${fmt(built.figures.rps / stock.figures.rps, 1)}x)`,
      cached.figures.rps >= 10 * stock.figures.rps,
    );
    check(
      `${endpoint.name}: ≥ 50 % of the raw baseline's req/s`,
      `${fmt((100 * cached.figures.rps) / raw.figures.rps)} %`,
      cached.figures.rps >= 0.5 * raw.figures.rps,
    );
    // "The full response" is the answer built (the 304 is decided before it is built). Against an
    // answer already kept, the ratio is bounded by Node's own: the bare `http` server's figures.
    const bare = find(main, 10, endpoint.name, 'bare Node `http`, the same');
    const bareNotModified = find(main, 10, endpoint.name, 'bare Node `http`, 304');
    check(
      `${endpoint.name}: 304 ≥ 3x the full (built) response's req/s, with the cache and without`,
      `${fmt(notModified.figures.rps / built.figures.rps, 1)}x` +
        (notModifiedOff ? `, cache off ${fmt(notModifiedOff.figures.rps / built.figures.rps, 1)}x` : '') +
        `; against the kept 200 ${fmt(notModified.figures.rps / cached.figures.rps, 1)}x` +
        (bare && bareNotModified
          ? ` (bare Node \`http\`, same bytes: ${fmt(bareNotModified.figures.rps / bare.figures.rps, 1)}x; ` +
            `this 304 at ${fmt((100 * notModified.figures.rps) / bareNotModified.figures.rps)} % of bare Node's)`
          : ''),
      notModified.figures.rps >= 3 * built.figures.rps &&
        (!notModifiedOff || notModifiedOff.figures.rps >= 3 * built.figures.rps),
    );
  }
  const largest = sizes[sizes.length - 1];
  for (const name of ['search', 'search, two words']) {
    const search = find(largest, 10, name, 'curated, built');
    if (search)
      check(
        `${name}: p95 < 100 ms (${largest}, built, 10 conn.)`,
        `${fmt(search.figures.p95, 1)} ms`,
        search.figures.p95 < 100,
      );
  }
  const biggest = Math.max(
    ...rows.filter((row) => !row.variant.startsWith('stock')).map((row) => row.bytes ?? 0),
  );
  check(
    'no curated or plain-list response over 1 MB',
    `largest ${fmt(biggest / 1024)} KiB`,
    biggest <= 1024 * 1024,
  );
  if (pairs.length > 0) {
    for (const pair of pairs) {
      const drop = dropOf(pair.medium, pair.large);
      check(
        `${pair.endpoint} (${pair.variant}): req/s drop medium → large ≤ 20 % (driven in turn)`,
        `${fmt(drop)} %`,
        drop <= 20,
      );
    }
  } else if (sizes.includes('medium') && sizes.includes('large')) {
    for (const row of rows.filter(
      (each) =>
        each.size === 'medium' &&
        each.connections === 10 &&
        !each.variant.startsWith('stock') &&
        !each.endpoint.startsWith('raw'),
    )) {
      const large = find('large', 10, row.endpoint, row.variant.slice(0, 12));
      if (!large) continue;
      const drop = 100 * (1 - large.figures.rps / row.figures.rps);
      check(
        `${row.endpoint} (${row.variant}): req/s drop medium → large ≤ 20 %`,
        `${fmt(drop)} %`,
        drop <= 20,
      );
    }
  }
  for (const size of sizes) {
    const fifty = rows.filter(
      (row) => row.size === size && row.connections === 50 && row.variant.startsWith('curated'),
    );
    if (fifty.length === 0) continue;
    const errors = fifty.reduce((sum, row) => sum + row.figures.errors + row.figures.unexpected, 0);
    const p99 = Math.max(...fifty.map((row) => row.figures.p99));
    check(
      `${size}, 50 conn.: zero errors, p99 < 500 ms on the curated endpoints`,
      `${errors} errors, worst p99 ${fmt(p99)} ms`,
      errors === 0 && p99 < 500,
    );
    const peak = curatedPeaks.get(size);
    if (peak !== undefined) {
      const megabytes = (Math.max(peak.cached, peak.built) * 1024 * 1024) / 1e6;
      check(
        `${size}: peak RSS < 500 MB, a fresh server driven on the curated endpoints only (1, 10, 50 conn.)`,
        `${peak.cached} MiB with the cache, ${peak.built} MiB without (${fmt(megabytes)} MB at most)`,
        megabytes < 500,
      );
    }
  }
  return lines.join('\n');
};

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
