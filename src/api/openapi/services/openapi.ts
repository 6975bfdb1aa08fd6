import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Core } from '@strapi/strapi';
import { generate } from '@strapi/openapi';
import { EXPORT_MEDIA_TYPES } from '../../export/routes/export';

/** The OpenAPI 3.1 description of the content API, as served: JSON text and its ETag. */
export interface OpenApiDocument {
  json: string;
  etag: string;
}

let prepared: OpenApiDocument | undefined;

interface Operation {
  summary?: string;
  parameters?: unknown[];
  responses?: Record<string, unknown>;
}

/**
 * The export routes answer files, not JSON: their 200 is described with the file's media type
 * (src/api/export/routes/export.ts) instead of the generator's `application/json`.
 */
const withFileResponses = <T extends object>(document: T): T => {
  const generated = (document as { paths?: Record<string, { get?: Operation }> }).paths ?? {};
  // The generator reads `:year.csv` as one parameter named "year.csv": the path is `{year}.csv`.
  const paths = Object.fromEntries(
    Object.entries(generated).map(([route, item]) => [route.replace(/\{(\w+)\.(\w+)\}/g, '{$1}.$2'), item]),
  );
  (document as { paths?: unknown }).paths = paths;
  for (const [route, mediaType] of Object.entries(EXPORT_MEDIA_TYPES)) {
    const operation = paths[route]?.get;
    if (!operation) continue;
    operation.responses = {
      ...operation.responses,
      200: {
        description: `The file (${mediaType}), streamed`,
        content: { [mediaType]: { schema: { type: 'string' } } },
      },
    };
  }
  return document;
};

/** Every file below `dir` (recursively), sorted, for hashing. */
const filesBelow = (dir: string): string[] =>
  fs.existsSync(dir)
    ? fs
        .readdirSync(dir, { withFileTypes: true })
        .flatMap((entry) =>
          entry.isDirectory() ? filesBelow(path.join(dir, entry.name)) : [path.join(dir, entry.name)],
        )
        .sort()
    : [];

/**
 * What the document depends on: Strapi's version (the plugins' own types and routes), our content
 * types and components, the content API's routes, and the compiled route, schema and extension
 * files (request and response schemas, extended plugin types). A change to any of them gives
 * another key, so another document. (Plugin types are not hashed themselves: some of their
 * attributes are generated afresh at each start.)
 */
const versionKey = (strapi: Core.Strapi): string => {
  const hash = crypto.createHash('sha256');
  hash.update(strapi.config.get('info.strapi', ''));
  const models = [...Object.entries(strapi.contentTypes), ...Object.entries(strapi.components)]
    .filter(([uid]) => !uid.includes('::') || uid.startsWith('api::'))
    .sort(([a], [b]) => a.localeCompare(b)); // components load in no fixed order
  for (const [uid, model] of models) {
    hash.update(uid).update(JSON.stringify((model as { attributes: unknown }).attributes));
  }
  const routes = strapi.server.api('content-api').listRoutes() as Array<{
    methods: string[];
    path: string;
  }>;
  for (const route of routes) hash.update(`${route.methods.join(',')} ${route.path}`);
  const compiled = [
    ...filesBelow(path.join(strapi.dirs.dist.src, 'api')).filter((f) =>
      /[/\\](routes|schemas)[/\\.]/.test(f),
    ),
    ...filesBelow(path.join(strapi.dirs.dist.src, 'extensions')),
  ].filter((file) => file.endsWith('.js'));
  for (const file of compiled) hash.update(file).update(fs.readFileSync(file));
  return hash.digest('hex').slice(0, 24);
};

/**
 * Builds the document once and keeps it: in memory for this process, and on disk
 * (`.strapi/openapi/content-api-<key>.json`) for the next start with the same key. Strapi's
 * generator takes seconds of synchronous work, so it runs here at start-up, before the server
 * listens, never while a request waits.
 */
export const prepareOpenApi = (strapi: Core.Strapi): OpenApiDocument => {
  const key = versionKey(strapi);
  const file = path.join(strapi.dirs.app.root, '.strapi', 'openapi', `content-api-${key}.json`);
  let json: string;
  if (fs.existsSync(file)) {
    json = fs.readFileSync(file, 'utf8');
  } else {
    const started = Date.now();
    json = JSON.stringify(withFileResponses(generate(strapi, { type: 'content-api' }).document));
    try {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(`${file}.${process.pid}`, json);
      fs.renameSync(`${file}.${process.pid}`, file);
    } catch (error) {
      // A read-only install still serves the document; it is only built again at the next start.
      strapi.log.warn(`[openapi] not kept on disk (${(error as Error).message})`);
    }
    strapi.log.info(`[openapi] document built in ${Date.now() - started} ms`);
  }
  prepared = { json, etag: `"${key}"` };
  return prepared;
};

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /** The prepared document (built at start-up; built now if it was not). */
  document: (): OpenApiDocument => prepared ?? prepareOpenApi(strapi),
});
