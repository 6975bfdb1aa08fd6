import { withoutReadTransaction } from '../platform/database';
import type { DocumentLayer } from './layer';

const READS = new Set(['findMany', 'findOne', 'findFirst', 'count']);

/**
 * A Document Service read outside any transaction runs without one of its own (see
 * `withoutReadTransaction` in src/platform/database.ts): two round trips to the database fewer for
 * each read. The innermost layer: its `next()` is Strapi's repository method itself.
 */
export const plainReads: DocumentLayer = (strapi) => async (context, next) => {
  if (!READS.has(context.action) || strapi.db.inTransaction()) return next();
  return withoutReadTransaction(next);
};
