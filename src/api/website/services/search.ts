import type { Core } from '@strapi/strapi';
import type * as z from 'zod/v4';
import type { searchHitSchema } from '../schemas';
import { SEARCHABLE, SEARCH_TYPES } from '../../../contributions';
import { FTS_TABLE, FTS_WEIGHTS, PG_TABLE } from '../search-index';
import { DEFAULT_LOCALE } from '../../../i18n/locales';
import { localeParam } from '../localized';
import {
  enumParam,
  pageParams,
  refuseUnknown,
  stringParam,
  validationError,
  type Page,
  type RawQuery,
} from '../query';
import { runtimeFields } from '../../../documents/runtime-params';
import { rowsOf, type RawRows } from '../../../platform/sql';

export type SearchHit = z.infer<typeof searchHitSchema>;

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

interface Candidate {
  uid: string;
  documentId: string;
  locale: string;
  title: string | null;
  score: number;
}

/**
 * One query across every public type, accent- and case-insensitive, ranked and paginated, read from
 * the search index (./search-index.ts): the stored vectors on PostgreSQL (French stemming, the last
 * word as a prefix), FTS5 on SQLite (every word as a prefix). Only the page's entries are then read,
 * through the Document Service (so the published-only rule applies to them too).
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const knex = strapi.db.connection;

  /**
   * PostgreSQL: one hit per document (the requested locale first), ranked, the page and the total.
   * The ranking reads narrow rows and keeps only the page (a top-N sort); the total is a separate
   * count on the index. In another locale than the default, a French row is a hit only where the
   * same document has no matching row in that locale (a small set: the translations that match).
   */
  const postgresPage = async (
    uids: string[],
    terms: string[],
    locale: string,
    { page, pageSize }: Page,
  ): Promise<{ hits: Candidate[]; total: number }> => {
    const tsquery = terms.map((term, index) => (index === terms.length - 1 ? `${term}:*` : term)).join(' & ');
    const fallback = locale !== DEFAULT_LOCALE;
    const where = fallback
      ? `s.vector @@ query.q AND s.uid = ANY(?) AND (s.locale = ? OR (s.locale = ? AND (s.uid, s.document_id) NOT IN (
           SELECT t.uid, t.document_id FROM ${PG_TABLE} t WHERE t.locale = ? AND t.vector @@ query.q)))`
      : 's.vector @@ query.q AND s.uid = ANY(?) AND s.locale = ?';
    const bindings = fallback ? [uids, locale, DEFAULT_LOCALE, locale] : [uids, locale];
    const from = `FROM ${PG_TABLE} s, (SELECT to_tsquery('french', ri_fold(?)) AS q) query WHERE ${where}`;
    const [rows, counted] = await Promise.all([
      knex.raw<RawRows<Omit<Candidate, 'score'> & { score: string | number }>>(
        `SELECT s.uid, s.document_id AS "documentId", s.locale, s.title, ts_rank(s.vector, query.q) AS score
           ${from} ORDER BY score DESC, s.title, s.document_id LIMIT ? OFFSET ?`,
        [tsquery, ...bindings, pageSize, (page - 1) * pageSize],
      ),
      knex.raw<RawRows<{ n: string | number }>>(`SELECT COUNT(*) AS n ${from}`, [tsquery, ...bindings]),
    ]);
    return {
      hits: rowsOf(rows).map((row) => ({ ...row, score: Number(row.score) })),
      total: Number(rowsOf(counted)[0]?.n ?? 0),
    };
  };

  /** SQLite: the matching rows from FTS5, one hit per document, ranked and paginated here. */
  const sqlitePage = async (
    uids: string[],
    terms: string[],
    locale: string,
    { page, pageSize }: Page,
  ): Promise<{ hits: Candidate[]; total: number }> => {
    const match = terms.map((term) => `"${term}"*`).join(' ');
    const locales = [...new Set([locale, DEFAULT_LOCALE])];
    const weights = `0, 0, 0, 0, 0, ${FTS_WEIGHTS.A}, ${FTS_WEIGHTS.B}, ${FTS_WEIGHTS.C}`;
    const rows = rowsOf(
      await knex.raw<RawRows<Candidate>>(
        `SELECT uid, document_id AS documentId, locale, title, -bm25(${FTS_TABLE}, ${weights}) AS score
           FROM ${FTS_TABLE}
          WHERE ${FTS_TABLE} MATCH ? AND locale IN (${locales.map(() => '?').join(', ')})
            AND uid IN (${uids.map(() => '?').join(', ')})`,
        [match, ...locales, ...uids],
      ),
    );
    const best = new Map<string, Candidate>();
    for (const row of rows) {
      const key = `${row.uid} ${row.documentId}`;
      const known = best.get(key);
      if (!known || (row.locale === locale && known.locale !== locale)) best.set(key, row);
    }
    const hits = [...best.values()].sort(
      (a, b) => b.score - a.score || (a.title ?? '').localeCompare(b.title ?? '', 'fr'),
    );
    return { hits: hits.slice((page - 1) * pageSize, page * pageSize), total: hits.length };
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
      const specs = SEARCHABLE.filter((spec) => !only || only === spec.name);
      const uids = specs.map((spec) => spec.uid);
      const { hits: candidates, total } =
        strapi.db.dialect.client === 'postgres'
          ? await postgresPage(uids, terms, locale, page)
          : await sqlitePage(uids, terms, locale, page);

      // The page's entries, type by type and locale by locale, in the order of the ranking.
      const found = new Map<string, Record<string, unknown> & { documentId: string }>();
      for (const spec of specs) {
        for (const servedLocale of [...new Set(candidates.map((candidate) => candidate.locale))]) {
          const ids = candidates
            .filter((candidate) => candidate.uid === spec.uid && candidate.locale === servedLocale)
            .map((candidate) => candidate.documentId);
          if (ids.length === 0) continue;
          const entries = (await strapi.documents(spec.uid).findMany({
            locale: servedLocale,
            status: 'published',
            filters: { documentId: { $in: ids } },
            fields: runtimeFields(['slug', spec.label, ...(spec.summary ? [spec.summary] : [])]),
          })) as Array<Record<string, unknown> & { documentId: string }>;
          for (const entry of entries) found.set(`${spec.uid} ${servedLocale} ${entry.documentId}`, entry);
        }
      }
      const hits: SearchHit[] = [];
      for (const candidate of candidates) {
        const spec = specs.find((each) => each.uid === candidate.uid);
        const entry = found.get(`${candidate.uid} ${candidate.locale} ${candidate.documentId}`);
        if (!spec || !entry) continue;
        hits.push({
          type: spec.name,
          documentId: entry.documentId,
          slug: entry.slug as string,
          title: entry[spec.label] as string,
          summary: spec.summary ? ((entry[spec.summary] as string | null) ?? null) : null,
          locale: candidate.locale as SearchHit['locale'],
          score: Math.round(candidate.score * 1e6) / 1e6,
        });
      }
      return {
        data: hits,
        meta: {
          pagination: {
            page: page.page,
            pageSize: page.pageSize,
            pageCount: Math.ceil(total / page.pageSize),
            total,
          },
        },
      };
    },
  };
};
