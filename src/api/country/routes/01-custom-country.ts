import { bySlugRoute, findOneByKeyRoute, lazyRouter, type LookupOptions } from '../../../routes/by-key';
import { defaultPopulate, type PopulateTree } from '../../../routes/populate';
import type { Core } from '@strapi/strapi';

const UID = 'api::country.country';

/** A country is named by its slug ("gabon") or its ISO code ("GA", any case). */
const bySlugOrIsoCode: LookupOptions = {
  label: 'slug or ISO code',
  filters: (value) => ({ $or: [{ slug: { $eq: value } }, { isoCode: { $eq: value.toUpperCase() } }] }),
};

const byIsoCode: LookupOptions = {
  label: 'ISO code',
  filters: (value) => ({ isoCode: { $eq: value.toUpperCase() } }),
};

/** Everything linked to the country, each entry with its own direct relations. */
const overviewPopulate = (strapi: Core.Strapi): PopulateTree =>
  Object.fromEntries(
    ['partnerships', 'delegations', 'actions', 'schoolExchanges', 'associations'].map((relation) => {
      const attributes = strapi.getModel(UID).attributes as Record<string, { target?: string }>;
      const target = attributes[relation].target as string;
      return [relation, { populate: defaultPopulate(strapi, target) }];
    }),
  );

export default lazyRouter(() => [
  bySlugRoute('countries', UID, bySlugOrIsoCode),
  findOneByKeyRoute('/countries/:isoCode/overview', UID, 'isoCode', byIsoCode, overviewPopulate),
]);
