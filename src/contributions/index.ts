/**
 * The collector: finds every `src/api/<type>/contributions.ts` and builds, from what each type
 * declares, the tables that the shared features read (search, timeline, map, stats, submissions,
 * validation, Content Manager views, public permissions, the seed, the zod schemas and OpenAPI).
 * It knows no type by name: adding a type folder with a `contributions.ts` is enough.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { UID } from '@strapi/strapi';
import type {
  BreakdownKey,
  Contribution,
  Declared,
  NamesWith,
  StatsKey,
  SubmissionRules,
  UidsWith,
  Weight,
} from './types';

export type { Contribution, Declared, Registry, SubmissionRules, Weight } from './types';

/** A non-empty list, as `z.enum` wants it. */
type Tuple<T> = [T, ...T[]];

const API_DIRECTORY = path.join(__dirname, '..', 'api');

/** Reads the declarations, in folder order; a folder without `contributions.ts` contributes nothing. */
const discover = (): Contribution[] =>
  fs
    .readdirSync(API_DIRECTORY, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .flatMap((folder) => {
      const base = path.join(API_DIRECTORY, folder, 'contributions');
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

/** Every declaration, one per type folder. */
export const CONTRIBUTIONS: readonly Declared[] = discover() as Declared[];

const withFeature = <F extends keyof Contribution>(
  feature: F,
): Array<Declared & Required<Pick<Contribution, F>>> =>
  CONTRIBUTIONS.filter(
    (contribution): contribution is Declared & Required<Pick<Contribution, F>> =>
      (contribution as Contribution)[feature] !== undefined,
  );

const namesOf = <N extends string>(list: ReadonlyArray<{ name: string }>): Tuple<N> => {
  if (list.length === 0) throw new Error('no type declares this feature');
  return list.map(({ name }) => name) as Tuple<N>;
};

/** The declaration of a type, by uid (undefined for plugin types and types without one). */
export const contributionOf = (uid: string): Contribution | undefined =>
  (CONTRIBUTIONS as readonly Contribution[]).find((contribution) => contribution.uid === uid);

// ---------------------------------------------------------------------------------------------
// The tables of the shared features
// ---------------------------------------------------------------------------------------------

export type SearchType = NamesWith<'search'>;
export interface Searchable {
  uid: UID.ContentType;
  name: SearchType;
  label: 'title' | 'name';
  summary?: string;
  fields: Readonly<Record<string, Weight>>;
}
/** What `/api/search` searches, type by type. */
export const SEARCHABLE: readonly Searchable[] = withFeature('search').map(({ uid, name, search }) => ({
  uid,
  name: name as SearchType,
  ...search,
}));
export const SEARCH_TYPES = namesOf<SearchType>(SEARCHABLE);

export type TimelineType = NamesWith<'timeline'>;
/** What `/api/timeline` shows: the dated types, with the field that summarises an entry. */
export const TIMELINE: ReadonlyArray<{ uid: UID.ContentType; name: TimelineType; summary: string }> =
  withFeature('timeline').map(({ uid, name, timeline }) => ({
    uid,
    name: name as TimelineType,
    summary: timeline.summary,
  }));
export const TIMELINE_TYPES = namesOf<TimelineType>(TIMELINE);

export type MapType = NamesWith<'map'>;
/** What `/api/map` places: the located types, with the component that holds the location. */
export const MAP_SOURCES: ReadonlyArray<{ uid: UID.ContentType; name: MapType; location: string }> =
  withFeature('map').map(({ uid, name, map }) => ({ uid, name: name as MapType, location: map.location }));
export const MAP_TYPES = namesOf<MapType>(MAP_SOURCES);

export type { BreakdownKey, StatsKey };
export interface Counted {
  uid: UID.ContentType;
  key: StatsKey;
  countries: string;
  breakdown?: { key: BreakdownKey; attribute: string };
}
/** What `/api/stats` counts. */
export const COUNTED: readonly Counted[] = withFeature('stats').map(
  ({ uid, stats }) => ({ uid, ...stats }) as Counted,
);
export const STATS_KEYS = COUNTED.map(({ key }) => key) as Tuple<StatsKey>;
export const BREAKDOWN_KEYS = COUNTED.flatMap(({ breakdown }) =>
  breakdown ? [breakdown.key] : [],
) as Tuple<BreakdownKey>;

export type SubmittedType = NamesWith<'submission'>;
/** The uids of the types associations submit, and of the one whose profile they edit. */
export type SubmittedUid = UidsWith<'submission'>;
export type ProfileUid = UidsWith<'profile'>;
/** The types associations submit, with what they may send. */
export const SUBMITTED: ReadonlyArray<{ uid: SubmittedUid; name: SubmittedType; rules: SubmissionRules }> =
  withFeature('submission').map(({ uid, name, submission }) => ({
    uid: uid as SubmittedUid,
    name: name as SubmittedType,
    rules: submission,
  }));
export const SUBMITTED_TYPES = namesOf<SubmittedType>(SUBMITTED);

/** The types the public may read (find, findOne) through the REST API. */
export const PUBLIC_UIDS: readonly UID.ContentType[] = CONTRIBUTIONS.filter(
  (contribution) => (contribution as Contribution).public,
).map(({ uid }) => uid);
