/**
 * The practical limit the benchmark compares with: Node's `http` and `pg`, one SQL query per
 * request, answering the first page (25) of published French partnerships as JSON — no framework,
 * no permission, no sanitising. Started by `npm run bench` on the same database as the server.
 *
 *   DATABASE_URL=… PORT=… node -r esbuild-register tests/bench/raw-baseline.ts
 */
import http from 'node:http';
import { Pool } from 'pg';

const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 10 });

const SQL = `SELECT COALESCE(json_agg(p), '[]') AS data FROM (
  SELECT id, document_id AS "documentId", title, slug, summary, description, partner_name AS "partnerName",
         partner_level AS "partnerLevel", partnership_kind AS "partnershipKind",
         partnership_state AS "partnershipState", start_date AS "startDate", end_date AS "endDate",
         created_at AS "createdAt", updated_at AS "updatedAt", published_at AS "publishedAt", locale
    FROM partnerships WHERE published_at IS NOT NULL AND locale = 'fr' ORDER BY id LIMIT 25) p`;

const server = http.createServer((request, response) => {
  pool.query<{ data: unknown }>(SQL).then(
    (result) => {
      response.setHeader('Content-Type', 'application/json');
      response.end(JSON.stringify({ data: result.rows[0].data }));
    },
    (error: unknown) => {
      response.statusCode = 500;
      response.end(String(error));
    },
  );
});

server.listen(Number(process.env.PORT), '127.0.0.1', () => {
  process.stdout.write('ready\n');
});
process.on('SIGTERM', () => {
  server.close();
  void pool.end();
});
