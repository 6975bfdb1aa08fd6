import type { Core, UID } from '@strapi/strapi';
import { DEFAULT_LOCALE, LOCALES } from '../../i18n/locales';
import { enumParam, type RawQuery } from './query';
import { runtimeFields, runtimeFilters, runtimePopulate, runtimeSort } from '../../documents/runtime-params';

export type Entry = Record<string, unknown> & { documentId: string; locale?: string };

export const LOCALE_CODES = LOCALES.map((locale) => locale.code);

/** The `locale` query parameter: fr (default) or en. */
export const localeParam = (query: RawQuery): string =>
  enumParam(query, 'locale', LOCALE_CODES) ?? DEFAULT_LOCALE;

interface FindParams {
  filters?: Record<string, unknown>;
  fields?: string[];
  populate?: Record<string, unknown>;
  /** A slice of the French entries, in this order. */
  sort?: string[];
  start?: number;
  limit?: number;
}

/**
 * Published entries of a type in the requested locale, falling back to French: the French entries
 * are the reference (every document has one), and the fields of their translation, where one
 * exists, replace the French text. Each entry's `locale` says which one was served. Two queries
 * (plus Strapi's batched populate) whatever the number of entries.
 */
export const findLocalized = async (
  strapi: Core.Strapi,
  uid: UID.ContentType,
  params: FindParams,
  locale: string,
): Promise<Entry[]> => {
  const documents = strapi.documents(uid);
  const reference = (await documents.findMany({
    filters: params.filters && runtimeFilters(params.filters),
    fields: params.fields && runtimeFields(params.fields),
    populate: params.populate && runtimePopulate(params.populate),
    sort: params.sort && runtimeSort(params.sort),
    start: params.start,
    limit: params.limit,
    locale: DEFAULT_LOCALE,
    status: 'published',
  })) as Entry[];
  if (locale === DEFAULT_LOCALE || reference.length === 0) return reference;

  const translations = (await documents.findMany({
    fields: params.fields && runtimeFields(params.fields),
    filters: { documentId: { $in: reference.map((entry) => entry.documentId) } },
    locale,
    status: 'published',
  })) as Entry[];
  return overlayTranslations(reference, translations, locale);
};

/**
 * Each reference (French) entry with its translation's text laid over it where one exists, and
 * `locale` saying which was served. Relations, media and components stay the French entry's (a
 * translation links only to translated entries, often none yet); a translated field left empty
 * keeps the French value. Shared by the curated routes and the plain lists
 * (src/routes/locale-fallback.ts).
 */
export const overlayTranslations = <T extends Entry>(
  reference: T[],
  translations: Entry[],
  locale: string,
): T[] => {
  const byDocument = new Map(translations.map((entry) => [entry.documentId, entry]));
  return reference.map((entry) => {
    const translation = byDocument.get(entry.documentId);
    if (!translation) return entry;
    const text = Object.fromEntries(Object.entries(translation).filter(([, value]) => value !== null));
    return { ...entry, ...text, locale };
  });
};
