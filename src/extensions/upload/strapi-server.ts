import { UPLOADED_BY } from '../../submissions/account';

/**
 * The Media Library, extended:
 * - every file records, privately, the association account that uploaded it through the content
 *   API (null for staff uploads), so that an association can attach only its own files;
 * - the content API's upload route carries `global::upload-guard` in its own configuration: it
 *   runs for that route whatever spelling of the path reached it (case, trailing slash).
 */
interface Route {
  handler: unknown;
  config?: { middlewares?: unknown[]; [key: string]: unknown };
}
interface Plugin {
  contentTypes: Record<string, { schema: { attributes: Record<string, unknown> } }>;
  /** The content-API router factory exposes its (shared, cached) routes for extensions. */
  routes: Record<string, unknown> & { 'content-api': { routes: Route[] } };
}

export default (plugin: Plugin): Plugin => {
  plugin.contentTypes.file.schema.attributes[UPLOADED_BY] = {
    type: 'integer',
    private: true,
    configurable: false,
  };

  for (const route of plugin.routes['content-api'].routes) {
    if (route.handler === 'content-api.upload') {
      route.config = {
        ...route.config,
        middlewares: [...(route.config?.middlewares ?? []), 'global::upload-guard'],
      };
    }
  }
  return plugin;
};
