import { bySlugRoute, findOneByKeyRoute, lazyRouter, type LookupOptions } from '../../../routes/by-key';
import { compactPopulate, type PopulateTree } from '../../../routes/populate';
import type { UID as Uid } from '@strapi/strapi';
import { cappedRelations, growingRelations } from '../../../routes/capped-relations';

const UID = 'api::country.country' satisfies Uid.ContentType;

/** A country is named by its slug ("gabon") or its ISO code ("GA", any case). */
const bySlugOrIsoCode: LookupOptions = {
  label: 'slug or ISO code',
  filters: (value) => ({ $or: [{ slug: { $eq: value } }, { isoCode: { $eq: value.toUpperCase() } }] }),
};

const byIsoCode: LookupOptions = {
  label: 'ISO code',
  filters: (value) => ({ isoCode: { $eq: value.toUpperCase() } }),
};

/** The country's own population (its relations are served capped by `cappedRelations`). */
const overviewPopulate = (): PopulateTree => ({});

export default lazyRouter(() => [
  bySlugRoute('countries', UID, bySlugOrIsoCode),
  // Everything linked to the country, each listed entry with its to-one relations and taxonomies.
  findOneByKeyRoute('/countries/:isoCode/overview', UID, 'isoCode', byIsoCode, overviewPopulate, {
    separate: growingRelations(strapi, UID),
    middleware: cappedRelations(UID, growingRelations(strapi, UID), (strapi, target) => ({
      populate: compactPopulate(strapi, target),
    })),
  }),
]);
