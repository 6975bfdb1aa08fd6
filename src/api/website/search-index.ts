import crypto from 'node:crypto';
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { SEARCHABLE, type Searchable, type Weight } from '../../contributions';
import { literal, quote, rowsOf, type RawRows } from '../../platform/sql';

/**
 * The search index: one row per published entry of a searchable type (its contributions.ts), with
 * its text stored ready to search, kept up to date by database triggers on the type's table — so
 * every write path (Document Service, admin, SQL, a restore) updates it in the write's own
 * transaction, and a search never computes text vectors on the fly.
 *
 * - PostgreSQL: table `ri_search` with a weighted `tsvector` (French configuration, on lower-case
 *   text without accents: `ri_fold`, an immutable SQL function needing no extension). From it,
 *   `ri_search_term`: one narrow row per word of an entry (its lexeme, the entry's locale, type
 *   number and id, and the entry's `ts_rank` for that word alone), kept from `ri_search` by
 *   statement triggers, in two B-trees: by lexeme, locale and score (a one-word query reads the
 *   best entries of each matching lexeme straight from it, and counts on it), and by lexeme,
 *   locale and entry (several words are merged on the entry). No search opens a vector (see
 *   services/search.ts).
 * - SQLite: FTS5 table `ri_search_fts` (tokenizer `unicode61 remove_diacritics 2`), one column per
 *   weight; ranked by `bm25` with the same weights as PostgreSQL's defaults for A, B, C.
 *
 * Each row also holds what a hit shows (title, slug, summary), so a page of results is read from
 * the index alone.
 *
 * At each start-up the triggers are (re)made from the declarations (those of a type no longer
 * searchable are dropped, and its rows removed), and a type whose indexed rows differ from its
 * published rows (a new type, a changed declaration, a table rebuilt by a schema change) is
 * indexed again from its table.
 */

export const PG_TABLE = 'ri_search';
export const PG_TERMS = 'ri_search_term';
export const PG_KINDS = 'ri_search_kind';
/**
 * How many entries of a type and locale have each lexeme, as signed counts added by each write
 * (never updated in place, so that concurrent writes never wait on one another): a lexeme's number
 * of entries is the sum of its rows. Folded into one row per lexeme at each start, and by a search
 * that finds too many (`compactDf` in services/search.ts).
 */
export const PG_DF = 'ri_search_df';
export const FTS_TABLE = 'ri_search_fts';
const META_TABLE = 'ri_search_meta';
/** The layout of the index: a new one indexes every type again (part of each type's definition). */
const FORMAT = 2;
/** The FTS5 columns that are not searched (bm25 gives them weight 0), then the weighted ones. */
export const FTS_STORED = ['uid', 'entry_id', 'document_id', 'locale', 'title', 'slug', 'summary'] as const;

/** bm25 column weights of A, B, C on SQLite (PostgreSQL's ts_rank defaults: 1, 0.4, 0.2). */
export const FTS_WEIGHTS: Record<Weight, number> = { A: 1, B: 0.4, C: 0.2 };
const WEIGHT_ORDER: Weight[] = ['A', 'B', 'C'];

export interface IndexedType {
  uid: string;
  table: string;
  /** Columns of the title, the slug and the summary (null: the type has none). */
  label: string;
  slug: string;
  summary: string | null;
  /** Column names by weight. */
  columns: Record<Weight, string[]>;
}

/** The trigger that indexes a type's table (on PostgreSQL, its function too; on SQLite, one per event). */
const triggerOf = (type: IndexedType): string => `ri_search_${type.table}`;
const SQLITE_EVENTS = ['insert', 'update', 'delete'] as const;

/** The tables and columns of each searchable type. */
export const indexedTypes = (strapi: Core.Strapi): IndexedType[] =>
  SEARCHABLE.map((spec: Searchable) => {
    const meta = strapi.db.metadata.get(spec.uid);
    const column = (attribute: string): string =>
      (meta.attributes[attribute] as { columnName?: string } | undefined)?.columnName ?? attribute;
    const columns: Record<Weight, string[]> = { A: [], B: [], C: [] };
    for (const [field, weight] of Object.entries(spec.fields)) {
      if (weight) columns[weight].push(column(field));
    }
    return {
      uid: spec.uid,
      table: meta.tableName,
      label: column(spec.label),
      slug: column('slug'),
      summary: spec.summary ? column(spec.summary) : null,
      columns,
    };
  });

