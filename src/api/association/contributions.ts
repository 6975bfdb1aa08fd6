import type { Contribution } from '../../contributions/types';
import type { ContentManagerSpec } from '../../content-manager/spec';
import contentManager from './content-manager.json';
import { siretErrors } from '../../validation/registry-ids';

/** What an association contributes to the shared features (see src/contributions/types.ts). */
export const contribution = {
  uid: 'api::association.association',
  name: 'association',
  public: true,
  contentManager: contentManager as ContentManagerSpec,
  validate: (data) => siretErrors(data, ['siret']),
  search: {
    label: 'name',
    summary: 'summary',
    fields: { name: 'A', worldRegion: 'B', summary: 'B', description: 'C' },
  },
  stats: { key: 'associations', countries: 'countries' },
  profile: {
    fields: ['name', 'summary', 'description', 'worldRegion', 'website', 'siret', 'rna', 'email', 'phone'],
    relations: { countries: 'taxonomy', themes: 'taxonomy', logo: 'image' },
  },
} as const satisfies Contribution;

declare module '../../contributions/types' {
  interface Registry {
    association: typeof contribution;
  }
}
