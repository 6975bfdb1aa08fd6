import type { Core } from '@strapi/strapi';
import { BREAKDOWN_KEYS, COUNTED, STATS_KEYS, type StatsKey } from '../../../contributions';
import type * as z from 'zod/v4';
import type { statsSchema } from '../schemas';
import { refuseUnknown, type RawQuery } from '../query';
import { DEFAULT_LOCALE } from '../../../i18n/locales';
import { column, joinOf, quote, rowsOf, type RawRows, type TableMeta as Meta } from '../../../platform/sql';
import { CONTENT_VERSION_TABLE, versionIn } from '../../../cache/content-version';

export type Stats = z.infer<typeof statsSchema>['data'];
export type Counts = Stats['totals'];
type CountryRef = Omit<Stats['byCountry'][number], keyof Counts>;

export const CONTINENTS = ['africa', 'americas', 'asia', 'europe', 'oceania'] as const;
const emptyCounts = (): Counts =>
  Object.fromEntries([...STATS_KEYS, 'total'].map((key) => [key, 0])) as Counts;

/** A table of counts keyed by a string, each row made on first use. */
class Tally<K> {
  readonly rows = new Map<string, K & Counts>();
  add(key: string, make: () => K, type: StatsKey, count = 1): void {
    let row = this.rows.get(key);
    if (!row) {
      row = { ...make(), ...emptyCounts() };
      this.rows.set(key, row);
    }
    row[type] += count;
    row.total += count;
  }
}

/** One figure of a type: its dimension, and the value (`label`) or related row (`ref`) counted. */
interface Figure {
  dim: 'total' | 'year' | 'value' | 'country' | 'continent' | 'theme';
  label: string | null;
  ref: number | null;
  n: unknown;
}

const n = (value: unknown): number => Number(value ?? 0);

/**
 * Every figure of one counted type in one statement: its published French rows (`p`) are read
 * once, and its links to countries (`pc`) once, then counted by year, by breakdown value, by
 * country, by continent and by theme. A link table holds each pair once (Strapi's unique
 * constraint), so an entry counts once per country and per theme; by continent it counts once
 * however many of its countries are there.
 */
const figuresStatement = (
  spec: (typeof COUNTED)[number],
  meta: Meta,
  country: Meta,
): { sql: string; bindings: string[] } => {
  const dated = 'startDate' in meta.attributes;
  const breakdown = 'breakdown' in spec ? spec.breakdown : undefined;
  const countries = joinOf(spec.uid, meta, spec.countries);
  const themes = joinOf(spec.uid, meta, 'themes');
  const p = [
    'SELECT t.id AS id',
    dated ? `, substr(t.${quote(column(meta, 'startDate'))}, 1, 4) AS year` : '',
    breakdown ? `, t.${quote(column(meta, breakdown.attribute))} AS value` : '',
    ` FROM ${quote(meta.tableName)} t WHERE t.published_at IS NOT NULL AND t.locale = ?`,
  ].join('');
  const pc =
    `SELECT l.${quote(countries.inverseJoinColumn.name)} AS ref, l.${quote(countries.joinColumn.name)} AS id ` +
    `FROM ${quote(countries.name)} l JOIN p ON p.id = l.${quote(countries.joinColumn.name)}`;
  const branches = [
    `SELECT 'total' AS dim, CAST(NULL AS VARCHAR(255)) AS label, CAST(NULL AS INTEGER) AS ref, COUNT(*) AS n FROM p`,
    dated ? `SELECT 'year', p.year, NULL, COUNT(*) FROM p WHERE p.year IS NOT NULL GROUP BY p.year` : '',
    breakdown ? `SELECT 'value', p.value, NULL, COUNT(*) FROM p GROUP BY p.value` : '',
    `SELECT 'country', NULL, pc.ref, COUNT(*) FROM pc GROUP BY pc.ref`,
    `SELECT 'continent', r.${quote(column(country, 'continent'))}, NULL, COUNT(DISTINCT pc.id) ` +
      `FROM pc JOIN ${quote(country.tableName)} r ON r.id = pc.ref GROUP BY r.${quote(column(country, 'continent'))}`,
    `SELECT 'theme', NULL, l.${quote(themes.inverseJoinColumn.name)}, COUNT(*) FROM ${quote(themes.name)} l ` +
      `JOIN p ON p.id = l.${quote(themes.joinColumn.name)} GROUP BY l.${quote(themes.inverseJoinColumn.name)}`,
  ].filter((branch) => branch !== '');
  return {
    sql: `WITH p AS MATERIALIZED (${p}), pc AS MATERIALIZED (${pc}) ${branches.join(' UNION ALL ')}`,
    bindings: [DEFAULT_LOCALE],
  };
};

/**
 * The figures of the content version they were counted at: one row, shared by every instance on
 * the database. Each public write moves the version in its own transaction (../../../cache/
 * content-version.ts), so counts stored for the version the database holds are the current counts.
 */
const STORE = 'ri_stats_figures';

/** Each counted type's figures, by its key. */
type Counted = Array<{ key: StatsKey; figures: Figure[] }>;