/** PostgreSQL: the weighted vector of a row, from the record `row` (NEW in a trigger, or a table alias). */
const pgVector = (type: IndexedType, row: string): string =>
  WEIGHT_ORDER.flatMap((weight) =>
    type.columns[weight].map(
      (column) =>
        `setweight(to_tsvector('french', ri_fold(coalesce(${row}.${quote(column)}, ''))), '${weight}')`,
    ),
  ).join(' || ');

/** The title, slug and summary of the record `row`, as SQL values. */
const shown = (type: IndexedType, row: string): string =>
  `${row}.${quote(type.label)}, ${row}.${quote(type.slug)}, ${type.summary ? `${row}.${quote(type.summary)}` : 'NULL'}`;

/** SQLite: the text of one weight's column, from the record `row`. */
const ftsText = (type: IndexedType, weight: Weight, row: string): string =>
  type.columns[weight].length === 0
    ? "''"
    : type.columns[weight].map((column) => `coalesce(${row}.${quote(column)}, '')`).join(" || ' ' || ");

const postgresSchema = async (knex: Knex, types: IndexedType[]): Promise<void> => {
  await knex.raw(`CREATE OR REPLACE FUNCTION ri_fold(text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT translate(replace(replace(lower($1), 'œ', 'oe'), 'æ', 'ae'),
      'àâäáãåçéèêëíìîïñóòôöõúùûüýÿ', 'aaaaaaceeeeiiiinooooouuuuyy') $$`);
  // The query of one lexeme, as written (no parsing, no stemming: it already is a lexeme).
  await knex.raw(`CREATE OR REPLACE FUNCTION ri_lexeme(text) RETURNS tsquery LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT ('''' || replace(replace($1, '\\', '\\\\'), '''', '''''') || '''')::tsquery $$`);
  await knex.raw(`CREATE TABLE IF NOT EXISTS ${PG_TABLE} (
    uid VARCHAR(255) NOT NULL, entry_id INTEGER NOT NULL, document_id VARCHAR(255) NOT NULL,
    locale VARCHAR(20), title TEXT, vector TSVECTOR NOT NULL, PRIMARY KEY (uid, entry_id))`);
  await knex.raw(
    `ALTER TABLE ${PG_TABLE} ADD COLUMN IF NOT EXISTS slug TEXT, ADD COLUMN IF NOT EXISTS summary TEXT`,
  );
  // No search reads the vectors any more (the word rows are made from them): their GIN index only
  // slowed each write. The word rows are ranked and counted instead (services/search.ts).
  await knex.raw(`DROP INDEX IF EXISTS ${PG_TABLE}_vector_idx`);
  await knex.raw(
    `CREATE INDEX IF NOT EXISTS ${PG_TABLE}_locale_idx ON ${PG_TABLE} (locale, uid, document_id)`,
  );

  // A small number for each type, so that a word's rows stay narrow.
  await knex.raw(
    `CREATE TABLE IF NOT EXISTS ${PG_KINDS} (kind SMALLINT PRIMARY KEY, uid VARCHAR(255) NOT NULL UNIQUE)`,
  );
  for (const type of types) {
    await knex.raw(
      `INSERT INTO ${PG_KINDS} (kind, uid) SELECT COALESCE(MAX(kind), 0) + 1, ? FROM ${PG_KINDS}
       ON CONFLICT (uid) DO NOTHING`,
      [type.uid],
    );
  }
  await knex.raw(`CREATE TABLE IF NOT EXISTS ${PG_TERMS} (
    lexeme TEXT COLLATE "C" NOT NULL, locale VARCHAR(20), score REAL NOT NULL,
    kind SMALLINT NOT NULL, entry_id INTEGER NOT NULL)`);
  await knex.raw(
    `CREATE INDEX IF NOT EXISTS ${PG_TERMS}_rank_idx ON ${PG_TERMS} (lexeme, locale, score DESC, kind, entry_id)`,
  );
  await knex.raw(`CREATE INDEX IF NOT EXISTS ${PG_TERMS}_entry_idx ON ${PG_TERMS} (kind, entry_id)`);
  // A word's entries in entry order, with their score: several words are merged on the entry.
  await knex.raw(
    `CREATE INDEX IF NOT EXISTS ${PG_TERMS}_merge_idx ON ${PG_TERMS} (lexeme, locale, kind, entry_id) INCLUDE (score)`,
  );
  // Made with the counts of the word rows already there (a database indexed by an earlier version),
  // in the transaction that makes the triggers keep it, so that no write falls between the two.
  await knex.transaction(async (trx) => {
    const exists = rowsOf(
      await trx.raw<RawRows<{ found: string | null }>>(`SELECT to_regclass(?) AS found`, [PG_DF]),
    )[0]?.found;
    if (!exists) {
      await trx.raw(`CREATE TABLE ${PG_DF} (lexeme TEXT COLLATE "C" NOT NULL, locale VARCHAR(20) NOT NULL,
        kind SMALLINT NOT NULL, n INTEGER NOT NULL)`);
      await trx.raw(`CREATE INDEX ${PG_DF}_idx ON ${PG_DF} (lexeme, locale, kind) INCLUDE (n)`);
      await trx.raw(`INSERT INTO ${PG_DF} (lexeme, locale, kind, n)
        SELECT lexeme, COALESCE(locale, ''), kind, COUNT(*) FROM ${PG_TERMS} GROUP BY 1, 2, 3`);
    }
    // Kept from the index's own rows, a statement at a time (a rebuild is one insert).
    await trx.raw(`CREATE OR REPLACE FUNCTION ${PG_TERMS}_added() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO ${PG_TERMS} (lexeme, locale, score, kind, entry_id)
        SELECT w.lexeme, n.locale, ts_rank(n.vector, ri_lexeme(w.lexeme)), k.kind, n.entry_id
          FROM added n JOIN ${PG_KINDS} k ON k.uid = n.uid CROSS JOIN LATERAL unnest(n.vector) w;
        INSERT INTO ${PG_DF} (lexeme, locale, kind, n)
        SELECT w.lexeme, COALESCE(n.locale, ''), k.kind, COUNT(*)
          FROM added n JOIN ${PG_KINDS} k ON k.uid = n.uid CROSS JOIN LATERAL unnest(n.vector) w
         GROUP BY 1, 2, 3;
        RETURN NULL;
      END $$`);
    await trx.raw(`CREATE OR REPLACE FUNCTION ${PG_TERMS}_removed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        DELETE FROM ${PG_TERMS} t USING removed o JOIN ${PG_KINDS} k ON k.uid = o.uid
         WHERE t.kind = k.kind AND t.entry_id = o.entry_id;
        INSERT INTO ${PG_DF} (lexeme, locale, kind, n)
        SELECT w.lexeme, COALESCE(o.locale, ''), k.kind, -COUNT(*)
          FROM removed o JOIN ${PG_KINDS} k ON k.uid = o.uid CROSS JOIN LATERAL unnest(o.vector) w
         GROUP BY 1, 2, 3;
        RETURN NULL;
      END $$`);
  });
  await knex.raw(`DROP TRIGGER IF EXISTS ${PG_TERMS}_added ON ${PG_TABLE}`);
  await knex.raw(`DROP TRIGGER IF EXISTS ${PG_TERMS}_removed ON ${PG_TABLE}`);
  await knex.raw(`CREATE TRIGGER ${PG_TERMS}_added AFTER INSERT ON ${PG_TABLE} REFERENCING NEW TABLE AS added
    FOR EACH STATEMENT EXECUTE FUNCTION ${PG_TERMS}_added()`);
  await knex.raw(`CREATE TRIGGER ${PG_TERMS}_removed AFTER DELETE ON ${PG_TABLE} REFERENCING OLD TABLE AS removed
    FOR EACH STATEMENT EXECUTE FUNCTION ${PG_TERMS}_removed()`);

  for (const type of types) {
    const name = triggerOf(type);
    await knex.raw(`CREATE OR REPLACE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP <> 'INSERT' THEN
          DELETE FROM ${PG_TABLE} WHERE uid = ${literal(type.uid)} AND entry_id = OLD.id;
        END IF;
        IF TG_OP <> 'DELETE' AND NEW.published_at IS NOT NULL THEN
          INSERT INTO ${PG_TABLE} (uid, entry_id, document_id, locale, title, slug, summary, vector)
          VALUES (${literal(type.uid)}, NEW.id, NEW.document_id, NEW.locale, ${shown(type, 'NEW')}, ${pgVector(type, 'NEW')});
        END IF;
        RETURN NULL;
      END $$`);
    await knex.raw(`DROP TRIGGER IF EXISTS ${name} ON ${quote(type.table)}`);
    await knex.raw(
      `CREATE TRIGGER ${name} AFTER INSERT OR UPDATE OR DELETE ON ${quote(type.table)} FOR EACH ROW EXECUTE FUNCTION ${name}()`,
    );
  }
};

