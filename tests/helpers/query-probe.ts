import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Core } from '@strapi/strapi';

/** Requests carrying this header have their SQL queries counted. */
export const PROBE_HEADER = 'x-test-request-id';

/**
 * Test instrumentation, outside the application: records the SQL queries run while answering each
 * request that carries PROBE_HEADER, and serves them on a loopback port
 * (`GET /<request id>` → `{"queries": n, "statements": [sql, ...]}`), since test files cannot reach
 * the server's memory.
 */
export const startQueryProbe = async (
  strapi: Core.Strapi,
): Promise<{ url: string; close(): Promise<void> }> => {
  const statements = new Map<string, string[]>();
  const connection = strapi.db.connection as unknown as {
    on(event: 'query', listener: (query: { sql?: string }) => void): void;
  };
  connection.on('query', (query) => {
    const ctx = strapi.requestContext.get() as { get(name: string): string } | undefined;
    const id = ctx?.get(PROBE_HEADER);
    if (!id) return;
    const run = statements.get(id) ?? [];
    run.push(query.sql ?? '');
    statements.set(id, run);
  });
  const server = http.createServer((request, response) => {
    const id = decodeURIComponent((request.url ?? '/').slice(1));
    response.setHeader('Content-Type', 'application/json');
    const run = statements.get(id) ?? [];
    response.end(JSON.stringify({ queries: run.length, statements: run }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) =>
        server.close(() => {
          resolve();
        }),
      ),
  };
};
