import request from 'supertest';
import { sqlOn, type SqlSession, type TestDatabaseClient } from '../helpers/database';
import { adminOf, ownDatabase, type OwnDatabase } from '../helpers/instances';

/**
 * A type that is no longer searchable (taken out of its contributions.ts, its table still there)
 * leaves the search index at the next start-up: its rows, its word rows and counts, its record of
 * what was indexed, and the triggers that indexed its table. Without the last, each write to its
 * table would put its entries back in the index, where a search of every type would show them.
 *
 * The earlier state is made in SQL as an earlier version made it for a searchable type: a table
 * `gone_things` with its trigger(s), indexing one published entry.
 */
const CLIENT: TestDatabaseClient = process.env.TEST_DATABASE === 'postgres' ? 'postgres' : 'sqlite';
const GONE = 'api::gone-thing.gone-thing';

/** The number a statement reads (its column `n`). */
const numberOf = async (sql: SqlSession, statement: string): Promise<number> =>
  Number((await sql.rows<{ n: number | string }>(statement))[0].n);

/** The table and triggers an earlier version made for a type then searchable. */
const EARLIER: Record<TestDatabaseClient, string[]> = {
  postgres: [
    `CREATE TABLE gone_things (id SERIAL PRIMARY KEY, document_id VARCHAR(255), locale VARCHAR(255),
       published_at TIMESTAMP, title VARCHAR(255), slug VARCHAR(255))`,
    `INSERT INTO ri_search_kind (kind, uid) SELECT COALESCE(MAX(kind), 0) + 1, '${GONE}' FROM ri_search_kind`,
    `CREATE FUNCTION ri_search_gone_things() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP <> 'INSERT' THEN
          DELETE FROM ri_search WHERE uid = '${GONE}' AND entry_id = OLD.id;
        END IF;
        IF TG_OP <> 'DELETE' AND NEW.published_at IS NOT NULL THEN
          INSERT INTO ri_search (uid, entry_id, document_id, locale, title, slug, summary, vector)
          VALUES ('${GONE}', NEW.id, NEW.document_id, NEW.locale, NEW.title, NEW.slug, NULL,
            setweight(to_tsvector('french', ri_fold(coalesce(NEW.title, ''))), 'A'));
        END IF;
        RETURN NULL;
      END $$`,
    `CREATE TRIGGER ri_search_gone_things AFTER INSERT OR UPDATE OR DELETE ON gone_things
       FOR EACH ROW EXECUTE FUNCTION ri_search_gone_things()`,
  ],
  sqlite: [
    `CREATE TABLE gone_things (id INTEGER PRIMARY KEY AUTOINCREMENT, document_id TEXT, locale TEXT,
       published_at TEXT, title TEXT, slug TEXT)`,
    `CREATE TRIGGER ri_search_gone_things_insert AFTER INSERT ON gone_things BEGIN
       INSERT INTO ri_search_fts (uid, entry_id, document_id, locale, title, slug, summary, a, b, c)
       SELECT '${GONE}', NEW.id, NEW.document_id, NEW.locale, NEW.title, NEW.slug, NULL,
         coalesce(NEW.title, ''), '', '' WHERE NEW.published_at IS NOT NULL; END`,
    `CREATE TRIGGER ri_search_gone_things_delete AFTER DELETE ON gone_things BEGIN
       DELETE FROM ri_search_fts WHERE uid = '${GONE}' AND entry_id = OLD.id; END`,
  ],
};

const INDEX = CLIENT === 'postgres' ? 'ri_search' : 'ri_search_fts';
const indexed = `SELECT COUNT(*) AS n FROM ${INDEX} WHERE uid = '${GONE}'`;
const wordRows = `SELECT COUNT(*) AS n FROM ri_search_term
  WHERE kind = (SELECT kind FROM ri_search_kind WHERE uid = '${GONE}')`;
const counted = `SELECT COALESCE(SUM(n), 0) AS n FROM ri_search_df
  WHERE kind = (SELECT kind FROM ri_search_kind WHERE uid = '${GONE}')`;
const triggers =
  CLIENT === 'postgres'
    ? `SELECT COUNT(*) AS n FROM pg_trigger WHERE tgname LIKE 'ri_search_gone%'`
    : `SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'ri_search_gone%'`;
const publish = (title: string) =>
  `INSERT INTO gone_things (document_id, locale, published_at, title, slug)
   VALUES ('gone-${title.length}', 'fr', CURRENT_TIMESTAMP, '${title}', 'zorglub-${title.length}')`;

interface Found {
  data: Array<{ type: string; slug: string }>;
}

describe('a type no longer searchable', () => {
  let own: OwnDatabase | undefined;

  afterAll(async () => {
    await own?.drop();
  });

  it('leaves the index at the next start-up, and its table is no longer indexed', async () => {
    own = await ownDatabase(CLIENT, { WEBSITE_WEBHOOK_URL: '', SMTP_HOST: '' });
    const first = await own.start();
    const admin = await adminOf(first.url);
    const theme = await admin.post('/content-manager/collection-types/api::theme.theme', {
      name: 'Okapisme',
      slug: 'okapisme',
    });
    expect(theme.status).toBe(201);
    await first.stop();

    let sql = await sqlOn(own.database);
    try {
      for (const statement of EARLIER[CLIENT]) await sql.run(statement);
      await sql.run(`INSERT INTO ri_search_meta (uid, definition) VALUES ('${GONE}', 'earlier')`);
      await sql.run(publish('Zorglub des marais'));
      // The earlier state is what it claims to be: the entry is in the index.
      expect(await numberOf(sql, indexed)).toBe(1);
      if (CLIENT === 'postgres') {
        expect(await numberOf(sql, wordRows)).toBeGreaterThan(0);
        expect(await numberOf(sql, counted)).toBeGreaterThan(0);
      }
    } finally {
      await sql.close();
    }

    const second = await own.start();
    sql = await sqlOn(own.database);
    try {
      expect(await numberOf(sql, indexed)).toBe(0);
      expect(await numberOf(sql, `SELECT COUNT(*) AS n FROM ri_search_meta WHERE uid = '${GONE}'`)).toBe(0);
      expect(await numberOf(sql, triggers)).toBe(0);
      if (CLIENT === 'postgres') {
        expect(await numberOf(sql, wordRows)).toBe(0);
        expect(await numberOf(sql, counted)).toBe(0);
      }
      // Its table is still there (the start-up did not drop it), and a write to it indexes nothing.
      await sql.run(publish('Zorglub des montagnes'));
      expect(await numberOf(sql, 'SELECT COUNT(*) AS n FROM gone_things')).toBe(2);
      expect(await numberOf(sql, indexed)).toBe(0);
    } finally {
      await sql.close();
    }

    const gone = await request(second.url).get('/api/search?q=zorglub');
    expect(gone.status).toBe(200);
    expect((gone.body as Found).data).toEqual([]);
    // The searchable types are as they were.
    const kept = await request(second.url).get('/api/search?q=okapisme');
    expect(kept.status).toBe(200);
    expect((kept.body as Found).data).toEqual([expect.objectContaining({ type: 'theme', slug: 'okapisme' })]);
  });
});
