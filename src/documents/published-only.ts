import type { Core } from '@strapi/strapi';

const READ_ACTIONS = new Set(['findMany', 'findOne', 'findFirst', 'count']);

/** Strapi's name for API-token authentication (`content-api-token` in Strapi 5.54). */
const API_TOKEN_STRATEGIES = new Set(['content-api-token', 'api-token']);

interface RequestState {
  route?: { info?: { type?: string } };
  auth?: { strategy?: { name?: string } };
  /** Set by a trusted controller that has already limited a query to what the caller owns. */
  allowDrafts?: boolean;
}

/**
 * Whether the current HTTP request may read drafts. Strapi's content API accepts `status=draft`
 * from anyone who may `find` a type, so without this guard the public could list every draft.
 * Drafts are readable only with an API token (the website's preview token, or full access),
 * or where a controller explicitly opted in; outside an HTTP request (admin panel, seed,
 * Document Service calls from code) nothing is changed.
 */
export const mayReadDrafts = (state: RequestState | undefined): boolean => {
  if (!state || state.route?.info?.type !== 'content-api') return true;
  if (state.allowDrafts === true) return true;
  return API_TOKEN_STRATEGIES.has(state.auth?.strategy?.name ?? '');
};

/**
 * Forces `status: 'published'` on every read made while answering a content-API request that may
 * not read drafts, whatever the client sent. This applies to types without Draft & Publish too:
 * their populated relations to a Draft & Publish type (a country's partnerships) would otherwise
 * include drafts.
 */
export const registerPublishedOnly = (strapi: Core.Strapi): void => {
  strapi.documents.use(async (context, next) => {
    if (!READ_ACTIONS.has(context.action)) return next();
    const state = strapi.requestContext.get()?.state as RequestState | undefined;
    if (!mayReadDrafts(state)) {
      (context.params as { status?: string }).status = 'published';
    }
    return next();
  });
};
