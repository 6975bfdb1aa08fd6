import type { Core } from '@strapi/strapi';
import { cityIdentity, FUNDING_UID, lastChange } from './public-money';
import { GRANT_FILTERS } from './scdl';

/** Licence Ouverte / Open Licence 2.0 (Etalab), the licence of French public open data. */
export const LICENCE = {
  name: 'Licence Ouverte 2.0',
  url: 'https://www.etalab.gouv.fr/licence-ouverte-open-licence/',
};

/** One dataset of the catalogue (Project Open Data 1.1 `dataset`, the shape CKAN and uData harvest). */
export interface Dataset {
  identifier: string;
  title: string;
  description: string;
  keyword: string[];
  modified: string | null;
  publisher: { name: string };
  accessLevel: 'public';
  license: string;
  licenseName: string;
  language: string[];
  distribution: Array<{
    downloadURL: string;
    mediaType: string;
    format: string;
    conformsTo?: string;
  }>;
}

/**
 * `GET /api/exports`: the public datasets, each with its title, description, format, licence and
 * last update (the latest published change of what it is made of). Addresses are absolute, built
 * from the configured public URL (PUBLIC_URL), never from the request's Host header: the answer is
 * cached for every client.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async datasets(): Promise<{ conformsTo: string; dataset: Dataset[] }> {
    const base = strapi.config.get<string>('server.absoluteUrl', 'http://localhost:1337').replace(/\/$/, '');
    const city = await cityIdentity(strapi);
    const publisher = { name: city.cityName ?? 'Mission des relations extérieures' };
    const latest = (dates: Array<string | null>): string | null =>
      dates
        .filter((date): date is string => date !== null)
        .sort()
        .at(-1) ?? null;
    const common = {
      publisher,
      accessLevel: 'public' as const,
      license: LICENCE.url,
      licenseName: LICENCE.name,
      language: ['fr'],
    };
    return {
      conformsTo: 'https://project-open-data.cio.gov/v1.1/schema',
      dataset: [
        {
          identifier: `${base}/api/exports/subventions.csv`,
          title: 'Subventions attribuées par la ville (données essentielles des conventions)',
          description:
            'Les données essentielles des conventions de subvention de la ville, au format national SCDL « subventions » 2.1.1 (décret 2017-779) : une ligne par convention et par bénéficiaire.',
          keyword: ['subventions', 'SCDL', 'associations', 'relations internationales'],
          modified: latest([
            await lastChange(strapi, FUNDING_UID, GRANT_FILTERS),
            await lastChange(strapi, 'api::mission.mission'),
          ]),
          ...common,
          distribution: [
            {
              downloadURL: `${base}/api/exports/subventions.csv`,
              mediaType: 'text/csv',
              format: 'CSV',
              conformsTo: 'https://schema.data.gouv.fr/scdl/subventions/2.1.1/',
            },
          ],
        },
        {
          identifier: `${base}/api/exports/iati-activities.xml`,
          title: 'Activités de coopération internationale de la ville (IATI 2.03)',
          description:
            'Les partenariats de la ville et leurs actions au format IATI 2.03, le standard international de publication de l’aide : organisations participantes, pays, secteurs, budgets et transactions issus des lignes de financement publiées.',
          keyword: ['IATI', 'coopération décentralisée', 'aide publique au développement'],
          modified: latest([
            await lastChange(strapi, 'api::partnership.partnership'),
            await lastChange(strapi, 'api::action.action'),
            await lastChange(strapi, FUNDING_UID),
            await lastChange(strapi, 'api::mission.mission'),
          ]),
          ...common,
          language: ['fr', 'en'],
          distribution: [
            {
              downloadURL: `${base}/api/exports/iati-activities.xml`,
              mediaType: 'application/xml',
              format: 'XML',
              conformsTo: 'https://iatistandard.org/en/iati-standard/203/',
            },
          ],
        },
      ],
    };
  },
});
