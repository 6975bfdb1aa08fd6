import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { eventually } from './eventually';

export interface ReceivedHook {
  headers: Record<string, string | string[] | undefined>;
  body: string;
  /** The status the sink answered. */
  answered: number;
}

/**
 * A real HTTP receiver on loopback standing for the city website. Webhooks go to `POST /hook`;
 * tests steer and read it over HTTP:
 * - `GET /_received` → every delivery so far;
 * - `POST /_fail/<n>` → the next n deliveries get a 500;
 * - `POST /_hold` → deliveries wait unanswered until `POST /_release`; `GET /_held` counts them.
 * `port`: a given port (to stand for a website that comes back), else a free one.
 */
export const startWebhookSink = async (port = 0): Promise<{ url: string; close(): Promise<void> }> => {
  const received: ReceivedHook[] = [];
  let failures = 0;
  let holding = false;
  const held: Array<() => void> = [];

  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const url = request.url ?? '/';
      const json = (value: unknown) => {
        response.setHeader('Content-Type', 'application/json');
        response.end(JSON.stringify(value));
      };
      if (request.method === 'GET' && url === '/_received') {
        json(received);
        return;
      }
      if (request.method === 'GET' && url === '/_held') {
        json({ held: held.length });
        return;
      }
      if (request.method === 'POST' && url.startsWith('/_fail/')) {
        failures = Number(url.slice('/_fail/'.length));
        json({ failures });
        return;
      }
      if (request.method === 'POST' && url === '/_hold') {
        holding = true;
        json({ holding });
        return;
      }
      if (request.method === 'POST' && url === '/_release') {
        holding = false;
        held.splice(0).forEach((release) => {
          release();
        });
        json({ holding });
        return;
      }
      if (request.method === 'POST' && url === '/hook') {
        const answer = () => {
          const status = failures > 0 ? 500 : 204;
          if (failures > 0) failures -= 1;
          received.push({
            headers: request.headers,
            body: Buffer.concat(chunks).toString('utf8'),
            answered: status,
          });
          response.statusCode = status;
          response.end();
        };
        if (holding) held.push(answer);
        else answer();
        return undefined;
      }
      response.statusCode = 404;
      response.end();
      return undefined;
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const address = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${address.port}`,
    close: () =>
      new Promise((resolve) => {
        held.splice(0).forEach((release) => {
          release();
        });
        server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      }),
  };
};

/** What the city website is told (the body of a webhook). */
export interface WebhookPayload {
  event: string;
  type: string;
  documentId: string;
  slug: string | null;
  locale: string | null;
}

export type ReceivedWebhook = ReceivedHook & { payload: WebhookPayload };

/** Every delivery the test server's sink received so far. */
export const received = async (): Promise<ReceivedWebhook[]> => {
  const response = await fetch(`${process.env.TEST_WEBHOOK_SINK_URL as string}/_received`);
  return ((await response.json()) as ReceivedHook[]).map((hook) => ({
    ...hook,
    payload: JSON.parse(hook.body) as WebhookPayload,
  }));
};

/** Waits until the sink has received what `match` looks for (deliveries are asynchronous). */
export const waitFor = async (match: (hooks: ReceivedWebhook[]) => boolean, ms = 10_000) => {
  let hooks: ReceivedWebhook[] = [];
  return eventually(
    async () => {
      hooks = await received();
      return match(hooks) ? hooks : undefined;
    },
    ms,
    () => `the webhooks awaited (received: ${JSON.stringify(hooks.map((h) => h.payload))})`,
    50,
  );
};

export const forSlug = (hooks: ReceivedWebhook[], slug: string) =>
  hooks.filter((hook) => hook.payload.slug === slug);
