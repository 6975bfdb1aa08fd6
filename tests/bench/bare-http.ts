/**
 * The ceiling of an answer that is already made: Node's `http` alone, answering each URL with the
 * bytes and headers the CMS sent for it (read once from the server with its cache), and `304` with
 * the same headers, no body, when `If-None-Match` carries the answer's ETag. Nothing is read,
 * built, checked or logged: what is left is Node's own HTTP parsing and socket writes, which a
 * kept answer and a `304` cannot avoid. Started by `npm run bench` beside the servers it measures.
 *
 *   ANSWERS_FILE=answers.json PORT=… node -r esbuild-register tests/bench/bare-http.ts
 *
 * ANSWERS_FILE: `{ "<path and query>": { "headers": { … }, "body": "<base64>" } }`.
 */
import fs from 'node:fs';
import http from 'node:http';

interface Kept {
  headers: Record<string, string>;
  body: string;
}

const kept = JSON.parse(fs.readFileSync(String(process.env.ANSWERS_FILE), 'utf8')) as Record<string, Kept>;

/** What a `304` leaves out of the headers of its `200` (RFC 9110, 15.4.5). */
const BODY_HEADERS = new Set(['content-type', 'content-length', 'content-encoding']);

const answers = new Map(
  Object.entries(kept).map(([url, answer]) => {
    const body = Buffer.from(answer.body, 'base64');
    const headers = { ...answer.headers, 'content-length': String(body.byteLength) };
    const notModified = Object.fromEntries(
      Object.entries(answer.headers).filter(([name]) => !BODY_HEADERS.has(name)),
    );
    return [url, { body, headers, notModified, etag: answer.headers.etag }] as const;
  }),
);

const server = http.createServer((request, response) => {
  const answer = answers.get(request.url ?? '');
  if (!answer) {
    response.writeHead(404).end();
    return;
  }
  if (answer.etag !== undefined && request.headers['if-none-match'] === answer.etag) {
    response.writeHead(304, answer.notModified).end();
    return;
  }
  response.writeHead(200, answer.headers).end(answer.body);
});

server.listen(Number(process.env.PORT), '127.0.0.1', () => {
  process.stdout.write('ready\n');
});
process.on('SIGTERM', () => {
  server.close();
});
