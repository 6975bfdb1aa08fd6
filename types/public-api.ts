/**
 * Types of the public REST API of the Relations internationales CMS, for the city website.
 * Dependency-free: copy this file or import it from the repository.
 *
 * Relations and media are present only when populated (`populate=...`, or by default on the
 * `/slug/:slug` and `/overview` routes), hence optional.
 */

// ---------------------------------------------------------------------------------------------
// Envelopes
// ---------------------------------------------------------------------------------------------

export interface Pagination {
  page: number;
  pageSize: number;
  pageCount: number;
  total: number;
}

/** `GET /api/<plural>` (and the paginated website endpoints). */
export interface ListResponse<T> {
  data: T[];
  meta: { pagination: Pagination };
}

/** `GET /api/<plural>/:documentId`, `/api/<plural>/slug/:slug`, `/api/mission`. */
export interface ItemResponse<T> {
  data: T;
  meta: Record<string, never>;
}

/** Every error: 400 ValidationError (with the fields at fault), 401, 403, 404. */
export interface ErrorResponse {
  data: null;
  error: {
    status: number;
    name: string;
    message: string;
    details: {
      errors?: Array<{ path: string[]; message: string; name: string }>;
      key?: string;
      path?: string;
      source?: string;
      param?: string;
    };
  };
}

// ---------------------------------------------------------------------------------------------
// Shared shapes
// ---------------------------------------------------------------------------------------------

export type Locale = 'fr' | 'en';
/** A date of known precision: "2010", "2011-05" or "2011-05-14". Sorts as text. */
export type PartialDate = string;
/** Markdown. */
export type RichText = string;
export type Continent = 'africa' | 'americas' | 'asia' | 'europe' | 'oceania';

/** What every entry carries. */
export interface EntryBase {
  id: number;
  documentId: string;
  slug: string;
  locale: Locale;
  createdAt: string;
  updatedAt: string;
  publishedAt: string;
  /** The other locales of the same document (with `populate=localizations` or `*`). */
  localizations?: Array<{ id: number; documentId: string; locale: Locale }>;
}

export interface Media {
  id: number;
  documentId: string;
  name: string;
  alternativeText: string | null;
  caption: string | null;
  width: number | null;
  height: number | null;
  formats: Record<string, { url: string; width: number; height: number; mime: string }> | null;
  mime: string;
  url: string;
}

/** WGS 84 coordinates, for the map. */
export interface Location {
  id: number;
  placeName: string | null;
  latitude: number;
  longitude: number;
}

export interface DelegationMember {
  id: number;
  name: string | null;
  role: string | null;
}

export interface Quantity {
  id: number;
  amount: number;
  unit: string;
}

export interface Network {
  id: number;
  name: string;
  description: string | null;
  url: string | null;
}

// ---------------------------------------------------------------------------------------------
// Content types
// ---------------------------------------------------------------------------------------------

export type PartnerLevel = 'municipality' | 'province-region' | 'country' | 'organisation' | 'school';
export type PartnershipKind =
  | 'cooperation-agreement'
  | 'twinning'
  | 'exchange-programme'
  | 'one-off-cooperation';
export type PartnershipState = 'planned' | 'active' | 'ended';

export interface Partnership extends EntryBase {
  title: string;
  summary: string | null;
  description: RichText | null;
  partnerName: string;
  partnerLevel: PartnerLevel | null;
  partnershipKind: PartnershipKind | null;
  partnershipState: PartnershipState;
  startDate: PartialDate | null;
  endDate: PartialDate | null;
  location?: Location | null;
  image?: Media | null;
  country?: Country | null;
  themes?: Theme[];
  delegations?: Delegation[];
  actions?: Action[];
  schoolExchanges?: SchoolExchange[];
  associations?: Association[];
  fundings?: Funding[];
}

export interface Association extends EntryBase {
  name: string;
  summary: string | null;
  description: RichText | null;
  worldRegion: string | null;
  website: string | null;
  /** SIRENE establishment number (14 digits, check digit verified). */
  siret: string | null;
  /** Répertoire national des associations: `W` and 9 digits. */
  rna: string | null;
  logo?: Media | null;
  countries?: Country[];
  themes?: Theme[];
  actions?: Action[];
  partnerships?: Partnership[];
  /** The grants it received (funding lines whose beneficiary it is). */
  fundings?: Funding[];
}

