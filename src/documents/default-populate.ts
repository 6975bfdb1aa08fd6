import { mergePopulate } from '../routes/populate';
import { currentRequestState } from '../http/request-state';
import type { DocumentLayer } from './layer';

/**
 * Adds a curated route's default population to the client's own at the root `findOne`, after the
 * core controller has validated and sanitised the client's query: the tree is built here from the
 * schemas (public relations only), so checking it again on every request was wasted work (the
 * largest part of an overview's time). The output is still sanitised as usual. The route sets it
 * in src/routes/by-key.ts.
 */
export const defaultPopulate: DocumentLayer = (strapi) => async (context, next) => {
  if (context.action !== 'findOne') return next();
  const state = currentRequestState(strapi);
  const defaults = state?.defaultPopulate;
  if (!state || !defaults || defaults.uid !== context.uid) return next();
  delete state.defaultPopulate;
  const params = context.params as { populate?: unknown };
  params.populate = mergePopulate(defaults.tree, params.populate, defaults.separate);
  return next();
};
