import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { stateOf } from '../http/request-state';

type Context = Parameters<Core.MiddlewareHandler>[0];

/** Names every object inherits: they never name an attribute, and looking them up misleads code. */
const PROTOTYPE_NAMES = new Set(Object.getOwnPropertyNames(Object.prototype).concat(['prototype']));
/** Most a JSON body may nest (a submission nests 4 levels: data → members → 0 → name). */
export const MAX_BODY_DEPTH = 32;

const refuse = (param: string, message: string, source: 'query' | 'body'): never => {
  throw new errors.ValidationError(`${param}: ${message}`, {
    errors: [{ path: param.split('.'), message, name: 'ValidationError' }],
    source,
    param,
  });
};

/**
 * Walks a parsed query or body without recursion (a body may nest thousands of levels) and refuses
 * what no route accepts: a NUL character (PostgreSQL cannot store one), a key named like a property
 * of every object (`constructor`, `__proto__`...), or, in a query's `fields`, `sort` and `populate`,
 * such a name as a value; and, for a body, nesting deeper than MAX_BODY_DEPTH.
 */
export const checkValue = (root: unknown, source: 'query' | 'body'): void => {
  const stack: Array<{ value: unknown; path: string[]; depth: number; naming: boolean }> = [
    { value: root, path: [], depth: 0, naming: false },
  ];
  while (stack.length > 0) {
    const { value, path, depth, naming } = stack.pop() as (typeof stack)[number];
    const where = path.length > 0 ? path.join('.') : source;
    if (typeof value === 'string') {
      if (value.includes('\u0000')) refuse(where, 'contains a NUL character', source);
      if (naming && value.split(/[,.:]/).some((part) => PROTOTYPE_NAMES.has(part.trim()))) {
        refuse(where, `names no attribute ("${value}")`, source);
      }
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    if (source === 'body' && depth > MAX_BODY_DEPTH)
      refuse(where, `nests more than ${MAX_BODY_DEPTH} levels`, source);
    for (const key of Object.keys(value)) {
      if (key.includes('\u0000')) refuse(where, 'has a key with a NUL character', source);
      if (PROTOTYPE_NAMES.has(key)) refuse([...path, key].join('.'), 'is not an accepted name', source);
      const names =
        naming || (source === 'query' && path.length === 0 && ['fields', 'sort', 'populate'].includes(key));
      stack.push({
        value: (value as Record<string, unknown>)[key],
        path: [...path, key],
        depth: depth + 1,
        naming: names,
      });
    }
  }
};

/** Whether an error already says what was wrong with the request (a 4xx of Strapi's or Koa's). */
const isClientError = (error: unknown): boolean => {
  if (error instanceof errors.ApplicationError) return true;
  const status =
    (error as { status?: unknown; statusCode?: unknown }).status ??
    (error as { statusCode?: unknown }).statusCode;
  return typeof status === 'number' && status >= 400 && status < 500;
};

/**
 * PostgreSQL's class 22, "data exception" (a value of the wrong type, out of range, a NUL...), and
 * the two type errors of class 42 that a filter on a field of another type causes (`$startsWith`
 * on a number: 42883, no such operator; 42804, datatype mismatch).
 */
const isDataException = (error: unknown): boolean => {
  for (let current: unknown = error, hops = 0; current && hops < 4; hops += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && (/^22[0-9A-Z]{3}$/.test(code) || code === '42883' || code === '42804')) {
      return true;
    }
    current = (current as { cause?: unknown }).cause;
  }
  return false;
};

/**
 * Bad input gets a 4xx, never a 500, by construction: placed before the body parser, it refuses
 * malformed queries first, and turns into 400s the two kinds of failure that can only come from
 * what the client sent: a body the parser could not read (malformed multipart, broken encoding),
 * and a value the database refused as data (PostgreSQL class 22). Everything else goes on to the
 * error middleware as it is.
 */
const badInput = (): Core.MiddlewareHandler => async (ctx: Context, next) => {
  checkValue(ctx.query, 'query');
  try {
    await next();
  } catch (error) {
    if (!stateOf(ctx).bodyRead) {
      // The body parser failed: the body is malformed (a 400), or too large (its own 413).
      const status = (error as { status?: unknown }).status;
      if (status === 413 || error instanceof errors.ApplicationError) throw error;
      refuse('body', 'could not be read (malformed or not of its declared type)', 'body');
    }
    if (isClientError(error)) throw error;
    if (isDataException(error)) {
      const column = (error as { column?: unknown }).column;
      const field = typeof column === 'string' ? column : ctx.method === 'GET' ? 'query' : 'data';
      refuse(
        field,
        'a value does not have the type or range its field takes',
        ctx.method === 'GET' ? 'query' : 'body',
      );
    }
    throw error;
  }
};

/** Right after the body parser: the body was read; it is checked like the query. */
export const bodyRead = (): Core.MiddlewareHandler => async (ctx: Context, next) => {
  stateOf(ctx).bodyRead = true;
  checkValue(ctx.request.body, 'body');
  await next();
};

export default badInput;
