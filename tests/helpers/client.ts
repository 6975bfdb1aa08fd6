import request from 'supertest';
import type { Response } from 'supertest';

/** The running Strapi, booted once for the run by the global setup. */
export const baseUrl = (): string => {
  const url = process.env.TEST_BASE_URL;
  if (!url) throw new Error('TEST_BASE_URL is not set: run the tests through jest (global setup).');
  return url;
};

/** An HTTP client with no credentials: what anyone on the Internet can do. */
export const anonymous = () => request(baseUrl());

export const fullAccessToken = (): string => {
  const token = process.env.TEST_FULL_ACCESS_TOKEN;
  if (!token) throw new Error('TEST_FULL_ACCESS_TOKEN is not set.');
  return token;
};

/** A client whose every request carries one bearer token. */
export interface Api {
  get(path: string): request.Test;
  post(path: string, body?: string | object): request.Test;
  put(path: string, body?: string | object): request.Test;
  delete(path: string): request.Test;
}

const valueOf = (value: string | (() => string)): string => (typeof value === 'string' ? value : value());

/**
 * The one authenticated client of the tests: requests to `url` (the shared test server by default)
 * with a bearer token — an API token, an administrator's or an association account's JWT.
 */
export const authenticated = (
  token: string | (() => string),
  url: string | (() => string) = baseUrl,
): Api => {
  const bearer = (test: request.Test) => test.set('Authorization', `Bearer ${valueOf(token)}`);
  const server = () => request(valueOf(url));
  return {
    get: (path) => bearer(server().get(path)),
    post: (path, body = {}) => bearer(server().post(path)).send(body),
    put: (path, body = {}) => bearer(server().put(path)).send(body),
    delete: (path) => bearer(server().delete(path)),
  };
};

/** A trusted integration holding a full-access API token. */
export const trusted = authenticated(fullAccessToken);

export interface Entry {
  id: number;
  documentId: string;
  [field: string]: unknown;
}

/** The `data` of a JSON:API-like Strapi answer, typed loosely for assertions. */
// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- the caller names the body's shape
export const dataOf = <T = Entry>(response: Response): T => (response.body as { data: T }).data;

export interface StrapiError {
  status: number;
  name: string;
  message: string;
  details: {
    errors?: Array<{ path: string[]; message: string }>;
    path?: string;
    key?: string;
    source?: string;
    param?: string;
  };
}

export const errorOf = (response: Response): StrapiError => (response.body as { error: StrapiError }).error;

/** Every path named by a ValidationError, joined with dots ("endDate", "members.0"). */
export const errorPaths = (response: Response): string[] =>
  (errorOf(response).details.errors ?? []).map((error) => error.path.join('.'));

/** Counts every entry of a type, drafts included, through the trusted client. */
export const countAll = async (plural: string, status: 'draft' | 'published' = 'draft'): Promise<number> => {
  const response = await trusted.get(`/api/${plural}?status=${status}&pagination[pageSize]=1`);
  if (response.status !== 200) throw new Error(`count ${plural}: HTTP ${response.status}`);
  return (response.body as { meta: { pagination: { total: number } } }).meta.pagination.total;
};

/** A super admin's token for the admin panel API (registered by the global setup). */
export const adminToken = (): Promise<string> => {
  const token = process.env.TEST_ADMIN_TOKEN;
  if (!token) return Promise.reject(new Error('TEST_ADMIN_TOKEN is not set.'));
  return Promise.resolve(token);
};

/** The collection types of the public API, by their plural path (from their declarations). */
export { COLLECTIONS, SINGLES } from './types';

/** The documentId of the published entry of a type that has this slug. */
export const documentIdOf = async (plural: string, slug: string): Promise<string> => {
  const response = await anonymous().get(`/api/${plural}?filters[slug][$eq]=${encodeURIComponent(slug)}`);
  const [entry] = dataOf<Entry[]>(response);
  if (!entry) throw new Error(`no published ${plural} with slug ${slug}`);
  return entry.documentId;
};
