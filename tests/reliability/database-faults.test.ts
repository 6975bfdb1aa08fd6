import http from 'node:http';
import { Client } from 'pg';
import { adminOf, eventually, ownDatabase, type OwnDatabase } from '../helpers/instances';
import { freePort, spawnInstance, untilAnswering } from '../helpers/second-instance';
import { TEST_SECRETS } from '../helpers/secrets';
import { startWebhookSink } from '../helpers/webhook-sink';

/**
 * The server and PostgreSQL: connections cut mid-traffic, the database refusing connections for a
 * while (as during a restart) and unreachable at start-up; a graceful stop. Each test has its own
 * PostgreSQL database (whatever TEST_DATABASE says: these are PostgreSQL's faults), so the shared
 * test server is never touched.
 */
const adminUrl = () => process.env.TEST_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

const onServer = async <T>(work: (client: Client) => Promise<T>, database?: string): Promise<T> => {
  const url = new URL(adminUrl());
  if (database) url.pathname = `/${database}`;
  const client = new Client({ connectionString: url.toString() });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
};

/** Ends every connection to `database`, as pg_terminate_backend does in a failover or a restart. */
const terminateConnections = (database: string) =>
  onServer(async (client) => {
    const result = await client.query(
      'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
      [database],
    );
    return result.rowCount ?? 0;
  });