const postgresRebuild = async (knex: Knex, type: IndexedType): Promise<void> => {
  await knex.transaction(async (trx) => {
    await trx.raw(`DELETE FROM ${PG_TABLE} WHERE uid = ?`, [type.uid]);
    await trx.raw(
      `INSERT INTO ${PG_TABLE} (uid, entry_id, document_id, locale, title, slug, summary, vector)
       SELECT ?, t.id, t.document_id, t.locale, ${shown(type, 't')}, ${pgVector(type, 't')}
         FROM ${quote(type.table)} t WHERE t.published_at IS NOT NULL`,
      [type.uid],
    );
  });
};

const sqliteSchema = async (knex: Knex, types: IndexedType[]): Promise<void> => {
  // An FTS5 table cannot gain a column: one of an earlier layout is made again (and every type is
  // indexed again, since FORMAT is part of each type's definition).
  const columns = rowsOf(await knex.raw<RawRows<{ name: string }>>(`PRAGMA table_info(${FTS_TABLE})`));
  if (columns.length > 0 && !FTS_STORED.every((stored) => columns.some(({ name }) => name === stored))) {
    await knex.raw(`DROP TABLE ${FTS_TABLE}`);
  }
  await knex.raw(`CREATE VIRTUAL TABLE IF NOT EXISTS ${FTS_TABLE} USING fts5(
    ${FTS_STORED.map((stored) => `${stored} UNINDEXED`).join(', ')},
    a, b, c, tokenize = 'unicode61 remove_diacritics 2')`);
  for (const type of types) {
    const name = triggerOf(type);
    const insert = `INSERT INTO ${FTS_TABLE} (${FTS_STORED.join(', ')}, a, b, c)
      SELECT ${literal(type.uid)}, NEW.id, NEW.document_id, NEW.locale, ${shown(type, 'NEW')},
        ${ftsText(type, 'A', 'NEW')}, ${ftsText(type, 'B', 'NEW')}, ${ftsText(type, 'C', 'NEW')}
      WHERE NEW.published_at IS NOT NULL;`;
    const remove = `DELETE FROM ${FTS_TABLE} WHERE uid = ${literal(type.uid)} AND entry_id = OLD.id;`;
    for (const event of SQLITE_EVENTS) await knex.raw(`DROP TRIGGER IF EXISTS ${name}_${event}`);
    await knex.raw(`CREATE TRIGGER ${name}_insert AFTER INSERT ON ${quote(type.table)} BEGIN ${insert} END`);
    await knex.raw(
      `CREATE TRIGGER ${name}_update AFTER UPDATE ON ${quote(type.table)} BEGIN ${remove} ${insert} END`,
    );
    await knex.raw(`CREATE TRIGGER ${name}_delete AFTER DELETE ON ${quote(type.table)} BEGIN ${remove} END`);
  }
};

