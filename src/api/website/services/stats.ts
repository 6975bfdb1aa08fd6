import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { BREAKDOWN_KEYS, COUNTED, STATS_KEYS, type StatsKey } from '../../../contributions';
import type * as z from 'zod/v4';
import type { statsSchema } from '../schemas';
import { refuseUnknown, type RawQuery } from '../query';
import { DEFAULT_LOCALE } from '../../../i18n/locales';

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

interface JoinTable {
  name: string;
  joinColumn: { name: string };
  inverseJoinColumn: { name: string };
}

interface Meta {
  tableName: string;
  attributes: Record<string, { columnName?: string; joinTable?: JoinTable } | undefined>;
}

type Rows<T> = T[];

/** The rows of a grouped query (Knex types them `any` once grouped). */
const rowsOf = async <T>(query: Knex.QueryBuilder): Promise<T[]> => (await query) as T[];
const n = (value: unknown): number => Number(value ?? 0);

/**
 * Counts of published content by continent, country, theme, year and type: the figures of the
 * "five continents" page. An entry linked to several countries or themes counts once in each;
 * an association counts once per continent it works on. Counted by the database (GROUP BY on the
 * published French rows and their link tables, a handful of queries per type): the cost does not
 * grow with what would have to be read and held in memory.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async compute(query: RawQuery): Promise<Stats> {
    refuseUnknown(query, []);
    const knex = strapi.db.connection;
    const totals = emptyCounts();
    const continents = new Tally<{ continent: string }>();
    const countries = new Tally<CountryRef>();
    const themes = new Tally<{ name: string; slug: string }>();
    const years = new Tally<{ year: number }>();
    const byType = Object.fromEntries(BREAKDOWN_KEYS.map((key) => [key, {}])) as Stats['byType'];
    for (const continent of CONTINENTS) continents.rows.set(continent, { continent, ...emptyCounts() });

    const country = strapi.db.metadata.get('api::country.country') as unknown as Meta;
    const theme = strapi.db.metadata.get('api::theme.theme') as unknown as Meta;
    const column = (meta: Meta, attribute: string): string =>
      meta.attributes[attribute]?.columnName ?? attribute;

    for (const { uid, key: type, countries: countryField, breakdown } of COUNTED) {
      const meta = strapi.db.metadata.get(uid) as unknown as Meta;
      /** The published French rows of the type, as `t`. */
      const rows = () =>
        knex({ t: meta.tableName }).whereNotNull('t.published_at').andWhere('t.locale', DEFAULT_LOCALE);
      /** Those rows joined to the entries a relation links them to, as `r`. */
      const linked = (attribute: string, target: Meta) => {
        const join = meta.attributes[attribute]?.joinTable;
        if (!join) throw new Error(`${uid}.${attribute}: no join table`);
        return rows()
          .join({ l: join.name }, `l.${join.joinColumn.name}`, 't.id')
          .join({ r: target.tableName }, 'r.id', `l.${join.inverseJoinColumn.name}`);
      };

      const count = n((await rows().count<Rows<{ n: unknown }>>({ n: '*' }))[0]?.n);
      totals[type] += count;
      totals.total += count;

      const byContinent = await rowsOf<{ continent: string; n: unknown }>(
        linked(countryField, country)
          .select({ continent: `r.${column(country, 'continent')}` })
          .countDistinct({ n: 't.id' })
          .groupBy(`r.${column(country, 'continent')}`),
      );
      for (const row of byContinent)
        continents.add(row.continent, () => ({ continent: row.continent }), type, n(row.n));

      const byCountry = await rowsOf<CountryRef & { n: unknown }>(
        linked(countryField, country)
          .select({
            isoCode: `r.${column(country, 'isoCode')}`,
            name: `r.${column(country, 'name')}`,
            slug: `r.${column(country, 'slug')}`,
            continent: `r.${column(country, 'continent')}`,
          })
          .countDistinct({ n: 't.id' })
          .groupBy(
            ['isoCode', 'name', 'slug', 'continent'].map((attribute) => `r.${column(country, attribute)}`),
          ),
      );
      for (const { n: entries, ...ref } of byCountry) countries.add(ref.isoCode, () => ref, type, n(entries));

      const byTheme = await rowsOf<{ name: string; slug: string; n: unknown }>(
        linked('themes', theme)
          .select({ name: `r.${column(theme, 'name')}`, slug: `r.${column(theme, 'slug')}` })
          .countDistinct({ n: 't.id' })
          .groupBy([`r.${column(theme, 'name')}`, `r.${column(theme, 'slug')}`]),
      );
      for (const row of byTheme)
        themes.add(row.slug, () => ({ name: row.name, slug: row.slug }), type, n(row.n));

      if ('startDate' in meta.attributes) {
        const start = `t.${column(meta, 'startDate')}`;
        const byYear = await rowsOf<{ year: string; n: unknown }>(
          rows()
            .whereNotNull(start)
            .select({ year: knex.raw(`substr(??, 1, 4)`, [start]) })
            .count({ n: '*' })
            .groupBy(knex.raw(`substr(??, 1, 4)`, [start])),
        );
        for (const row of byYear) {
          const year = Number(row.year);
          years.add(String(year), () => ({ year }), type, n(row.n));
        }
      }

      if (breakdown) {
        const attribute = `t.${column(meta, breakdown.attribute)}`;
        const values = await rowsOf<{ value: string | null; n: unknown }>(
          rows().select({ value: attribute }).count({ n: '*' }).groupBy(attribute),
        );
        const table = byType[breakdown.key];
        for (const row of values) {
          const name = typeof row.value === 'string' && row.value !== '' ? row.value : 'unspecified';
          table[name] = (table[name] ?? 0) + n(row.n);
        }
      }
    }

    return {
      totals,
      byContinent: [...continents.rows.values()],
      byCountry: [...countries.rows.values()].sort((a, b) => a.isoCode.localeCompare(b.isoCode)),
      byTheme: [...themes.rows.values()].sort((a, b) => b.total - a.total || a.slug.localeCompare(b.slug)),
      byYear: [...years.rows.values()].sort((a, b) => a.year - b.year),
      byType,
    };
  },
});
