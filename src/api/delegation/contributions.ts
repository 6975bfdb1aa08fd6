import type { Contribution } from '../../contributions/types';
import type { ContentManagerSpec } from '../../content-manager/spec';
import contentManager from './content-manager.json';
import { validateDelegation } from './validation';

/** What a delegation contributes to the shared features (see src/contributions/types.ts). */
export const contribution = {
  uid: 'api::delegation.delegation',
  name: 'delegation',
  public: true,
  contentManager: contentManager as ContentManagerSpec,
  validate: validateDelegation,
  search: { label: 'title', summary: 'purpose', fields: { title: 'A', purpose: 'B', report: 'C' } },
  timeline: { summary: 'purpose' },
  map: { location: 'place' },
  stats: {
    key: 'delegations',
    countries: 'country',
    breakdown: { key: 'delegationDirection', attribute: 'direction' },
  },
  submission: {
    fields: ['title', 'slug', 'direction', 'startDate', 'endDate', 'place', 'members', 'purpose', 'report'],
    relations: { country: 'taxonomy', themes: 'taxonomy', image: 'image' },
  },
} as const satisfies Contribution;

declare module '../../contributions/types' {
  interface Registry {
    delegation: typeof contribution;
  }
}