const sqliteRebuild = async (knex: Knex, type: IndexedType): Promise<void> => {
  await knex.transaction(async (trx) => {
    await trx.raw(`DELETE FROM ${FTS_TABLE} WHERE uid = ?`, [type.uid]);
    await trx.raw(
      `INSERT INTO ${FTS_TABLE} (${FTS_STORED.join(', ')}, a, b, c)
       SELECT ?, t.id, t.document_id, t.locale, ${shown(type, 't')},
         ${ftsText(type, 'A', 't')}, ${ftsText(type, 'B', 't')}, ${ftsText(type, 'C', 't')}
         FROM ${quote(type.table)} t WHERE t.published_at IS NOT NULL`,
      [type.uid],
    );
  });
};

/**
 * Drops the triggers (and on PostgreSQL their functions) that index a table whose type is no longer
 * searchable: its table may well still exist, and without this each write to it would put its
 * entries back in the index after the start-up removed them, and a search of every type (which
 * does not filter on the type: services/search.ts) would show them.
 */
const dropStaleTriggers = async (knex: Knex, postgres: boolean, types: IndexedType[]): Promise<void> => {
  if (postgres) {
    const kept = new Set(types.map(triggerOf));
    // The index's own triggers (on ri_search itself, which keep the word rows) are not a type's.
    const stale = rowsOf(
      await knex.raw<RawRows<{ name: string; table: string }>>(
        `SELECT t.tgname AS name, c.relname AS "table" FROM pg_trigger t
           JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
          WHERE NOT t.tgisinternal AND n.nspname = current_schema() AND t.tgname LIKE 'ri\\_search\\_%'
            AND c.relname <> ?`,
        [PG_TABLE],
      ),
    ).filter(({ name }) => !kept.has(name));
    for (const { name, table } of stale) {
      await knex.raw(`DROP TRIGGER IF EXISTS ${quote(name)} ON ${quote(table)}`);
      await knex.raw(`DROP FUNCTION IF EXISTS ${quote(name)}()`);
    }
    return;
  }
  const kept = new Set(types.flatMap((type) => SQLITE_EVENTS.map((event) => `${triggerOf(type)}_${event}`)));
  const stale = rowsOf(
    await knex.raw<RawRows<{ name: string }>>(
      `SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'ri\\_search\\_%' ESCAPE '\\'`,
    ),
  ).filter(({ name }) => !kept.has(name));
  for (const { name } of stale) await knex.raw(`DROP TRIGGER IF EXISTS ${quote(name)}`);
};

