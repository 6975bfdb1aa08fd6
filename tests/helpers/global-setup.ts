/**
 * Boots one real Strapi for the whole run, on a fresh database, listening on a free loopback
 * port. Tests reach it only through HTTP (`TEST_BASE_URL`), like any client.
 */
import type { Core } from '@strapi/strapi';
import { compileStrapi, createStrapi } from '@strapi/strapi';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { createTestDatabase, type TestDatabase, type TestDatabaseClient } from './database';
import { startQueryProbe } from './query-probe';
import { takeSeedSnapshot } from './seed-snapshot';
import { startMailSink } from './mail-sink';
import { startWebhookSink } from './webhook-sink';

export interface RunState {
  strapi: Core.Strapi;
  /** The seed data when the tests start (see seed-snapshot.ts). */
  seed: Map<string, string>;
  database: TestDatabase;
  closeProbe(): Promise<void>;
  closeSink(): Promise<void>;
  closeMail(): Promise<void>;
}

declare global {
  // Shared between global setup and teardown (same process).
  var __RUN__: RunState | undefined;
}

interface ApiTokenService {
  create(attributes: { name: string; type: string; lifespan: null; description: string }): Promise<{
    accessKey: string;
  }>;
}

export interface BootOptions {
  /** Database when TEST_DATABASE is not set. */
  defaultClient: TestDatabaseClient;
  /** Serve the built admin panel (browser tests); needs `strapi build` first. */
  serveAdmin: boolean;
  /** Compile the TypeScript server first (`strapi build` already did for browser tests). */
  compile: boolean;
}

/** Boots the test server and exports its addresses and credentials in the environment. */
export async function bootTestServer({ defaultClient, serveAdmin, compile }: BootOptions): Promise<void> {
  const client = (process.env.TEST_DATABASE ?? defaultClient) as TestDatabaseClient;
  if (client !== 'sqlite' && client !== 'postgres') {
    throw new Error(`TEST_DATABASE must be "sqlite" or "postgres", not "${String(client)}"`);
  }
  const database = await createTestDatabase(client);
  const sink = await startWebhookSink();
  const mail = await startMailSink();

  Object.assign(process.env, database.env, {
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    PORT: '0',
    SEED_ON_START: 'true',
    SERVE_ADMIN: String(serveAdmin),
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    STRAPI_TELEMETRY_DISABLED: 'true',
    CORS_ORIGINS: 'https://website.example.test',
    WEBSITE_URL: 'https://website.example.test',
    // Generous limits for the shared server; tests/api/rate-limits.test.ts checks the real ones.
    RATE_LIMIT_AUTH_MAX: '1000',
    RATE_LIMIT_SUBMISSIONS_MAX: '1000',
    WEBSITE_WEBHOOK_URL: `${sink.url}/hook`,
    WEBSITE_WEBHOOK_SECRET: 'test-webhook-secret-0123456789',
    WEBSITE_WEBHOOK_RETRY_MS: '50',
    WEBSITE_WEBHOOK_MAX_ATTEMPTS: '4',
    // The outbox worker looks for due deliveries this often (retries are due after 50, 100, 200 ms).
    OUTBOX_POLL_MS: '100',
    // A word's per-write search counts folded as soon as there are more than 2 (200 by default).
    SEARCH_COUNT_FOLD_AFTER: '2',
    EMAIL_RETRY_MS: '50',
    TEST_WEBHOOK_SINK_URL: sink.url,
    SMTP_HOST: '127.0.0.1',
    SMTP_PORT: String(mail.smtpPort),
    SMTP_IGNORE_TLS: 'true',
    MISSION_EMAIL: 'mission@example.test',
    ASSOCIATION_PORTAL_URL: 'https://associations.example.test',
    TEST_MAIL_SINK_URL: mail.url,
  });

  const started = Date.now();
  const appContext = compile
    ? await compileStrapi()
    : { appDir: process.cwd(), distDir: path.join(process.cwd(), 'dist') };
  const strapi = await createStrapi(appContext).load();
  await strapi.listen();
  const { port } = strapi.server.httpServer.address() as AddressInfo;

  // A trusted client (the role a staff integration would have): full-access API token.
  const tokens = strapi.service('admin::api-token') as unknown as ApiTokenService;
  const token = await tokens.create({
    name: 'tests full access',
    description: 'Created by the test harness',
    type: 'full-access',
    lifespan: null,
  });

  const probe = await startQueryProbe(strapi);

  // The first super admin, registered as a person would on a new install. Its token is shared by
  // the tests: logging in from every test would trip the admin's log-in rate limit.
  const registered = await fetch(`http://127.0.0.1:${port}/admin/register-admin`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      email: 'staff@example.org',
      password: 'Staff-Passw0rd!',
      firstname: 'Staff',
      lastname: 'Mission',
    }),
  });
  if (!registered.ok) throw new Error(`admin registration failed: HTTP ${registered.status}`);
  const adminJwt = ((await registered.json()) as { data: { token: string } }).data.token;

  process.env.TEST_BASE_URL = `http://127.0.0.1:${port}`;
  process.env.TEST_FULL_ACCESS_TOKEN = token.accessKey;
  process.env.TEST_PROBE_URL = probe.url;
  process.env.TEST_ADMIN_TOKEN = adminJwt;
  globalThis.__RUN__ = {
    strapi,
    seed: await takeSeedSnapshot(strapi),
    database,
    closeProbe: () => probe.close(),
    closeSink: () => sink.close(),
    closeMail: () => mail.close(),
  };
  console.log(
    `\n[tests] Strapi on ${client} ready in ${Date.now() - started} ms at ${process.env.TEST_BASE_URL}`,
  );
}

export default async function globalSetup(): Promise<void> {
  await bootTestServer({ defaultClient: 'sqlite', serveAdmin: false, compile: true });
}
