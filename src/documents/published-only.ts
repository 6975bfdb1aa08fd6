import type { Core } from '@strapi/strapi';

const READ_ACTIONS = new Set(['findMany', 'findOne', 'findFirst', 'count']);

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
  return state.auth?.strategy?.name === 'api-token';
};

/**
 * Forces `status: 'published'` on every read made while answering a content-API request that may
 * not read drafts, whatever the client sent (`status`, or populate of a draft relation).
 */
export const registerPublishedOnly = (strapi: Core.Strapi): void => {
  strapi.documents.use(async (context, next) => {
    if (!READ_ACTIONS.has(context.action)) return next();
    if (!strapi.getModel(context.uid)?.options?.draftAndPublish) return next();
    const state = strapi.requestContext.get()?.state as RequestState | undefined;
    if (!mayReadDrafts(state)) {
      (context.params as { status?: string }).status = 'published';
    }
    return next();
  });
};