const countOf = async (knex: Knex, sql: string, bindings: string[] = []): Promise<number> => {
  const rows = rowsOf(await knex.raw<RawRows<{ n: number | string }>>(sql, bindings));
  return Number(rows[0]?.n ?? 0);
};

/**
 * Makes the index's tables and triggers, and indexes again each type whose declaration changed or
 * whose indexed rows do not match its published rows. Under the start-up lock (src/index.ts).
 */
export const ensureSearchIndex = async (strapi: Core.Strapi): Promise<void> => {
  const knex = strapi.db.connection;
  const postgres = strapi.db.dialect.client === 'postgres';
  const types = indexedTypes(strapi);
  if (postgres) await postgresSchema(knex, types);
  else await sqliteSchema(knex, types);
  await dropStaleTriggers(knex, postgres, types);

  await knex.raw(
    `CREATE TABLE IF NOT EXISTS ${META_TABLE} (uid VARCHAR(255) PRIMARY KEY, definition VARCHAR(64) NOT NULL)`,
  );
  const indexTable = postgres ? PG_TABLE : FTS_TABLE;
  // A type no longer searchable leaves the index (its word rows and counts go with it, by the
  // triggers; its own triggers were dropped above): the index then holds the searchable types only,
  // which a search of every type relies on.
  const uids = types.map((type) => type.uid);
  const placeholders = uids.map(() => '?').join(', ');
  await knex.raw(`DELETE FROM ${indexTable} WHERE uid NOT IN (${placeholders})`, uids);
  await knex.raw(`DELETE FROM ${META_TABLE} WHERE uid NOT IN (${placeholders})`, uids);
  let rebuilt = false;
  for (const type of types) {
    const definition = crypto
      .createHash('sha256')
      .update(JSON.stringify([FORMAT, postgres, type]))
      .digest('hex');
    const known = await knex<{ uid: string; definition: string }>(META_TABLE)
      .where({ uid: type.uid })
      .first('definition');
    const published = await countOf(
      knex,
      `SELECT COUNT(*) AS n FROM ${quote(type.table)} WHERE published_at IS NOT NULL`,
    );
    const indexed = await countOf(knex, `SELECT COUNT(*) AS n FROM ${indexTable} WHERE uid = ?`, [type.uid]);
    if (known?.definition === definition && published === indexed) continue;
    const started = Date.now();
    if (postgres) await postgresRebuild(knex, type);
    else await sqliteRebuild(knex, type);
    await knex(META_TABLE).insert({ uid: type.uid, definition }).onConflict('uid').merge();
    strapi.log.info(`[search] ${type.uid}: ${published} entries indexed in ${Date.now() - started} ms`);
    rebuilt = true;
  }
  // Fresh statistics for the planner after a rebuild: without them it estimates a handful of rows
  // for any word, and filters the whole index instead of using its GIN index (4x slower on 33,000
  // rows). VACUUM marks the new word rows visible to all, which lets a search read them from their
  // index alone. Autovacuum keeps both up to date afterwards, where it runs.
  if (postgres) await compactDf(knex);
  if (rebuilt && postgres) await knex.raw(`VACUUM ANALYZE ${PG_TABLE}, ${PG_TERMS}, ${PG_DF}`);
};

/**
 * Folds the per-write counts into one row per lexeme, locale and type (all of them, or one lexeme's),
 * in one statement: the rows a concurrent write adds meanwhile are not in its snapshot, so they stay.
 */
export const compactDf = async (knex: Knex, lexeme?: string): Promise<void> => {
  await knex.raw(
    `WITH folded AS (DELETE FROM ${PG_DF} ${lexeme === undefined ? '' : 'WHERE lexeme = ?'} RETURNING *)
     INSERT INTO ${PG_DF} (lexeme, locale, kind, n)
     SELECT lexeme, locale, kind, SUM(n) FROM folded GROUP BY 1, 2, 3 HAVING SUM(n) <> 0`,
    lexeme === undefined ? [] : [lexeme],
  );
};
