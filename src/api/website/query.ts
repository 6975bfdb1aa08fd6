import { errors } from '@strapi/utils';

/** The query string of a request, as Koa parses it. */
export type RawQuery = Record<string, unknown>;

export interface Page {
  page: number;
  pageSize: number;
}

const fail = (param: string, message: string): never => {
  throw new errors.ValidationError(`${param}: ${message}`, {
    errors: [{ path: [param], message, name: 'ValidationError' }],
    source: 'query',
    param,
  });
};

/** Refuses any parameter the endpoint does not know, naming them. */
export const refuseUnknown = (query: RawQuery, known: readonly string[]): void => {
  const unknown = Object.keys(query).filter((key) => !known.includes(key));
  if (unknown.length > 0) fail(unknown[0], `unknown query parameter (known: ${known.join(', ')})`);
};

/** A single string parameter, or undefined; an array or object is a 400. */
export const stringParam = (query: RawQuery, name: string, maxLength = 200): string | undefined => {
  const value = query[name];
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string') return fail(name, 'must be given once, as text');
  if (value.length > maxLength) return fail(name, `must be at most ${maxLength} characters`);
  return value;
};

export const intParam = (query: RawQuery, name: string, min: number, max: number): number | undefined => {
  const value = stringParam(query, name, 12);
  if (value === undefined) return undefined;
  if (!/^-?\d+$/.test(value)) return fail(name, 'must be a whole number');
  const number = Number(value);
  if (number < min || number > max) return fail(name, `must be between ${min} and ${max}`);
  return number;
};

export const enumParam = <T extends string>(
  query: RawQuery,
  name: string,
  values: readonly T[],
): T | undefined => {
  const value = stringParam(query, name, 50);
  if (value === undefined) return undefined;
  if (!(values as readonly string[]).includes(value))
    return fail(name, `must be one of ${values.join(', ')}`);
  return value as T;
};

/** `page` (from 1) and `pageSize` (1 to 100, default 25). */
export const pageParams = (query: RawQuery): Page => ({
  page: intParam(query, 'page', 1, 100000) ?? 1,
  pageSize: intParam(query, 'pageSize', 1, 100) ?? 25,
});

export const validationError = fail;
