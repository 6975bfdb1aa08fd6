import type { Core } from '@strapi/strapi';
import type * as z from 'zod/v4';
import type { searchHitSchema } from '../schemas';
import { SEARCHABLE, SEARCH_TYPES, type Searchable, type Weight } from '../../../contributions';
import { DEFAULT_LOCALE } from '../../../i18n/locales';
import { localeParam } from '../localized';
import {
  enumParam,
  pageParams,
  paginate,
  refuseUnknown,
  stringParam,
  validationError,
  type RawQuery,
} from '../query';
import { runtimeFields } from '../../../documents/runtime-params';

export type SearchHit = z.infer<typeof searchHitSchema>;

const WEIGHTS: Record<Weight, number> = { A: 1, B: 0.4, C: 0.2 };

/** Lower case, without accents: "Lurçat" and "lurcat" are the same word. */
export const normalise = (text: string): string =>
  text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase();

/** The words of a query, normalised, letters and digits only. */
export const queryTerms = (q: string): string[] =>
  normalise(q)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((term) => term.length > 0)
    .slice(0, 10);

/**
 * The fallback ranking (SQLite): every term must start a word of some field; a term found in a
 * title weighs more than one found in the body text.
 */
export const scoreEntry = (
  entry: Record<string, unknown>,
  fields: Searchable['fields'],
  terms: string[],
): number => {
  let score = 0;
  for (const term of terms) {
    let best = 0;
    for (const [field, weight] of Object.entries(fields)) {
      const value = entry[field];
      if (typeof value !== 'string' || !weight) continue;
      const words = normalise(value).split(/[^\p{L}\p{N}]+/u);
      const exact = words.includes(term);
      if (exact || words.some((word) => word.startsWith(term))) {
        best = Math.max(best, WEIGHTS[weight] * (exact ? 1 : 0.8));
      }
    }
    if (best === 0) return 0;
    score += best;
  }
  return score;
};

interface Candidate {
  documentId: string;
  locale: string;
  score: number;
}

/**
 * One query across every public type, accent- and case-insensitive, ranked and paginated. On
 * PostgreSQL: full-text search with the French configuration and `unaccent`; on SQLite (or a
 * PostgreSQL without `unaccent`), the equivalent ranking above.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  let unaccentAvailable: boolean | undefined;

  const usePostgres = async (): Promise<boolean> => {
    if (strapi.db.dialect.client !== 'postgres') return false;
    if (unaccentAvailable === undefined) {
      const result = await strapi.db.connection.raw<{
        rows: unknown[];
      }>("SELECT 1 FROM pg_extension WHERE extname = 'unaccent'");
      unaccentAvailable = result.rows.length > 0;
      if (!unaccentAvailable)
        strapi.log.warn('[search] the unaccent extension is missing: using the portable search');
    }
    return unaccentAvailable;
  };

  /** PostgreSQL: documentIds of the published entries that match, with their rank. */
  const postgresCandidates = async (
    spec: Searchable,
    terms: string[],
    locales: string[],
  ): Promise<Candidate[]> => {
    const meta = strapi.db.metadata.get(spec.uid);
    const column = (attribute: string): string =>
      (meta.attributes[attribute] as { columnName?: string }).columnName ?? attribute;
    const vector = Object.entries(spec.fields)
      .map(([field, weight]) =>
        `setweight(to_tsvector('french', unaccent(coalesce(??, ''))), '${weight}')`.replace(
          '??',
          `"${column(field).replace(/"/g, '')}"`,
        ),
      )
      .join(' || ');
    const tsquery = terms.map((term, index) => (index === terms.length - 1 ? `${term}:*` : term)).join(' & ');
    const rows = await strapi.db.connection.raw<{
      rows: Array<{ documentId: string; locale: string; score: string | number }>;
    }>(
      `SELECT document_id AS "documentId", locale, ts_rank(${vector}, query) AS score
         FROM ??, to_tsquery('french', unaccent(?)) AS query
        WHERE published_at IS NOT NULL AND locale = ANY(?) AND (${vector}) @@ query`,
      [meta.tableName, tsquery, locales],
    );
    return rows.rows.map((row) => ({ ...row, score: Number(row.score) }));
  };

  /** Any database: load the published entries and rank them in memory. */
  const portableCandidates = async (
    spec: Searchable,
    terms: string[],
    locales: string[],
  ): Promise<Candidate[]> => {
    const candidates: Candidate[] = [];
    for (const locale of locales) {
      const entries = (await strapi.documents(spec.uid).findMany({
        locale,
        status: 'published',
        fields: runtimeFields(Object.keys(spec.fields)),
      })) as Array<Record<string, unknown> & { documentId: string }>;
      for (const entry of entries) {
        const score = scoreEntry(entry, spec.fields, terms);
        if (score > 0) candidates.push({ documentId: entry.documentId, locale, score });
      }
    }
    return candidates;
  };

  return {
    async search(query: RawQuery) {
      refuseUnknown(query, ['q', 'type', 'locale', 'page', 'pageSize']);
      const q = stringParam(query, 'q', 200);
      const terms = q ? queryTerms(q) : [];
      if (terms.length === 0) validationError('q', 'is required: the words to look for');
      const only = enumParam(query, 'type', SEARCH_TYPES);
      const locale = localeParam(query);
      const page = pageParams(query);
      const locales = [...new Set([locale, DEFAULT_LOCALE])];
      const postgres = await usePostgres();

      const hits: SearchHit[] = [];
      for (const spec of SEARCHABLE) {
        const type = spec.name;
        if (only && only !== type) continue;
        const candidates = postgres
          ? await postgresCandidates(spec, terms, locales)
          : await portableCandidates(spec, terms, locales);
        // One hit per document: the requested locale when it matched, else the French entry.
        const best = new Map<string, Candidate>();
        for (const candidate of candidates) {
          const known = best.get(candidate.documentId);
          if (!known || (candidate.locale === locale && known.locale !== locale))
            best.set(candidate.documentId, candidate);
        }
        for (const servedLocale of new Set([...best.values()].map((candidate) => candidate.locale))) {
          const ids = [...best.values()].filter((c) => c.locale === servedLocale).map((c) => c.documentId);
          const entries = (await strapi.documents(spec.uid).findMany({
            locale: servedLocale,
            status: 'published',
            filters: { documentId: { $in: ids } },
            fields: runtimeFields(['slug', spec.label, ...(spec.summary ? [spec.summary] : [])]),
          })) as Array<Record<string, unknown> & { documentId: string }>;
          for (const entry of entries) {
            hits.push({
              type,
              documentId: entry.documentId,
              slug: entry.slug as string,
              title: entry[spec.label] as string,
              summary: spec.summary ? ((entry[spec.summary] as string | null) ?? null) : null,
              locale: servedLocale as SearchHit['locale'],
              score: Math.round((best.get(entry.documentId)?.score ?? 0) * 1e6) / 1e6,
            });
          }
        }
      }
      hits.sort((a, b) => b.score - a.score || a.title.localeCompare(b.title, 'fr'));
      return paginate(hits, page);
    },
  };
};
