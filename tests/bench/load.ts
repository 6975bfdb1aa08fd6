/**
 * Load test: 50 connections for 60 s (LOAD_SECONDS, LOAD_CONNECTIONS) on loopback against a
 * production-mode server on a new PostgreSQL database with the seed: public reads of the website's
 * pages mixed with an association's authenticated submissions and image uploads. Prints requests/s,
 * latency percentiles, errors, non-2xx and 5xx answers, and the server's memory before and after.
 * Asserts nothing (it is a measure, not a test); exits 1 if any request failed or got a 5xx.
 *
 * Run with `npm run bench:load` (compiles first; TEST_PG_ADMIN_URL for the PostgreSQL server).
 */
import autocannon from 'autocannon';
import { rssMiB, runNode } from './processes';
import { benchServerEnv, onPgServer } from '../helpers/database';
import { png } from '../helpers/images';
import { adminOf, createMember } from '../helpers/instances';
import { freePort, spawnInstance, untilAnswering } from '../helpers/second-instance';

const SECONDS = Number(process.env.LOAD_SECONDS ?? 60);
const CONNECTIONS = Number(process.env.LOAD_CONNECTIONS ?? 50);

const multipart = (boundary: string, image: Buffer): Buffer =>
  Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="photo.png"\r\n` +
        'Content-Type: image/png\r\n\r\n',
    ),
    image,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);

const main = async (): Promise<void> => {
  const name = `ri_load_${Date.now().toString(36)}`;
  await onPgServer(`CREATE DATABASE "${name}"`);
  const env = benchServerEnv(name, { RATE_LIMIT_SUBMISSIONS_MAX: '1000000', RATE_LIMIT_AUTH_MAX: '1000' });

  const server = spawnInstance(await freePort(), env);
  try {
    if ((await runNode(['dist/database/seed.js'], { ...process.env, ...env })) !== 0)
      throw new Error('seed failed');
    await untilAnswering(server);

    // An association account, created by staff, logged in.
    const admin = await adminOf(server.url);
    const member = { email: 'charge@example.org', password: 'Charge-Passw0rd!' };
    await createMember(admin, { ...member, association: 'Association de charge' });
    const login = await fetch(`${server.url}/api/auth/local`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ identifier: member.email, password: member.password }),
    });
    const jwt = ((await login.json()) as { jwt: string }).jwt;

    const memoryBefore = rssMiB(Number(server.pid));
    const reads = [
      '/api/partnerships',
      '/api/partnerships/slug/gabon-estuaire',
      '/api/countries/GA/overview',
      '/api/timeline',
      '/api/map',
      '/api/stats',
      '/api/search?q=quebec',
      '/api/actions?populate=*',
      '/api/mission?populate=*',
    ].map((path) => ({ method: 'GET' as const, path }));
    let counter = 0;
    const boundary = 'loadtestboundary';
    const image = multipart(boundary, png());
    const runs = [
      // Public reads: most of the traffic.
      { connections: Math.max(1, CONNECTIONS - 8), requests: reads, title: 'public reads' },
      // Submissions: an action proposed by the association, each with its own slug.
      {
        connections: 6,
        title: 'submissions',
        requests: [
          {
            method: 'POST' as const,
            path: '/api/actions',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${jwt}` },
            setupRequest: (request: autocannon.Request) => {
              counter += 1;
              return {
                ...request,
                body: JSON.stringify({
                  data: {
                    title: `Action de charge ${counter}`,
                    slug: `charge-${counter}`,
                    actionType: 'event',
                  },
                }),
              };
            },
          },
        ],
      },
      // Image uploads by the association.
      {
        connections: 2,
        title: 'uploads',
        requests: [
          {
            method: 'POST' as const,
            path: '/api/upload',
            headers: {
              'content-type': `multipart/form-data; boundary=${boundary}`,
              authorization: `Bearer ${jwt}`,
            },
            body: image,
          },
        ],
      },
    ];

    // Every answer's time and status, for exact percentiles.
    const measured = runs.map(() => ({ times: [] as number[], statuses: new Map<number, number>() }));
    const results = await Promise.all(
      runs.map(
        (spec, index) =>
          new Promise<autocannon.Result>((resolve, reject) => {
            const instance = autocannon(
              {
                url: server.url,
                connections: spec.connections,
                duration: SECONDS,
                requests: spec.requests,
                timeout: 30,
              },
              (error, result) => {
                if (error) reject(error instanceof Error ? error : new Error(String(error)));
                else resolve(result);
              },
            );
            instance.on('response', (_client, statusCode: number, _bytes, responseTime: number) => {
              measured[index].times.push(responseTime);
              measured[index].statuses.set(statusCode, (measured[index].statuses.get(statusCode) ?? 0) + 1);
            });
          }),
      ),
    );
    const memoryAfter = rssMiB(Number(server.pid));

    const percentile = (sorted: number[], p: number): number =>
      sorted.length === 0
        ? NaN
        : Math.round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]);
    let failed = 0;
    console.log(
      `\nLoad: ${CONNECTIONS} connections for ${SECONDS} s, production mode, PostgreSQL, loopback (${new Date().toISOString()})\n`,
    );
    console.log(
      '| traffic | connections | answers | req/s | p50 ms | p95 ms | p99 ms | max ms | errors | statuses |',
    );
    console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
    results.forEach((result, index) => {
      const spec = runs[index];
      const times = [...measured[index].times].sort((a, b) => a - b);
      const statuses = [...measured[index].statuses.entries()].sort(([a], [b]) => a - b);
      const serverErrors = statuses.filter(([status]) => status >= 500).reduce((sum, [, n]) => sum + n, 0);
      failed += result.errors + result.timeouts + serverErrors;
      console.log(
        `| ${spec.title} | ${spec.connections} | ${times.length} | ${Math.round(times.length / SECONDS)} | ` +
          `${percentile(times, 50)} | ${percentile(times, 95)} | ${percentile(times, 99)} | ${Math.round(times[times.length - 1] ?? NaN)} | ` +
          `${result.errors + result.timeouts} | ${statuses.map(([status, n]) => `${status}: ${n}`).join(', ')} |`,
      );
    });
    const all = measured.flatMap((entry) => entry.times).sort((a, b) => a - b);
    console.log(
      `| all | ${CONNECTIONS} | ${all.length} | ${Math.round(all.length / SECONDS)} | ${percentile(all, 50)} | ` +
        `${percentile(all, 95)} | ${percentile(all, 99)} | ${Math.round(all[all.length - 1] ?? NaN)} | | |`,
    );
    console.log(`\nServer memory (RSS): ${memoryBefore} MiB before, ${memoryAfter} MiB after.`);
    if (failed > 0) console.log(`\nServer log (end):\n${server.output().slice(-4000)}`);
    process.exitCode = failed > 0 ? 1 : 0;
  } finally {
    await server.stop();
    await onPgServer(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  }
};

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
