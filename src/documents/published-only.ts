import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { currentRequestState, type RequestState } from '../http/request-state';
import type { DocumentLayer } from './layer';
import { attributeOf, isObject, modelBehind, sortPaths, type Model } from './model';

const READ_ACTIONS = new Set(['findMany', 'findOne', 'findFirst', 'count']);

/** Strapi's name for API-token authentication (`content-api-token` in Strapi 5.54). */
const API_TOKEN_STRATEGIES = new Set(['content-api-token', 'api-token']);

/** Logical operators of a filters tree: their operands are filters of the same model. */
const LOGICAL = new Set(['$and', '$or', '$not']);

/** Only published rows of a Draft & Publish type (a draft row has no publication date). */
const PUBLISHED_ROW = { publishedAt: { $notNull: true } };

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
 * Rewrites a filters tree so that every relation it crosses into a Draft & Publish type matches
 * published rows only, at any depth (through other relations, components and logical operators).
 * Forcing `status: 'published'` covers the root rows only: a filter such as
 * `countries?filters[actions][title][$startsWith]=…` would otherwise match draft actions and tell,
 * one prefix at a time, what they say.
 */
export const publishedFilters = (strapi: Core.Strapi, model: Model, filters: unknown): unknown => {
  if (Array.isArray(filters)) return filters.map((item) => publishedFilters(strapi, model, item));
  if (!isObject(filters)) return filters;
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(filters)) {
    const attribute = attributeOf(model, key);
    const behind = modelBehind(strapi, attribute);
    if (LOGICAL.has(key)) {
      result[key] = publishedFilters(strapi, model, value);
    } else if (behind && attribute?.type === 'component') {
      result[key] = publishedFilters(strapi, behind, value);
    } else if (behind) {
      const nested = publishedFilters(strapi, behind, isObject(value) ? value : { id: value });
      result[key] = behind.options?.draftAndPublish ? { $and: [nested, PUBLISHED_ROW] } : nested;
    } else {
      result[key] = value;
    }
  }
  return result;
};

/**
 * Refuses a sort that crosses a relation into a Draft & Publish type (`sort=actions.title`): the
 * order of the results would depend on draft rows. A 400 naming `sort`.
 */
export const checkSort = (strapi: Core.Strapi, model: Model, sort: unknown): void => {
  for (const path of sortPaths(sort)) {
    let current: Model | undefined = model;
    for (const name of path.split('.').slice(0, -1)) {
      const attribute = current ? attributeOf(current, name) : undefined;
      const next = modelBehind(strapi, attribute);
      if (next?.options?.draftAndPublish && attribute?.type === 'relation') {
        throw new errors.ValidationError(`sort: ${path} crosses a relation and cannot be used to sort`, {
          errors: [{ path: ['sort'], message: `${path} cannot be used to sort`, name: 'ValidationError' }],
          source: 'query',
          param: 'sort',
        });
      }
      current = next;
    }
  }
};

/** Applies the same rules inside a populate tree (its `filters` and `sort`, at every level). */
export const publishedPopulate = (strapi: Core.Strapi, model: Model, populate: unknown): unknown => {
  if (!isObject(populate)) return populate;
  const result: Record<string, unknown> = {};
  for (const [key, branch] of Object.entries(populate)) {
    const target = modelBehind(strapi, attributeOf(model, key));
    if (!target || !isObject(branch)) {
      result[key] = branch;
      continue;
    }
    const next: Record<string, unknown> = { ...branch };
    if ('filters' in branch) next.filters = publishedFilters(strapi, target, branch.filters);
    if ('sort' in branch) checkSort(strapi, target, branch.sort);
    if ('populate' in branch) next.populate = publishedPopulate(strapi, target, branch.populate);
    result[key] = next;
  }
  return result;
};

/**
 * Forces published content on every read made while answering a content-API request that may not
 * read drafts, whatever the client sent: `status: 'published'` on the root (also for types without
 * Draft & Publish: their populated relations to a Draft & Publish type, a country's partnerships,
 * would otherwise include drafts), published rows only wherever a filter crosses a relation, and no
 * sorting by a relation's drafts.
 */
export const publishedOnly: DocumentLayer = (strapi) => async (context, next) => {
  if (!READ_ACTIONS.has(context.action)) return next();
  const state = currentRequestState(strapi);
  if (!mayReadDrafts(state)) {
    const params = context.params as {
      status?: string;
      filters?: unknown;
      populate?: unknown;
      sort?: unknown;
    };
    const model = strapi.getModel(context.uid) as Model;
    params.status = 'published';
    if (params.filters !== undefined) params.filters = publishedFilters(strapi, model, params.filters);
    if (params.populate !== undefined) params.populate = publishedPopulate(strapi, model, params.populate);
    if (params.sort !== undefined) checkSort(strapi, model, params.sort);
  }
  return next();
};
