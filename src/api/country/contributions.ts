import type { Contribution } from '../../contributions/types';
import type { ContentManagerSpec } from '../../content-manager/spec';
import contentManager from './content-manager.json';
import { validateCountry } from './validation';

/** What a country contributes to the shared features (see src/contributions/types.ts). */
export const contribution = {
  uid: 'api::country.country',
  name: 'country',
  public: true,
  contentManager: contentManager as ContentManagerSpec,
  validate: validateCountry,
  search: { label: 'name', fields: { name: 'A' } },
} as const satisfies Contribution;

declare module '../../contributions/types' {
  interface Registry {
    country: typeof contribution;
  }
}