const allowConnections = (database: string, allow: boolean) =>
  onServer((client) => client.query(`ALTER DATABASE "${database}" WITH ALLOW_CONNECTIONS ${allow}`));

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('PostgreSQL faults', () => {
  let own: OwnDatabase | undefined;
  afterEach(async () => {
    if (own) await allowConnections(own.database.env.DATABASE_NAME, true).catch(() => undefined);
    await own?.drop();
    own = undefined;
  });

  it('connections killed and the database away for 3 s mid-traffic: no 500, recovery within 5 s, no acknowledged write lost', async () => {
    // A request whose connection was cut in a transaction may never be settled by knex: the server
    // answers it 503 after REQUEST_TIMEOUT_MS (here 8 s), and no request waits longer (20 s here).
    own = await ownDatabase('postgres', { REQUEST_TIMEOUT_MS: '8000' });
    const name = own.database.env.DATABASE_NAME;
    const server = await own.start();
    const admin = await adminOf(server.url);

    const statuses: number[] = [];
    const acknowledged: string[] = [];
    const hung: string[] = [];
    let stop = false;
    let counter = 0;
    const writer = async () => {
      while (!stop) {
        const slug = `fault-${(counter += 1)}`;
        // A time limit: a request that never ends would be a failure to recover, counted as such.
        const response = await admin
          .post('/content-manager/collection-types/api::theme.theme', { name: `Thème ${slug}`, slug })
          .timeout(20_000)
          .catch((error: unknown) => {
            if ((error as { timeout?: number }).timeout) hung.push(`POST ${slug}`);
            return undefined;
          });
        if (response) {
          statuses.push(response.status);
          if (response.status === 201) acknowledged.push(slug);
        } else await sleep(50);
      }
    };
    const reader = async () => {
      while (!stop) {
        const response = await fetch(`${server.url}/api/themes?pagination[pageSize]=5`, {
          signal: AbortSignal.timeout(20_000),
        }).catch((error: unknown) => {
          if (error instanceof Error && error.name === 'TimeoutError') hung.push('GET /api/themes');
          return undefined;
        });
        if (response) {
          statuses.push(response.status);
          await response.body?.cancel();
        } else await sleep(50);
      }
    };
    const traffic = [writer(), writer(), reader(), reader()];
    // The traffic stops whatever happens (a failed check would leave it running, and Jest with it).
    let recovered = 0;
    let back = 0;
    try {
      await sleep(1500);
      expect(await terminateConnections(name)).toBeGreaterThan(0);
      await sleep(1500);
      // "Restart": every connection ends and none is accepted for 3 s.
      await allowConnections(name, false);
      await terminateConnections(name);
      await sleep(3000);
      await allowConnections(name, true);
      back = Date.now();

      // Recovered on its own: reads and writes succeed again within 5 s of the database's return.
      recovered = await eventually(
        async () => {
          const read = await fetch(`${server.url}/api/themes`);
          await read.body?.cancel();
          const write = await admin.post('/content-manager/collection-types/api::theme.theme', {
            name: 'Après la panne',
            slug: `fault-after-${Date.now()}`,
          });
          return read.status === 200 && write.status === 201 ? Date.now() : undefined;
        },
        10_000,
        'recovery',
      );
    } finally {
      stop = true;
      await Promise.all(traffic);
    }

    console.log(
      `[faults] ${statuses.length} requests: ${statuses.filter((status) => status === 503).length} answered 503 ` +
        `during the outage, recovered ${recovered - back} ms after the database came back, ` +
        `${acknowledged.length} acknowledged writes`,
    );
    // On a failure, what the server said about it.
    if (statuses.some((status) => status >= 500 && status !== 503)) {
      console.log(
        server
          .output()
          .split('\n')
          .filter((line) => /error/i.test(line))
          .slice(-20)
          .join('\n'),
      );
    }
    expect(recovered - back).toBeLessThan(5000);
    expect(server.running()).toBe(true);
    expect(hung).toEqual([]);
    expect(statuses.filter((status) => status >= 500 && status !== 503)).toEqual([]);
    expect(statuses.filter((status) => status === 503).length).toBeGreaterThan(0);
    expect(acknowledged.length).toBeGreaterThan(5);

    const stored = await onServer(
      async (client) =>
        new Set(
          (await client.query<{ slug: string }>('SELECT slug FROM themes')).rows.map((row) => row.slug),
        ),
      name,
    );
    expect(acknowledged.filter((slug) => !stored.has(slug))).toEqual([]);
  }, 240_000);

  it('the database unreachable at start-up: a one-line message, retries with backoff, and the server starts once it is back', async () => {
    own = await ownDatabase('postgres');
    const name = own.database.env.DATABASE_NAME;
    await allowConnections(name, false);
    const instance = spawnInstance(await freePort(), {
      ...own.database.env,
      ...TEST_SECRETS,
      SEED_ON_START: 'false',
      LOG_LEVEL: 'info',
    });
    try {
      await eventually(
        () => Promise.resolve(/trying again in 2 s/.test(instance.output()) ? true : undefined),
        20_000,
        'the second retry message',
      );
      expect(instance.running()).toBe(true);
      expect(instance.output()).toMatch(/\[database\] not reachable \(.*\); trying again in 1 s/);
      // A message, not a stack trace.
      expect(instance.output()).not.toMatch(/\n\s+at .+:\d+:\d+/);

      await allowConnections(name, true);
      await untilAnswering(instance, 60_000);
      expect(instance.output()).toMatch(/\[database\] reachable after \d+ s/);
    } finally {
      await instance.kill();
    }
  });

  it('a database that does not exist stops the start at once with the reason', async () => {
    const instance = spawnInstance(await freePort(), {
      DATABASE_CLIENT: 'postgres',
      DATABASE_HOST: '127.0.0.1',
      DATABASE_PORT: '5432',
      DATABASE_NAME: 'ri_no_such_database',
      DATABASE_USERNAME: 'postgres',
      DATABASE_URL: '',
      ...TEST_SECRETS,
    });
    const code = await instance.exited;
    expect(code).not.toBe(0);
    expect(instance.output()).toMatch(/Cannot use the database: the database does not exist/);
  });

  it('SIGTERM: the request under way finishes, new connections are refused, the outbox stops cleanly, exit 0', async () => {
    const hooks = await startWebhookSink();
    own = await ownDatabase('postgres', {
      WEBSITE_WEBHOOK_URL: `${hooks.url}/hook`,
      WEBSITE_WEBHOOK_TIMEOUT_MS: '20000',
      OUTBOX_POLL_MS: '100',
    });
    try {
      const server = await own.start();
      const admin = await adminOf(server.url);
      // A delivery in flight: the website holds it unanswered.
      await fetch(`${hooks.url}/_hold`, { method: 'POST' });
      expect(
        (
          await admin.post('/content-manager/collection-types/api::theme.theme', {
            name: 'Arrêt',
            slug: 'arret-propre',
          })
        ).status,
      ).toBe(201);
      await eventually(async () => {
        const held = (await (await fetch(`${hooks.url}/_held`)).json()) as { held: number };
        return held.held > 0 ? true : undefined;
      });

      // A request under way: its body arrives slowly, and SIGTERM comes in the middle of it.
      const { port } = new URL(server.url);
      const body = JSON.stringify({ name: 'Requête lente', slug: 'requete-lente' });
      const answer = new Promise<number>((resolve, reject) => {
        const request = http.request(
          {
            host: '127.0.0.1',
            port,
            method: 'POST',
            path: '/content-manager/collection-types/api::theme.theme',
            headers: {
              'Content-Type': 'application/json',
              'Content-Length': Buffer.byteLength(body),
              Authorization: `Bearer ${admin.token}`,
            },
          },
          (response) => {
            response.resume();
            response.on('end', () => {
              resolve(response.statusCode ?? 0);
            });
          },
        );
        request.on('error', reject);
        request.write(body.slice(0, 10));
        setTimeout(() => request.end(body.slice(10)), 1500);
      });
      await sleep(300);
      const stopping = server.stop();

      // No new connection once the stop has begun...
      await sleep(300);
      await expect(fetch(`${server.url}/api/themes`)).rejects.toThrow();
      // ...but the request under way is answered, and its write is kept.
      expect(await answer).toBe(201);
      // The outbox waits for the delivery it started: the process is still there.
      expect(server.running()).toBe(true);
      await fetch(`${hooks.url}/_release`, { method: 'POST' });
      await stopping;
      expect(await server.exited).toBe(0);

      const again = await own.start();
      const rows = (
        await (
          await adminOf(again.url)
        ).get('/content-manager/collection-types/api::delivery.delivery?pageSize=100')
      ).body as { results: Array<{ summary: string; deliveryState: string }> };
      expect(rows.results.find((row) => row.summary.includes('arret-propre'))?.deliveryState).toBe(
        'delivered',
      );
      const received = (await (await fetch(`${hooks.url}/_received`)).json()) as Array<{
        body: string;
        answered: number;
      }>;
      expect(
        received.filter((hook) => hook.body.includes('arret-propre')).map((hook) => hook.answered),
      ).toEqual([204]);
      const themes = (await (
        await fetch(`${again.url}/api/themes?filters[slug][$eq]=requete-lente`)
      ).json()) as {
        data: unknown[];
      };
      expect(themes.data).toHaveLength(1);
    } finally {
      await fetch(`${hooks.url}/_release`, { method: 'POST' }).catch(() => undefined);
      await hooks.close();
    }
  });
});
