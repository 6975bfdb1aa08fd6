import type { Core } from '@strapi/strapi';

interface KnexClient {
  _query(connection: unknown, query: unknown): Promise<unknown>;
}

/**
 * better-sqlite3 (the embedded default) runs every query synchronously, and a page of the website
 * runs dozens (one per populated relation): without a pause, the whole request holds the event loop
 * and every other visitor waits for it. Each query now first lets the event loop turn once, so the
 * work of parallel requests interleaves. PostgreSQL queries are asynchronous already: nothing is
 * changed there.
 */
export const yieldBetweenSqliteQueries = (strapi: Core.Strapi): void => {
  if (strapi.config.get('database.connection.client') !== 'sqlite') return;
  const client = strapi.db.connection.client as unknown as KnexClient;
  const run = client._query.bind(client);
  client._query = async (connection, query) => {
    await new Promise((resolve) => setImmediate(resolve));
    return run(connection, query);
  };
};
