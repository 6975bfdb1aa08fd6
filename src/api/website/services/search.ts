import type { Core } from '@strapi/strapi';
import type * as z from 'zod/v4';
import type { searchHitSchema } from '../schemas';
import { SEARCHABLE, SEARCH_TYPES } from '../../../contributions';
import {
  compactDf,
  FTS_STORED,
  FTS_TABLE,
  FTS_WEIGHTS,
  PG_DF,
  PG_KINDS,
  PG_TABLE,
  PG_TERMS,
} from '../search-index';
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
import { rowsOf, type RawRows } from '../../../platform/sql';
import { contentVersion } from '../../../cache/content-version';
import { createVersionedMemo } from '../../../cache/versioned-memo';
import {
  asReal,
  bytesOf,
  entryOf,
  intersect,
  kindOf,
  loadGroup,
  pageOf,
  inRankOrder,
  twinsOf,
  withoutKeys,
  type Scored,
} from '../search-postings';

/** Bytes a list of groups of lexemes holds, about (for the memo's budget). */
const sizeOfGroups = (groups: string[][]): number => 64 + 2 * JSON.stringify(groups).length;

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
  slug: string | null;
  summary: string | null;
  score: number;
}

type Ranked = { hits: Candidate[]; total: number };

/**
 * A lexeme's count read from more per-write rows than this (SEARCH_COUNT_FOLD_AFTER, 200 by
 * default) is folded into one, after the answer.
 */
const foldAfter = (): number => Math.max(1, Number(process.env.SEARCH_COUNT_FOLD_AFTER ?? 200) || 200);

/** What a hit shows, read from the index's row `s` (see ../search-index.ts). */
const SHOWN = 's.uid, s.document_id AS "documentId", s.locale, s.title, s.slug, s.summary';

