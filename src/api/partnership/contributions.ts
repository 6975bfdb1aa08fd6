import type { Contribution } from '../../contributions/types';
import type { ContentManagerSpec } from '../../content-manager/spec';
import contentManager from './content-manager.json';
import { dateRangeErrors } from '../../validation/partial-dates';

/** What a partnership contributes to the shared features (see src/contributions/types.ts). */
export const contribution = {
  uid: 'api::partnership.partnership',
  name: 'partnership',
  public: true,
  contentManager: contentManager as ContentManagerSpec,
  validate: dateRangeErrors,
  search: {
    label: 'title',
    summary: 'summary',
    fields: { title: 'A', partnerName: 'A', summary: 'B', description: 'C' },
  },
  map: { location: 'location' },
  stats: {
    key: 'partnerships',
    countries: 'country',
    breakdown: { key: 'partnershipKind', attribute: 'partnershipKind' },
  },
} as const satisfies Contribution;

declare module '../../contributions/types' {
  interface Registry {
    partnership: typeof contribution;
  }
}
