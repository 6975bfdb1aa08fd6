import type { Core } from '@strapi/strapi';
import { keptAnswers } from './http-cache';

/**
 * Anonymous GETs answered from the public answers kept for the current content version, at the
 * front of the stack (see `keptAnswers` in ./http-cache.ts); anything else goes on.
 */
const middleware = (_config: unknown, { strapi }: { strapi: Core.Strapi }): Core.MiddlewareHandler =>
  keptAnswers(strapi);

export default middleware;
