import type { Core } from '@strapi/strapi';
import { UPLOADED_BY } from '../../submissions/account';
import { objectStorageFromEnv, objectStorageProvider } from '../../platform/object-storage';

/**
 * The Media Library, extended:
 * - every file records, privately, the association account that uploaded it through the content
 *   API (null for staff uploads), so that an association can attach only its own files;
 * - the content API's upload route carries `global::upload-guard` in its own configuration: it
 *   runs for that route whatever spelling of the path reached it (case, trailing slash);
 * - with S3_BUCKET, files go to S3-compatible object storage (src/platform/object-storage.ts)
 *   instead of the local disk.
 */
interface Route {
  handler: unknown;
  config?: { middlewares?: unknown[]; [key: string]: unknown };
}
interface Plugin {
  contentTypes: Record<string, { schema: { attributes: Record<string, unknown> } }>;
  /** The content-API router factory exposes its (shared, cached) routes for extensions. */
  routes: Record<string, unknown> & { 'content-api': { routes: Route[] } };
  register: (context: { strapi: Core.Strapi }) => Promise<void> | void;
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
  const storage = objectStorageFromEnv();
  if (storage) {
    const register = plugin.register;
    plugin.register = async (context) => {
      await register(context);
      // The provider Strapi built (its size check, signed URLs...) keeps everything but where files go.
      const upload = context.strapi.plugin('upload') as unknown as {
        provider: { extend(methods: object): void };
      };
      upload.provider.extend(objectStorageProvider(storage));
    };
  }
  return plugin;
};
