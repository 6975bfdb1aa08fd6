import type { UID } from '@strapi/strapi';
import type { ContentManagerSpec } from '../content-manager/spec';
import type { Core } from '@strapi/strapi';
import type { FieldError, Validator } from '../validation/field-errors';

/** What is wrong with publishing one document (in one locale), read from the database. */
export type PublishCheck = (
  strapi: Core.Strapi,
  target: { documentId: string; locale?: string },
) => Promise<FieldError[]>;

/** Weight of a field in the search ranking, as PostgreSQL names them: A (title) to C (body text). */
export type Weight = 'A' | 'B' | 'C';

/**
 * What an association may send for a type it submits: the fields it may write, and among them the
 * relations, each limited to public taxonomies, to its own association, or to an image it uploaded.
 */
export interface SubmissionRules {
  /** Writable scalar and component fields. */
  readonly fields: readonly string[];
  /** Writable relations: to a public taxonomy (any entry), to the association itself, or an uploaded image. */
  readonly relations: Readonly<Record<string, 'taxonomy' | 'own-association' | 'image'>>;
}

/**
 * What one content type contributes to the features shared by all types, declared in
 * `src/api/<type>/contributions.ts` next to its schema. Every key but `uid`, `name` and `public`
 * is optional: a type takes part only in what it declares.
 */
export interface Contribution {
  readonly uid: UID.ContentType;
  /** The type's name in the `type` fields of the public API (its singular name, kebab-case). */
  readonly name: string;
  /** Whether anyone may read its published entries through the REST API (find, findOne). */
  readonly public: boolean;
  /** The Content Manager view (labels, list, edit layout), applied at start-up. */
  readonly contentManager?: ContentManagerSpec;
  /** Rules checked before every create and update, whatever the path (src/documents/validation.ts). */
  readonly validate?: Validator;
  /**
   * Rules checked before an entry is published, which may read other documents (a grant's
   * beneficiary): the problems found, each naming its field (src/documents/validation.ts).
   */
  readonly checkBeforePublish?: PublishCheck;
  /** Found by `/api/search`: the fields searched with their weight, the title and summary fields. */
  readonly search?: {
    readonly label: 'title' | 'name';
    readonly summary?: string;
    readonly fields: Readonly<Record<string, Weight>>;
  };
  /** Shown on `/api/timeline` (dated by startDate/endDate, with country and themes). */
  readonly timeline?: { readonly summary: string };
  /** Shown on `/api/map`: the location component that places an entry. */
  readonly map?: { readonly location: string };
  /**
   * Counted by `/api/stats`, under `key`, by the countries in `countries`, by theme and start year;
   * `breakdown` adds counts by the values of one enumeration (`byType[breakdown.key]`).
   */
  readonly stats?: {
    readonly key: string;
    readonly countries: string;
    readonly breakdown?: { readonly key: string; readonly attribute: string };
  };
  /** Submitted by associations (drafts they own, reviewed by staff), with what they may send. */
  readonly submission?: SubmissionRules;
  /** The association's own profile: what an association may change of it (`/api/me/association`). */
  readonly profile?: SubmissionRules;
}

/**
 * The declarations, by type name: each `src/api/<type>/contributions.ts` adds its own entry to
 * this interface (declaration merging), so that the compiler knows every type's declaration
 * without a file that imports them all. The collector (`./index.ts`) finds the same files at run
 * time.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by declaration merging
export interface Registry {}

/** The declaration of one type, as it was written (literal types kept). */
export type Declared = Registry[keyof Registry];

/** The names of the types that declare `feature`. */
export type NamesWith<Feature extends keyof Contribution> = {
  [K in keyof Registry]: Registry[K] extends { readonly [F in Feature]: object } & { readonly name: infer N }
    ? N
    : never;
}[keyof Registry];

/** The uids of the types that declare `feature`. */
export type UidsWith<Feature extends keyof Contribution> = {
  [K in keyof Registry]: Registry[K] extends { readonly [F in Feature]: object } & { readonly uid: infer U }
    ? U
    : never;
}[keyof Registry];

/** The keys under which `/api/stats` counts each type (`totals.partnerships`...). */
export type StatsKey = {
  [K in keyof Registry]: Registry[K] extends { readonly stats: { readonly key: infer S } } ? S : never;
}[keyof Registry];

/** The keys of `/api/stats`'s `byType` (one per declared breakdown). */
export type BreakdownKey = {
  [K in keyof Registry]: Registry[K] extends {
    readonly stats: { readonly breakdown: { readonly key: infer S } };
  }
    ? S
    : never;
}[keyof Registry];