/**
 * One query across every public type, accent- and case-insensitive, ranked and paginated, read from
 * the search index (../search-index.ts), which also holds what a hit shows: PostgreSQL's stored
 * vectors and word rows (French stemming, the last word as a prefix), FTS5 on SQLite (every word as
 * a prefix). The index holds published entries only, kept by the database in each write's own
 * transaction.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const knex = strapi.db.connection;
  const version = contentVersion(strapi);
  // What several words are ranked from, kept for the current content version (groupsPage).
  const memo = createVersionedMemo(Math.max(0, Number(process.env.SEARCH_POSTINGS_MB ?? 16) || 0) * 2 ** 20);
  version.onChange(() => {
    memo.clear();
  });
  const kindsOf = `ARRAY(SELECT k.kind FROM ${PG_KINDS} k WHERE k.uid = ANY(?))`;

  // The lexemes whose counts this instance is folding now: a search that still sees their rows
  // (the fold has not committed yet) does not start another fold of them.
  const folding = new Set<string>();
  /** Folds a lexeme's per-write counts in the background (`compactDf`), once at a time. */
  const fold = (lexeme: string): void => {
    if (folding.has(lexeme)) return;
    folding.add(lexeme);
    compactDf(knex, lexeme)
      .catch((error: unknown) => {
        strapi.log.warn(`[search] folding the counts of "${lexeme}": ${(error as Error).message}`);
      })
      .finally(() => {
        folding.delete(lexeme);
      });
  };

  /**
   * PostgreSQL, in one statement: the lexemes each word of the query needs, as groups (an entry is a
   * hit when it has a lexeme of every group). A word gives its stems (none for a stop word such as
   * "le", several for a word the parser splits), each a group of its own; the last word, where it
   * makes exactly one stem, is also the start of a word: its group is every indexed lexeme that
   * begins with its stem, found by walking the word rows' B-tree (one probe each). Groups met twice
   * count once.
   */
  const groupsOf = async (words: string[]): Promise<string[][]> => {
    const rows = rowsOf(
      await knex.raw<RawRows<{ stems: string[]; lexemes: string[] | null }>>(
        `WITH RECURSIVE w AS (
           SELECT o.i, tsvector_to_array(to_tsvector('french', ri_fold(o.word))) AS stems
             FROM unnest(?::text[]) WITH ORDINALITY AS o(word, i)),
         st AS (SELECT CASE WHEN cardinality(w.stems) = 1 THEN w.stems[1] END AS stem FROM w WHERE w.i = ?),
         lx(lexeme) AS (
           SELECT MIN(t.lexeme) FROM ${PG_TERMS} t WHERE t.lexeme >= (SELECT stem FROM st)
           UNION ALL
           SELECT (SELECT MIN(t.lexeme) FROM ${PG_TERMS} t WHERE t.lexeme > lx.lexeme)
             FROM lx WHERE starts_with(lx.lexeme, (SELECT stem FROM st)))
         SELECT w.stems, CASE WHEN (SELECT stem FROM st) IS NOT NULL AND w.i = ?
           THEN ARRAY(SELECT lx.lexeme FROM lx, st WHERE starts_with(lx.lexeme, st.stem)) END AS lexemes
           FROM w ORDER BY w.i`,
        [words, words.length, words.length],
      ),
    );
    const groups = new Map<string, string[]>();
    for (const { stems, lexemes } of rows) {
      for (const group of lexemes ? [lexemes] : stems.map((stem) => [stem])) {
        groups.set(JSON.stringify(group), group);
      }
    }
    return [...groups.values()];
  };

  /**
   * The type numbers of the word rows for `uids` (PostgreSQL), or null for every searchable type
   * (the index holds those only: no filter).
   */
  const kindNumbers = async (uids: string[], at: number): Promise<Set<number> | null> => {
    if (uids.length === SEARCHABLE.length) return null;
    const all = await memo.get(
      'kinds',
      at,
      async () =>
        rowsOf(await knex.raw<RawRows<{ kind: number; uid: string }>>(`SELECT kind, uid FROM ${PG_KINDS}`)),
      (rows) => 64 * rows.length,
    );
    return new Set(all.filter((row) => uids.includes(row.uid)).map((row) => row.kind));
  };

  /** A page of hits and the total, from the rows of the page's statement and of the count's. */
  const ranked = (
    rows: RawRows<Omit<Candidate, 'score'> & { score: string | number }>,
    count: RawRows<{ n: string | number }>,
  ): Ranked => ({
    hits: rowsOf(rows).map((row) => ({ ...row, score: Number(row.score) })),
    total: Number(rowsOf(count)[0]?.n ?? 0),
  });

  /**
   * PostgreSQL, one word: ranked from the word rows alone. For each lexeme that begins with the
   * word's stem (`groupsOf`), its best entries come in score order straight from the index, as
   * many as the page needs; an entry matching several lexemes keeps its best score. That is exactly the first entries of the whole ranking: an entry ranks at
   * its best lexeme, where every entry above it is also above it overall. In another locale than
   * the default, each lexeme has two such lists: the locale's entries, and the French entries whose
   * document has no matching entry in that locale (one hit per document, the translation first).
   * The total counts word rows (distinct entries where several lexemes match); in another locale,
   * the locale's matches plus the French ones, less the documents matching in both (found from the
   * locale's matches, the smaller set). Only the count grows with the number of matches, and it
   * reads narrow index entries.
   */
  const oneWordPage = async (
    uids: string[],
    lexemes: string[],
    locale: string,
    { page, pageSize }: Page,
  ): Promise<Ranked> => {
    const fallback = locale !== DEFAULT_LOCALE;
    const limit = page * pageSize;
    // Whether the entry `t` has a version in another locale (bound) that matches too.
    const matchesIn = `EXISTS (SELECT 1 FROM ${PG_KINDS} k
        JOIN ${PG_TABLE} f ON f.uid = k.uid AND f.entry_id = t.entry_id
        JOIN ${PG_TABLE} e ON e.uid = f.uid AND e.document_id = f.document_id AND e.locale = ?
        JOIN ${PG_TERMS} et ON et.kind = k.kind AND et.entry_id = e.entry_id AND et.lexeme = ANY(?::text[])
       WHERE k.kind = t.kind)`;
    const best = (extra: string): string => `(SELECT t.kind, t.entry_id, t.score FROM ${PG_TERMS} t
        WHERE t.lexeme = lx.lexeme AND t.locale = ? AND t.kind = ANY(${kindsOf})${extra}
        ORDER BY t.score DESC, t.kind, t.entry_id LIMIT ?)`;
    const lists = fallback ? `${best('')} UNION ALL ${best(` AND NOT ${matchesIn}`)}` : best('');
    const listBindings = fallback
      ? [locale, uids, limit, DEFAULT_LOCALE, uids, locale, lexemes, limit]
      : [locale, uids, limit];
    const counted = (where: string): string =>
      lexemes.length === 1
        ? `(SELECT COUNT(*) FROM ${PG_TERMS} t WHERE ${where})`
        : // One number per entry (type number in the high half): a third faster than pairs.
          `(SELECT COUNT(DISTINCT (t.kind::bigint << 32) | t.entry_id) FROM ${PG_TERMS} t WHERE ${where})`;
    const matching = `t.lexeme = ANY(?::text[]) AND t.locale = ? AND t.kind = ANY(${kindsOf})`;
    // One lexeme in French: its number of entries is kept (the per-write counts of ri_search_df).
    const kept = !fallback && lexemes.length === 1;
    const total = kept
      ? `SELECT COALESCE(SUM(d.n), 0) AS n, COUNT(*) AS parts FROM ${PG_DF} d
          WHERE d.lexeme = ? AND d.locale = ? AND d.kind = ANY(${kindsOf})`
      : fallback
        ? `SELECT ${counted(matching)} + ${counted(matching)} - ${counted(`${matching} AND ${matchesIn}`)} AS n`
        : `SELECT ${counted(matching)} AS n`;
    const totalBindings = kept
      ? [lexemes[0], locale, uids]
      : fallback
        ? [
            ...[lexemes, locale, uids],
            ...[lexemes, DEFAULT_LOCALE, uids],
            ...[lexemes, locale, uids, DEFAULT_LOCALE, lexemes],
          ]
        : [lexemes, locale, uids];
    const [rows, count] = await Promise.all([
      knex.raw<RawRows<Omit<Candidate, 'score'> & { score: string | number }>>(
        `SELECT ${SHOWN}, h.score
           FROM (SELECT c.kind, c.entry_id, MAX(c.score) AS score
                   FROM unnest(?::text[]) AS lx(lexeme) CROSS JOIN LATERAL (${lists}) c
                  GROUP BY c.kind, c.entry_id
                  ORDER BY score DESC, c.kind, c.entry_id LIMIT ? OFFSET ?) h
           JOIN ${PG_KINDS} k ON k.kind = h.kind
           JOIN ${PG_TABLE} s ON s.uid = k.uid AND s.entry_id = h.entry_id
          ORDER BY h.score DESC, h.kind, h.entry_id`,
        [lexemes, ...listBindings, pageSize, limit - pageSize],
      ),
      knex.raw<RawRows<{ n: string | number; parts?: string | number }>>(total, totalBindings),
    ]);
    if (Number(rowsOf(count)[0]?.parts ?? 0) > foldAfter()) fold(lexemes[0]);
    return ranked(rows, count);
  };

  /**
   * PostgreSQL, several groups of lexemes (`groupsOf`): ranked like one word, from the word rows
   * alone. An entry is a hit when it has a lexeme of every group; its score is the sum, over the
   * groups, of its score for the group (for a group of several lexemes, its best one): what a
   * one-word search gives for each word, added up. Each group's entries are read once per content
   * version, in entry order (`loadGroup`, the index `ri_search_term_merge_idx`), and kept in memory
   * with the ranking they make (`memo`, SEARCH_POSTINGS_MB): the lists are merged and ranked here
   * (search-postings.ts), and the request then reads only what its page's hits show. In another
   * locale than the default, the locale's hits and the French ones whose document has none.
   */
  const groupsPage = async (
    uids: string[],
    groups: string[][],
    locale: string,
    { page, pageSize }: Page,
    at: number,
  ): Promise<Ranked> => {
    const group = (lexemes: string[], among: string): Promise<Scored> =>
      memo.get(
        `group ${among} ${JSON.stringify(lexemes)}`,
        at,
        () => loadGroup(knex, lexemes, among),
        bytesOf,
      );
    const matches = async (among: string): Promise<Scored> =>
      intersect(await Promise.all(groups.map((lexemes) => group(lexemes, among))));
    const hits = await memo.get(
      `ranked ${locale} ${JSON.stringify(groups)}`,
      at,
      async () => {
        if (locale === DEFAULT_LOCALE) return inRankOrder([await matches(locale)]);
        const [translated, french] = await Promise.all([matches(locale), matches(DEFAULT_LOCALE)]);
        // The French entries whose translation is a hit are not: it is.
        return inRankOrder([
          translated,
          withoutKeys(french, await twinsOf(knex, translated.keys, DEFAULT_LOCALE)),
        ]);
      },
      bytesOf,
    );
    const kinds = await kindNumbers(uids, at);
    const { keys, scores, total } = pageOf(hits, kinds, (page - 1) * pageSize, pageSize);
    if (keys.length === 0) return { hits: [], total };
    const rows = rowsOf(
      await knex.raw<RawRows<Omit<Candidate, 'score'> & { i: string | number }>>(
        `SELECT ${SHOWN}, h.i FROM unnest(?::smallint[], ?::integer[]) WITH ORDINALITY AS h(kind, entry_id, i)
           JOIN ${PG_KINDS} k ON k.kind = h.kind
           JOIN ${PG_TABLE} s ON s.uid = k.uid AND s.entry_id = h.entry_id
          ORDER BY h.i`,
        [keys.map(kindOf), keys.map(entryOf)],
      ),
    );
    // An entry gone since the lists were read (a write this instance has not heard of yet) is left out.
    return {
      hits: rows.map(({ i, ...row }) => ({ ...row, score: asReal(scores[Number(i) - 1]) })),
      total,
    };
  };

  const postgresPage = async (
    uids: string[],
    terms: string[],
    locale: string,
    page: Page,
  ): Promise<Ranked> => {
    const at = version.current();
    const groups = await memo.get(`words ${JSON.stringify(terms)}`, at, () => groupsOf(terms), sizeOfGroups);
    if (groups.length === 0 || groups.some((group) => group.length === 0)) return { hits: [], total: 0 };
    if (groups.length === 1) return oneWordPage(uids, groups[0], locale, page);
    return groupsPage(uids, groups, locale, page, at);
  };

  /** SQLite: the matching rows from FTS5, one hit per document, ranked and paginated here. */
  const sqlitePage = async (
    uids: string[],
    terms: string[],
    locale: string,
    { page, pageSize }: Page,
  ): Promise<Ranked> => {
    const match = terms.map((term) => `"${term}"*`).join(' ');
    const locales = [...new Set([locale, DEFAULT_LOCALE])];
    const weights = [...FTS_STORED.map(() => 0), FTS_WEIGHTS.A, FTS_WEIGHTS.B, FTS_WEIGHTS.C].join(', ');
    const rows = rowsOf(
      await knex.raw<RawRows<Candidate>>(
        `SELECT ${SHOWN}, -bm25(${FTS_TABLE}, ${weights}) AS score
           FROM ${FTS_TABLE} s
          WHERE ${FTS_TABLE} MATCH ? AND s.locale IN (${locales.map(() => '?').join(', ')})
            AND s.uid IN (${uids.map(() => '?').join(', ')})`,
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

      const hits: SearchHit[] = [];
      for (const candidate of candidates) {
        const spec = specs.find((each) => each.uid === candidate.uid);
        if (!spec) continue;
        hits.push({
          type: spec.name,
          documentId: candidate.documentId,
          slug: candidate.slug as string,
          title: candidate.title as string,
          summary: candidate.summary ?? null,
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
