import type { Core } from '@strapi/strapi';
import { BREAKDOWN_KEYS, COUNTED, STATS_KEYS, type StatsKey } from '../../../contributions';
import type * as z from 'zod/v4';
import type { statsSchema } from '../schemas';
import { refuseUnknown, type RawQuery } from '../query';
import { runtimePopulate } from '../../../documents/runtime-params';

export type Stats = z.infer<typeof statsSchema>['data'];
export type Counts = Stats['totals'];
type CountryRef = Omit<Stats['byCountry'][number], keyof Counts>;

export const CONTINENTS = ['africa', 'americas', 'asia', 'europe', 'oceania'] as const;
const emptyCounts = (): Counts =>
  Object.fromEntries([...STATS_KEYS, 'total'].map((key) => [key, 0])) as Counts;

/** A table of counts keyed by a string, each row made on first use. */
class Tally<K> {
  readonly rows = new Map<string, K & Counts>();
  add(key: string, make: () => K, type: StatsKey): void {
    let row = this.rows.get(key);
    if (!row) {
      row = { ...make(), ...emptyCounts() };
      this.rows.set(key, row);
    }
    row[type] += 1;
    row.total += 1;
  }
}

const asList = (value: unknown): Array<Record<string, unknown>> => {
  if (!value) return [];
  return Array.isArray(value)
    ? (value as Array<Record<string, unknown>>)
    : [value as Record<string, unknown>];
};

const increment = (table: Record<string, number>, key: unknown): void => {
  const name = typeof key === 'string' && key !== '' ? key : 'unspecified';
  table[name] = (table[name] ?? 0) + 1;
};

/**
 * Counts of published content by continent, country, theme, year and type: the figures of the
 * "five continents" page. An entry linked to several countries or themes counts once in each;
 * an association counts once per continent it works on.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async compute(query: RawQuery): Promise<Stats> {
    refuseUnknown(query, []);
    const totals = emptyCounts();
    const continents = new Tally<{ continent: string }>();
    const countries = new Tally<CountryRef>();
    const themes = new Tally<{ name: string; slug: string }>();
    const years = new Tally<{ year: number }>();
    const byType = Object.fromEntries(BREAKDOWN_KEYS.map((key) => [key, {}])) as Stats['byType'];
    for (const continent of CONTINENTS) continents.rows.set(continent, { continent, ...emptyCounts() });

    for (const { uid, key: type, countries: countryField, breakdown } of COUNTED) {
      const entries = (await strapi.documents(uid).findMany({
        status: 'published',
        populate: runtimePopulate({
          [countryField]: { fields: ['name', 'slug', 'isoCode', 'continent'] },
          themes: { fields: ['name', 'slug'] },
        }),
      })) as Array<Record<string, unknown>>;

      for (const entry of entries) {
        totals[type] += 1;
        totals.total += 1;
        const linked = asList(entry[countryField]) as CountryRef[];
        for (const continent of new Set(linked.map((country) => country.continent))) {
          continents.add(continent, () => ({ continent }), type);
        }
        for (const country of linked) {
          countries.add(country.isoCode, () => ({ ...country }), type);
        }
        for (const theme of asList(entry.themes) as Array<{ name: string; slug: string }>) {
          themes.add(theme.slug, () => ({ name: theme.name, slug: theme.slug }), type);
        }
        if (typeof entry.startDate === 'string') {
          const year = Number(entry.startDate.slice(0, 4));
          years.add(String(year), () => ({ year }), type);
        }
        if (breakdown) increment(byType[breakdown.key], entry[breakdown.attribute]);
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
