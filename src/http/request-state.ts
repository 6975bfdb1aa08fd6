import type { Core } from '@strapi/strapi';
import type { PopulateTree } from '../routes/populate';

/** The Koa context of a request, as Strapi types its middlewares. */
export type Context = Parameters<Core.MiddlewareHandler>[0];
export type Next = Parameters<Core.MiddlewareHandler>[1];

/**
 * Everything this project and Strapi keep on `ctx.state` that our code reads or writes, in one
 * place: each flag is set by one module and read by others, and its comment says which.
 */
export interface RequestState {
  /** Set by Strapi's router: which router (content API or admin) matched the request. */
  route?: { info?: { type?: string } };
  /** Set by Strapi's authentication: the strategy that authenticated the request. */
  auth?: { strategy?: { name?: string } };
  /** Set by Users & Permissions for a logged-in account. */
  user?: { id: number };
  /**
   * Set by `accountAssociation` (src/submissions/account.ts) once a query is limited to what the
   * account's association owns; read by the published-only rule (src/documents/published-only.ts).
   */
  allowDrafts?: boolean;
  /**
   * Set by a curated route (src/routes/by-key.ts): the population it adds to the client's own for
   * the root `findOne` of `uid`; read and removed by src/documents/default-populate.ts.
   */
  defaultPopulate?: { uid: string; tree: PopulateTree; separate?: readonly string[] };
  /** Set by the body-read middleware (src/middlewares/bad-input.ts) once the body parser is done. */
  bodyRead?: boolean;
}

/** The route's path parameters (Koa's router leaves them untyped). */
export const paramsOf = (ctx: Context): Record<string, string | undefined> =>
  ctx.params as Record<string, string | undefined>;

/** The request's state, typed. */
export const stateOf = (ctx: Context): RequestState => ctx.state;

/** The state of the HTTP request under way, if the code runs inside one (Document Service calls). */
export const currentRequestState = (strapi: Core.Strapi): RequestState | undefined =>
  strapi.requestContext.get()?.state;
