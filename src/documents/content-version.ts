import { contentVersion } from '../cache/content-version';
import { contributionOf } from '../contributions';
import type { DocumentLayer } from './layer';

/** The Document Service actions that write. */
const WRITES = new Set(['create', 'update', 'delete', 'publish', 'unpublish', 'discardDraft', 'clone']);

/**
 * Every write of a public type (its contributions.ts says `public`) moves the content version
 * (src/cache/content-version.ts) once it has committed: the HTTP cache's ETags and kept responses
 * follow it. A draft saved moves it too (cheaper than proving that nothing public changed).
 */
export const contentVersionLayer: DocumentLayer = (strapi) => async (context, next) => {
  if (!WRITES.has(context.action) || !contributionOf(context.uid)?.public) return next();
  const result = await next();
  await contentVersion(strapi).bump();
  return result;
};
