/**
 * The collector: finds every `src/api/<type>/contributions.ts` and builds, from what each type
 * declares, the tables that the shared features read (search, timeline, map, stats, submissions,
 * validation, Content Manager views, public permissions, the website webhook, the zod schemas and
 * OpenAPI).
 * It knows no type by name: adding a type folder with a `contributions.ts` is enough.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { UID } from '@strapi/strapi';
import type { BreakdownKey, Contribution, Declared, NamesWith, StatsKey, UidsWith, Weight } from './types';

export type { Contribution, Declared, Registry, SubmissionRules, Weight } from './types';

/** A non-empty list, as `z.enum` wants it. */
type Tuple<T> = [T, ...T[]];

const API_DIRECTORY = path.join(__dirname, '..', 'api');

/**
 * Reads the declarations of the type folders under `directory` (src/api), in folder order; a
 * folder without `contributions.ts` contributes nothing.
 */
export const discover = (directory: string): Contribution[] =>
  fs
    .readdirSync(directory, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .flatMap((folder) => {
      const base = path.join(directory, folder, 'contributions');
      if (!['.ts', '.js'].some((extension) => fs.existsSync(base + extension))) return [];
      // Discovered at run time, so that no file has to import every type; `Registry` gives the
      // compiler the same declarations.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { contribution } = require(base) as { contribution?: Contribution };
      if (!contribution) throw new Error(`src/api/${folder}/contributions: no "contribution" export`);
      if (contribution.uid !== `api::${folder}.${folder}` || contribution.name !== folder) {
        throw new Error(`src/api/${folder}/contributions: uid and name must be those of the folder's type`);
      }
      return [contribution];
    });

const namesOf = <N extends string>(list: ReadonlyArray<{ name: string }>): Tuple<N> =>
  list.map(({ name }) => name) as Tuple<N>;

export type SearchType = NamesWith<'search'>;
export interface Searchable {
  uid: UID.ContentType;
  name: SearchType;
  label: 'title' | 'name';
  summary?: string;
  fields: Readonly<Record<string, Weight>>;
}
export type TimelineType = NamesWith<'timeline'>;
export type MapType = NamesWith<'map'>;
export type { BreakdownKey, StatsKey };
export interface Counted {
  uid: UID.ContentType;
  key: StatsKey;
  countries: string;
  breakdown?: { key: BreakdownKey; attribute: string };
}
export type SubmittedType = NamesWith<'submission'>;
/** The uids of the types associations submit, and of the one whose profile they edit. */
export type SubmittedUid = UidsWith<'submission'>;
export type ProfileUid = UidsWith<'profile'>;

/** The tables of the shared features, built from a set of declarations. */
export const collect = (contributions: readonly Contribution[]) => {
  const withFeature = <F extends keyof Contribution>(feature: F) =>
    contributions.filter(
      (contribution): contribution is Contribution & Required<Pick<Contribution, F>> =>
        contribution[feature] !== undefined,
    );
  const searchable: readonly Searchable[] = withFeature('search').map(({ uid, name, search }) => ({
    uid,
    name: name as SearchType,
    ...search,
  }));
  const timeline = withFeature('timeline').map(({ uid, name, timeline: { summary } }) => ({
    uid,
    name: name as TimelineType,
    summary,
  }));
  const mapSources = withFeature('map').map(({ uid, name, map }) => ({
    uid,
    name: name as MapType,
    location: map.location,
  }));
  const counted: readonly Counted[] = withFeature('stats').map(
    ({ uid, stats }) => ({ uid, ...stats }) as Counted,
  );
  const submitted = withFeature('submission').map(({ uid, name, submission }) => ({
    uid: uid as SubmittedUid,
    name: name as SubmittedType,
    rules: submission,
  }));
  return {
    /** What `/api/search` searches, type by type. */
    SEARCHABLE: searchable,
    SEARCH_TYPES: namesOf<SearchType>(searchable),
    /** What `/api/timeline` shows: the dated types, with the field that summarises an entry. */
    TIMELINE: timeline as ReadonlyArray<(typeof timeline)[number]>,
    TIMELINE_TYPES: namesOf<TimelineType>(timeline),
    /** What `/api/map` places: the located types, with the component that holds the location. */
    MAP_SOURCES: mapSources as ReadonlyArray<(typeof mapSources)[number]>,
    MAP_TYPES: namesOf<MapType>(mapSources),
    /** What `/api/stats` counts, under which keys, with which breakdowns. */
    COUNTED: counted,
    STATS_KEYS: counted.map(({ key }) => key) as Tuple<StatsKey>,
    BREAKDOWN_KEYS: counted.flatMap(({ breakdown }) =>
      breakdown ? [breakdown.key] : [],
    ) as Tuple<BreakdownKey>,
    /** The types associations submit, with what they may send. */
    SUBMITTED: submitted as ReadonlyArray<(typeof submitted)[number]>,
    SUBMITTED_TYPES: namesOf<SubmittedType>(submitted),
    /** The types the public may read (find, findOne) through the REST API. */
    PUBLIC_UIDS: contributions.filter((contribution) => contribution.public).map(({ uid }) => uid),
  };
};

/** Every declaration of this project, one per type folder. */
export const CONTRIBUTIONS: readonly Declared[] = discover(API_DIRECTORY) as Declared[];

const BY_UID = new Map<string, Contribution>(
  CONTRIBUTIONS.map((contribution) => [contribution.uid, contribution]),
);

/**
 * The declaration of a type, by uid (undefined for plugin types and types without one). Read by
 * Document Service middlewares on every call: a map lookup.
 */
export const contributionOf = (uid: string): Contribution | undefined => BY_UID.get(uid);

// The tables the shared features read.
export const {
  SEARCHABLE,
  SEARCH_TYPES,
  TIMELINE,
  TIMELINE_TYPES,
  MAP_SOURCES,
  MAP_TYPES,
  COUNTED,
  STATS_KEYS,
  BREAKDOWN_KEYS,
  SUBMITTED,
  SUBMITTED_TYPES,
  PUBLIC_UIDS,
} = collect(CONTRIBUTIONS);
