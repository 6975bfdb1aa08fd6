import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { attributeOf, isObject, modelBehind, sortPaths, type Model } from './model';
import { currentRequestState } from '../http/request-state';
import type { DocumentLayer } from './layer';

const READ_ACTIONS = new Set(['findMany', 'findOne', 'findFirst', 'count']);
const LOGICAL = new Set(['$and', '$or', '$not']);

const refuse = (param: string, message: string): never => {
  throw new errors.ValidationError(`${param}: ${message}`, {
    errors: [{ path: param.split('.'), message, name: 'ValidationError' }],
    source: 'query',
    param: param.split('.')[0],
  });
};

const isScalar = (value: unknown): boolean => value === null || typeof value !== 'object';

/** The operand of a comparison on a field: a value, a list of values, or `$not` of comparisons. */
const checkComparison = (value: unknown, path: string): void => {
  if (isScalar(value)) return;
  if (Array.isArray(value)) {
    if (!value.every(isScalar)) refuse(path, 'takes plain values');
    return;
  }
  for (const [operator, operand] of Object.entries(value as Record<string, unknown>)) {
    const here = `${path}.${operator}`;
    if (!operator.startsWith('$')) refuse(here, `${path.split('.').pop() ?? ''} has no field ${operator}`);
    if (operator === '$not') checkComparison(operand, here);
    else if (!isScalar(operand) && !(Array.isArray(operand) && operand.every(isScalar))) {
      refuse(here, 'takes a value or a list of values');
    }
  }
};

/**
 * Checks a filters tree against the model it applies to, so that a tree Strapi's query engine
 * cannot run is a 400 naming the place rather than a 500: a comparison operator directly on a
 * relation (`filters[actions][$eq]`), a field of a field (`filters[slug][title]`), a condition that
 * is not an object. Unknown attribute names are left to Strapi's own validation.
 */
export const checkFilters = (strapi: Core.Strapi, model: Model, filters: unknown, path = 'filters'): void => {
  if (Array.isArray(filters)) {
    filters.forEach((item, index) => {
      checkFilters(strapi, model, item, `${path}.${index}`);
    });
    return;
  }
  if (!isObject(filters)) refuse(path, 'must be a condition (field names and operators)');
  for (const [key, value] of Object.entries(filters as Record<string, unknown>)) {
    const here = `${path}.${key}`;
    if (LOGICAL.has(key)) {
      checkFilters(strapi, model, value, here);
      continue;
    }
    if (key.startsWith('$')) refuse(here, `${key} must follow a field`);
    const attribute = key === 'id' ? { type: 'integer' } : attributeOf(model, key);
    if (!attribute) continue;
    const behind = modelBehind(strapi, attribute);
    if (behind) {
      if (isObject(value)) checkFilters(strapi, behind, value, here);
      else if (!isScalar(value)) refuse(here, 'must be a condition on the related entries');
    } else {
      checkComparison(value, here);
    }
  }
};

/** Each sort path names fields that exist, through relations or components, ending on a field. */
export const checkSort = (strapi: Core.Strapi, model: Model, sort: unknown): void => {
  for (const path of sortPaths(sort)) {
    let current: Model | undefined = model;
    const names = path.split('.');
    names.forEach((name, index) => {
      const attribute = current && name !== 'id' ? attributeOf(current, name) : undefined;
      const last = index === names.length - 1;
      if (name === 'id' && last) return;
      if (!attribute) refuse('sort', `${path} names no field`);
      current = modelBehind(strapi, attribute);
      if (last && current) refuse('sort', `${path} ends on a relation, not a field`);
      if (!last && !current) refuse('sort', `${path} goes through a field that is not a relation`);
    });
  }
};

/**
 * Every content-API read is checked for a query shape Strapi's query engine can run (see
 * checkFilters, checkSort): what a client gets wrong is a 400 naming the parameter.
 */
export const queryShape: DocumentLayer = (strapi) => async (context, next) => {
  if (!READ_ACTIONS.has(context.action)) return next();
  const state = currentRequestState(strapi);
  if (state?.route?.info?.type !== 'content-api') return next();
  const params = context.params as { filters?: unknown; sort?: unknown };
  const model = strapi.getModel(context.uid) as Model;
  if (params.filters !== undefined) checkFilters(strapi, model, params.filters);
  if (params.sort !== undefined) checkSort(strapi, model, params.sort);
  return next();
};
