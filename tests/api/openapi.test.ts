import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { mapSchema, searchSchema, statsSchema, timelineSchema } from '../../src/api/website/schemas';
import { anonymous } from '../helpers/client';
import { runNode } from '../helpers/run-node';

/**
 * Validates a document with @seriousme/openapi-schema-validator (OpenAPI 3.0 and 3.1). The package
 * is an ES module, which Jest's CommonJS runtime cannot load: it runs in a child Node process.
 */
const validateOpenApi = async (document: unknown): Promise<{ valid: boolean; errors?: unknown }> => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'openapi-')), 'openapi.json');
  fs.writeFileSync(file, JSON.stringify(document));
  const run = await runNode([
    '-e',
    `import('@seriousme/openapi-schema-validator').then(async ({ Validator }) => {
      const result = await new Validator().validate(${JSON.stringify(file)});
      console.log(JSON.stringify({ valid: result.valid, errors: result.errors }));
    });`,
  ]);
  fs.rmSync(path.dirname(file), { recursive: true, force: true });
  if (run.code !== 0) throw new Error(run.stderr);
  return JSON.parse(run.stdout) as { valid: boolean; errors?: unknown };
};

interface Operation {
  responses: Record<string, { content?: Record<string, { schema?: unknown }> }>;
  parameters?: Array<{ name: string; in: string }>;
}
interface OpenApiDocument {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
}

/** The paths the city web team codes against (issue "City website API"). */
const CUSTOM_PATHS = [
  '/partnerships/slug/{slug}',
  '/associations/slug/{slug}',
  '/delegations/slug/{slug}',
  '/actions/slug/{slug}',
  '/school-exchanges/slug/{slug}',
  '/countries/slug/{slug}',
  '/themes/slug/{slug}',
  '/schools/slug/{slug}',
  '/countries/{isoCode}/overview',
  '/timeline',
  '/map',
  '/stats',
  '/search',
  '/exports',
];

/** The export files and the media type each is described with (not JSON). */
const FILE_PATHS: Array<[path: string, mediaType: string]> = [
  ['/exports/subventions.csv', 'text/csv'],
  ['/exports/e-apd/{year}.csv', 'text/csv'],
  ['/exports/iati-activities.xml', 'application/xml'],
];

describe('GET /api/openapi.json', () => {
  let document: OpenApiDocument;

  beforeAll(async () => {
    const response = await anonymous().get('/api/openapi.json');
    expect(response.status).toBe(200);
    document = response.body as OpenApiDocument;
  });

  it('is a valid OpenAPI 3.1 document (and the validator does refuse a broken one)', async () => {
    const broken = { ...document, paths: { ...document.paths, '/broken': { get: { responses: 'none' } } } };
    expect((await validateOpenApi(broken)).valid).toBe(false);
    expect(document.openapi).toMatch(/^3\.1\./);
    const result = await validateOpenApi(document);
    expect(result.errors).toBeUndefined();
    expect(result.valid).toBe(true);
  });

  it.each(CUSTOM_PATHS)('documents GET %s with a response schema', (path) => {
    const operation = document.paths[path]?.get;
    expect(operation).toBeDefined();
    expect(operation.responses['200']?.content?.['application/json']?.schema).toBeDefined();
  });

  it.each(FILE_PATHS)('documents GET %s as a %s file', (path, mediaType) => {
    const content = document.paths[path]?.get?.responses['200']?.content ?? {};
    expect(Object.keys(content)).toEqual([mediaType]);
  });

  it.each(['/partnerships', '/partnerships/{id}', '/countries', '/mission', '/fundings', '/fundings/{id}'])(
    'documents the standard route %s',
    (path) => {
      expect(document.paths[path]?.get?.responses['200']).toBeDefined();
    },
  );

  it('documents the query parameters of the website endpoints', () => {
    const names = (path: string) => (document.paths[path].get.parameters ?? []).map((p) => p.name).sort();
    expect(names('/timeline')).toEqual([
      'country',
      'from',
      'locale',
      'order',
      'page',
      'pageSize',
      'theme',
      'to',
      'type',
    ]);
    expect(names('/search')).toEqual(['locale', 'page', 'pageSize', 'q', 'type']);
  });
});

describe('the website endpoints answer what the document says', () => {
  it.each([
    ['/api/timeline', timelineSchema],
    ['/api/map', mapSchema],
    ['/api/stats', statsSchema],
    ['/api/search?q=gabon', searchSchema],
  ] as const)('%s matches its schema', async (path, schema) => {
    const response = await anonymous().get(path);
    expect(response.status).toBe(200);
    const parsed = schema.safeParse(response.body);
    expect(parsed.error?.issues ?? []).toEqual([]);
  });
});