export type DelegationDirection = 'outgoing' | 'incoming';

export interface Delegation extends EntryBase {
  title: string;
  direction: DelegationDirection;
  startDate: PartialDate | null;
  endDate: PartialDate | null;
  purpose: string | null;
  report: RichText | null;
  place?: Location | null;
  image?: Media | null;
  members?: DelegationMember[];
  partnership?: Partnership | null;
  country?: Country | null;
  themes?: Theme[];
  fundings?: Funding[];
}

export type ActionType =
  | 'material-donation'
  | 'training'
  | 'programme-adaptation'
  | 'cultural-exchange'
  | 'hosting'
  | 'event'
  | 'study-visit'
  | 'other';

export interface Action extends EntryBase {
  title: string;
  summary: string | null;
  description: RichText | null;
  actionType: ActionType;
  startDate: PartialDate | null;
  endDate: PartialDate | null;
  beneficiaries: string | null;
  partnerOrganisations: string | null;
  quantity?: Quantity | null;
  image?: Media | null;
  partnership?: Partnership | null;
  associations?: Association[];
  schools?: School[];
  country?: Country | null;
  themes?: Theme[];
  fundings?: Funding[];
}

export type ExchangeType = 'correspondence' | 'trip-abroad' | 'hosting' | 'joint-project';

export interface SchoolExchange extends EntryBase {
  title: string;
  partnerSchool: string | null;
  partnerCity: string | null;
  exchangeType: ExchangeType | null;
  /** "2011-2012" */
  schoolYear: string | null;
  startDate: PartialDate | null;
  endDate: PartialDate | null;
  pupilCount: number | null;
  description: RichText | null;
  location?: Location | null;
  image?: Media | null;
  school?: School | null;
  partnership?: Partnership | null;
  country?: Country | null;
  themes?: Theme[];
}

export interface Country extends EntryBase {
  name: string;
  /** ISO 3166-1 alpha-2, upper case. */
  isoCode: string;
  continent: Continent;
  latitude: number | null;
  longitude: number | null;
  /** On the OECD DAC list of ODA recipients (counted in the e-APD declaration). */
  odaEligible: boolean;
  partnerships?: Partnership[];
  associations?: Association[];
  delegations?: Delegation[];
  actions?: Action[];
  schoolExchanges?: SchoolExchange[];
  fundings?: Funding[];
}

export interface Theme extends EntryBase {
  name: string;
  /** OECD DAC 5-digit sector code, when the theme has one. */
  dacSectorCode: string | null;
  partnerships?: Partnership[];
  associations?: Association[];
  delegations?: Delegation[];
  actions?: Action[];
  schoolExchanges?: SchoolExchange[];
}

export type SchoolLevel = 'nursery' | 'elementary' | 'middle-school' | 'high-school';

export interface School extends EntryBase {
  name: string;
  level: SchoolLevel | null;
  town: string | null;
  schoolExchanges?: SchoolExchange[];
  actions?: Action[];
}

/** `GET /api/mission` (single type: no slug). */
export interface Mission extends Omit<EntryBase, 'slug'> {
  name: string;
  presentation: RichText | null;
  creationDate: PartialDate | null;
  attachedTo: string | null;
  /** The city's official name (the attributing authority of its grants, the IATI reporting organisation). */
  cityName: string | null;
  /** The city's SIRET (14 digits, check digit verified). */
  siret: string | null;
  /** The city's IATI organisation identifier (e.g. `FR-SIRET-…`). */
  iatiOrganisationId: string | null;
  localAssociationCount: number | null;
  priorityThemes?: Theme[];
  networks?: Network[];
}

/** commitment: the amount decided; disbursement: the amount paid in the fiscal year. */
export type FundingFlow = 'commitment' | 'disbursement';
/** The e-APD declaration's categories (`not-oda`: spending outside official development assistance). */
export type ApdCategory =
  | 'decentralised-cooperation'
  | 'development-grant'
  | 'awareness'
  | 'refugees'
  | 'foreign-students'
  | 'staff-costs'
  | 'multilateral'
  | 'water-energy-waste'
  | 'not-oda';

