/**
 * Class 3: no anonymous request may stall the server. The test server runs in this very process,
 * so this process's event-loop delay is the server's: it is measured while the most expensive
 * public endpoints are called in parallel.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { anonymous } from '../helpers/client';

/** The public requests that do the most work on the seed data. */
const EXPENSIVE = [
  '/api/openapi.json',
  '/api/search?q=coop%C3%A9ration%20%C3%A9ducation',
  '/api/timeline',
  '/api/stats',
  '/api/map',
  '/api/countries/GA/overview',
  '/api/partnerships?populate=*',
  '/api/actions?populate=*&pagination[pageSize]=100',
  '/api/countries?populate=*&pagination[pageSize]=100',
];

/**
 * The longest the event loop may be held while those requests run. Before, one /api/openapi.json
 * held it about 6 s. Today the longest single hold is a country overview: about 50 ms on SQLite and
 * 15 to 36 ms on PostgreSQL on a quiet 2-core machine (up to 90 ms on SQLite when the machine is
 * busy), mostly Strapi's own query validation and output traversal; the others stay under 35 ms. The
 * bound leaves room for a busy CI machine and still fails on any request that does seconds of
 * synchronous work.
 */
const MAX_BLOCK_MS = 250;

describe('no public request blocks the event loop', () => {
  it(`the expensive public endpoints, four at a time, never hold it more than ${MAX_BLOCK_MS} ms`, async () => {
    // Warm up (first compilation of code paths, caches), then measure.
    for (const path of EXPENSIVE) expect((await anonymous().get(path)).status).toBe(200);
    const histogram = monitorEventLoopDelay({ resolution: 5 });
    histogram.enable();
    const queue = [...EXPENSIVE, ...EXPENSIVE, ...EXPENSIVE];
    const worker = async () => {
      for (let path = queue.shift(); path !== undefined; path = queue.shift()) {
        const response = await anonymous().get(path);
        expect({ path, status: response.status }).toEqual({ path, status: 200 });
      }
    };
    await Promise.all([worker(), worker(), worker(), worker()]);
    histogram.disable();
    const maxMs = histogram.max / 1e6;
    console.log(
      `[event loop] p50 ${(histogram.percentile(50) / 1e6).toFixed(1)} ms, p99 ${(histogram.percentile(99) / 1e6).toFixed(1)} ms, max ${maxMs.toFixed(1)} ms`,
    );
    expect(maxMs).toBeLessThan(MAX_BLOCK_MS);
  });

  it('the OpenAPI document is served prepared, with its type, the same each time', async () => {
    const first = await anonymous().get('/api/openapi.json');
    const second = await anonymous().get('/api/openapi.json');
    expect(first.status).toBe(200);
    expect(first.headers['content-type']).toMatch(/^application\/json/);
    expect(first.text).toBe(second.text);
    expect((first.body as { openapi: string }).openapi).toMatch(/^3\.1/);
  });
});