/**
 * Counts of published content by continent, country, theme, year and type: the figures of the
 * "five continents" page. An entry linked to several countries or themes counts once in each;
 * an association counts once per continent it works on. Counted by the database, once per content
 * version: the first answer after a change runs one statement per type (side by side, each reading
 * every published entry of its type) and keeps the figures in the database with the version they
 * were counted at; every other answer, on any instance, reads that row (a few hundred counts), then
 * the names of the countries and themes met — three statements whatever the size.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const knex = strapi.db.connection;
  let ready: Promise<void> | undefined;
  // Made once per process (a knex query is run again each time it is awaited: hence the wrapper).
  const ensureStore = (): Promise<void> =>
    (ready ??= (async () => {
      await knex.raw(
        `CREATE TABLE IF NOT EXISTS ${STORE} (id INTEGER PRIMARY KEY, version BIGINT NOT NULL, figures TEXT NOT NULL)`,
      );
    })());

  /** Every type's figures, straight from its tables. */
  const count = (country: Meta): Promise<Counted> =>
    Promise.all(
      COUNTED.map(async (spec) => {
        const { sql, bindings } = figuresStatement(
          spec,
          strapi.db.metadata.get(spec.uid) as unknown as Meta,
          country,
        );
        return { key: spec.key, figures: rowsOf(await knex.raw<RawRows<Figure>>(sql, bindings)) };
      }),
    );

  /**
   * The stored figures if they are the current version's; otherwise counted, and stored when no
   * write committed while they were counted (the version read before and after is the same, so
   * every statement saw that version's content). A slower instance never overwrites newer figures.
   */
  const figuresNow = async (country: Meta): Promise<Counted> => {
    await ensureStore();
    const stored = rowsOf(
      await knex.raw<RawRows<{ figures: string }>>(
        `SELECT s.figures FROM ${STORE} s JOIN ${CONTENT_VERSION_TABLE} v ON v.id = 1 AND v.version = s.version
          WHERE s.id = 1`,
      ),
    )[0];
    if (stored) return JSON.parse(stored.figures) as Counted;
    const before = await versionIn(knex);
    const counted = await count(country);
    if (Number.isFinite(before) && !strapi.db.inTransaction() && (await versionIn(knex)) === before) {
      await knex.raw(
        `INSERT INTO ${STORE} (id, version, figures) VALUES (1, ?, ?)
           ON CONFLICT (id) DO UPDATE SET version = excluded.version, figures = excluded.figures
           WHERE ${STORE}.version < excluded.version`,
        [before, JSON.stringify(counted)],
      );
    }
    return counted;
  };

  return {
    async compute(query: RawQuery): Promise<Stats> {
      refuseUnknown(query, []);
      const country = strapi.db.metadata.get('api::country.country') as unknown as Meta;
      const theme = strapi.db.metadata.get('api::theme.theme') as unknown as Meta;
      const perType = (await figuresNow(country)).flatMap(({ key, figures }) => {
        const spec = COUNTED.find((each) => each.key === key);
        return spec ? [{ spec, figures }] : [];
      });

      const refs = (dim: Figure['dim']): number[] => [
        ...new Set(
          perType.flatMap(({ figures }) => figures.filter((f) => f.dim === dim).map((f) => n(f.ref))),
        ),
      ];
      const [countryRows, themeRows] = await Promise.all([
        knex(country.tableName)
          .whereIn('id', refs('country'))
          .select({
            id: 'id',
            isoCode: column(country, 'isoCode'),
            name: column(country, 'name'),
            slug: column(country, 'slug'),
            continent: column(country, 'continent'),
          }) as Promise<Array<CountryRef & { id: number }>>,
        knex(theme.tableName)
          .whereIn('id', refs('theme'))
          .select({ id: 'id', name: column(theme, 'name'), slug: column(theme, 'slug') }) as Promise<
          Array<{ id: number; name: string; slug: string }>
        >,
      ]);
      const countryById = new Map(countryRows.map(({ id, ...ref }) => [n(id), ref]));
      const themeById = new Map(themeRows.map(({ id, ...ref }) => [n(id), ref]));

      const totals = emptyCounts();
      const continents = new Tally<{ continent: string }>();
      const countries = new Tally<CountryRef>();
      const themes = new Tally<{ name: string; slug: string }>();
      const years = new Tally<{ year: number }>();
      const byType = Object.fromEntries(BREAKDOWN_KEYS.map((key) => [key, {}])) as Stats['byType'];
      for (const continent of CONTINENTS) continents.rows.set(continent, { continent, ...emptyCounts() });

      for (const { spec, figures } of perType) {
        const type = spec.key;
        for (const figure of figures) {
          const count = n(figure.n);
          switch (figure.dim) {
            case 'total':
              totals[type] += count;
              totals.total += count;
              break;
            case 'year': {
              const year = Number(figure.label);
              years.add(String(year), () => ({ year }), type, count);
              break;
            }
            case 'value': {
              if (!('breakdown' in spec) || !spec.breakdown) break;
              const table = byType[spec.breakdown.key];
              const name =
                typeof figure.label === 'string' && figure.label !== '' ? figure.label : 'unspecified';
              table[name] = (table[name] ?? 0) + count;
              break;
            }
            case 'country': {
              const ref = countryById.get(n(figure.ref));
              if (ref) countries.add(ref.isoCode, () => ref, type, count);
              break;
            }
            case 'continent': {
              const continent = String(figure.label);
              continents.add(continent, () => ({ continent }), type, count);
              break;
            }
            case 'theme': {
              const ref = themeById.get(n(figure.ref));
              if (ref) themes.add(ref.slug, () => ref, type, count);
              break;
            }
          }
        }
      }

      return {
        totals,
        byContinent: [...continents.rows.values()],
        byCountry: [...countries.rows.values()].sort((a, b) => a.isoCode.localeCompare(b.isoCode)),
        byTheme: [...themes.rows.values()].sort((a, b) => b.total - a.total || a.slug.localeCompare(b.slug)),
        byYear: [...years.rows.values()].sort((a, b) => a.year - b.year),
        // Each breakdown by value name: the same text on every instance, whatever order the database counted in.
        byType: Object.fromEntries(
          Object.entries(byType).map(([key, table]) => [
            key,
            Object.fromEntries(Object.entries(table).sort(([a], [b]) => a.localeCompare(b))),
          ]),
        ) as Stats['byType'],
      };
    },
  };
};