/**
 * One budget line of one year (`GET /api/fundings`, published only). Amounts are whole numbers of
 * euro cents, as strings of digits (exact at any size): `"2300050"` is 23,000.50 €.
 */
export interface Funding extends Omit<EntryBase, 'slug'> {
  title: string;
  fiscalYear: number;
  amountCents: string;
  flow: FundingFlow;
  apdCategory: ApdCategory;
  /** A grant to an association under an agreement (published in the SCDL open data). */
  grant: boolean;
  /** `YYYY-MM-DD` */
  agreementDate: string | null;
  decisionReference: string | null;
  nature: 'cash' | 'in-kind' | 'cash-and-in-kind' | null;
  paymentTerms: 'single' | 'instalments' | 'other' | null;
  paymentTermsDetail: string | null;
  paymentStart: string | null;
  paymentEnd: string | null;
  /** The beneficiary's share of the agreement, in basis points (10000 = 100 %). */
  shareBasisPoints: number | null;
  /** The whole agreement, before sharing between beneficiaries (cents). */
  agreementTotalCents: string | null;
  euNotification: boolean | null;
  partnership?: Partnership | null;
  action?: Action | null;
  delegation?: Delegation | null;
  country?: Country | null;
  beneficiary?: Association | null;
}

// ---------------------------------------------------------------------------------------------
// Website endpoints
// ---------------------------------------------------------------------------------------------

export type TimelineType = 'delegation' | 'action' | 'school-exchange';

/** One entry of `GET /api/timeline`. */
export interface TimelineItem {
  type: TimelineType;
  documentId: string;
  slug: string;
  title: string;
  summary: string | null;
  startDate: PartialDate | null;
  endDate: PartialDate | null;
  locale: Locale;
  country: { name: string; slug: string; isoCode: string } | null;
  themes: Array<{ name: string; slug: string }>;
}
export type TimelineResponse = ListResponse<TimelineItem>;

export type MapFeatureType = 'partnership' | 'delegation' | 'school-exchange' | 'association-country';

/** One feature of `GET /api/map` (GeoJSON, RFC 7946). */
export interface MapFeature {
  type: 'Feature';
  geometry: { type: 'Point'; coordinates: [longitude: number, latitude: number] };
  properties: {
    type: MapFeatureType;
    title: string;
    slug: string;
    placeName: string | null;
    themes: string[];
    years: number[];
    locale: Locale;
    associations?: Array<{ name: string; slug: string }>;
  };
}
export interface MapResponse {
  type: 'FeatureCollection';
  features: MapFeature[];
  /** The page of features served (500 by default, `?page`, `?pageSize` up to 2,000) and the total. */
  meta: { pagination: Pagination };
}

export interface Counts {
  partnerships: number;
  associations: number;
  delegations: number;
  actions: number;
  schoolExchanges: number;
  total: number;
}

/** `GET /api/stats`. */
export interface StatsResponse {
  data: {
    totals: Counts;
    byContinent: Array<{ continent: string } & Counts>;
    byCountry: Array<{ name: string; slug: string; isoCode: string; continent: string } & Counts>;
    byTheme: Array<{ name: string; slug: string } & Counts>;
    byYear: Array<{ year: number } & Counts>;
    byType: {
      actionType: Record<string, number>;
      delegationDirection: Record<string, number>;
      exchangeType: Record<string, number>;
      partnershipKind: Record<string, number>;
    };
  };
}

export type SearchType =
  | 'partnership'
  | 'association'
  | 'delegation'
  | 'action'
  | 'school-exchange'
  | 'country'
  | 'theme'
  | 'school';

/** One hit of `GET /api/search`. */
export interface SearchHit {
  type: SearchType;
  documentId: string;
  slug: string;
  title: string;
  summary: string | null;
  locale: Locale;
  score: number;
}
export type SearchResponse = ListResponse<SearchHit>;

/** The body of a webhook POST to the website (signed in `X-Webhook-Signature`). */
export interface WebhookPayload {
  event: 'publish' | 'unpublish' | 'update' | 'delete';
  type: string;
  documentId: string;
  slug: string | null;
  locale: string | null;
  occurredAt: string;
}
