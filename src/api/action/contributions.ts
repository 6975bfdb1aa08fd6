import type { Contribution } from '../../contributions/types';
import type { ContentManagerSpec } from '../../content-manager/spec';
import contentManager from './content-manager.json';
import { dateRangeErrors } from '../../validation/partial-dates';

/** What an action contributes to the shared features (see src/contributions/types.ts). */
export const contribution = {
  uid: 'api::action.action',
  name: 'action',
  public: true,
  contentManager: contentManager as ContentManagerSpec,
  validate: dateRangeErrors,
  search: {
    label: 'title',
    summary: 'summary',
    fields: { title: 'A', summary: 'B', beneficiaries: 'B', partnerOrganisations: 'B', description: 'C' },
  },
  timeline: { summary: 'summary' },
  stats: { key: 'actions', countries: 'country', breakdown: { key: 'actionType', attribute: 'actionType' } },
  submission: {
    fields: [
      'title',
      'slug',
      'summary',
      'description',
      'actionType',
      'startDate',
      'endDate',
      'quantity',
      'beneficiaries',
      'partnerOrganisations',
    ],
    relations: {
      country: 'taxonomy',
      themes: 'taxonomy',
      schools: 'taxonomy',
      associations: 'own-association',
      image: 'image',
    },
  },
} as const satisfies Contribution;

declare module '../../contributions/types' {
  interface Registry {
    action: typeof contribution;
  }
}
