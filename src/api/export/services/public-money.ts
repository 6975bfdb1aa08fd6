import type { Core } from '@strapi/strapi';

/** What the exports read of public money: the published funding lines and the Mission. */
export const FUNDING_UID = 'api::funding.funding';
export const MISSION_UID = 'api::mission.mission';

/** Lines are read this many at a time: an export of any size holds one page in memory. */
export const PAGE_SIZE = 200;

export interface CityIdentity {
  cityName: string | null;
  siret: string | null;
  iatiOrganisationId: string | null;
}

/**
 * A public file cannot be written because the Mission does not identify the city enough for it (its
 * name, SIRET or IATI identifier): the answer is a 409 whose message names the fields to fill in.
 */
export class MissionIncomplete extends Error {}

/** The city as the published Mission names it (its official name, SIRET, IATI identifier). */
export const cityIdentity = async (strapi: Core.Strapi): Promise<CityIdentity> => {
  const mission = (await strapi.documents(MISSION_UID).findFirst({
    status: 'published',
    fields: ['cityName', 'siret', 'iatiOrganisationId'],
  })) as Partial<CityIdentity> | null;
  return {
    cityName: mission?.cityName ?? null,
    siret: mission?.siret ?? null,
    iatiOrganisationId: mission?.iatiOrganisationId ?? null,
  };
};

/**
 * Reads every published document matching `params`, a page at a time (ordered by `sort`, then by
 * id so that pages never overlap), yielding each entry.
 */
export async function* pages<T>(
  strapi: Core.Strapi,
  uid: 'api::funding.funding' | 'api::partnership.partnership' | 'api::action.action',
  params: Record<string, unknown>,
): AsyncGenerator<T> {
  for (let start = 0; ; start += PAGE_SIZE) {
    const page = (await strapi.documents(uid).findMany({
      ...params,
      status: 'published',
      start,
      limit: PAGE_SIZE,
    } as never)) as T[];
    yield* page;
    if (page.length < PAGE_SIZE) return;
  }
}

/** The latest change among the published entries matching `filters` (ISO 8601), or null. */
export const lastChange = async (
  strapi: Core.Strapi,
  uid:
    | 'api::funding.funding'
    | 'api::partnership.partnership'
    | 'api::action.action'
    | 'api::mission.mission',
  filters: Record<string, unknown> = {},
): Promise<string | null> => {
  const latest = (await strapi.documents(uid).findFirst({
    status: 'published',
    filters,
    fields: ['updatedAt'],
    sort: ['updatedAt:desc'],
  } as never)) as { updatedAt?: string | Date } | null;
  if (!latest?.updatedAt) return null;
  return new Date(latest.updatedAt).toISOString();
};
