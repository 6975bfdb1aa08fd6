import { contentVersion } from '../cache/content-version';
import type { DocumentLayer } from './layer';

/** Counts kept at once (each a few dozen bytes of key). */
const MAX_ENTRIES = 2000;

/**
 * A list's total (`count`) is kept for the content version it was counted at, by the exact
 * parameters Strapi received (type, filters as the published-only rule left them, locale, status):
 * every page of a list, and every list that differs only by its page, its fields or its population,
 * shares one count until the content changes. Never inside a transaction (it could count rows not
 * yet committed). The innermost layer, so it sees the final parameters.
 */
export const countCache: DocumentLayer = (strapi) => {
  const counts = new Map<string, number>();
  let at = -1;
  return async (context, next) => {
    if (context.action !== 'count' || strapi.db.inTransaction()) return next();
    const version = contentVersion(strapi).current();
    if (version <= 0) return next();
    if (version !== at) {
      counts.clear();
      at = version;
    }
    const key = `${context.uid} ${JSON.stringify(context.params)}`;
    const known = counts.get(key);
    if (known !== undefined) return known;
    const result = await next();
    if (typeof result === 'number' && version === at) {
      if (counts.size >= MAX_ENTRIES) counts.delete(counts.keys().next().value as string);
      counts.set(key, result);
    }
    return result;
  };
};
