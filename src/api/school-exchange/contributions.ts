import type { Contribution } from '../../contributions/types';
import type { ContentManagerSpec } from '../../content-manager/spec';
import contentManager from './content-manager.json';
import { validateSchoolExchange } from './validation';

/** What a school exchange contributes to the shared features (see src/contributions/types.ts). */
export const contribution = {
  uid: 'api::school-exchange.school-exchange',
  name: 'school-exchange',
  public: true,
  contentManager: contentManager as ContentManagerSpec,
  validate: validateSchoolExchange,
  search: {
    label: 'title',
    summary: 'description',
    fields: { title: 'A', partnerCity: 'B', partnerSchool: 'B', description: 'C' },
  },
  timeline: { summary: 'description' },
  map: { location: 'location' },
  stats: {
    key: 'schoolExchanges',
    countries: 'country',
    breakdown: { key: 'exchangeType', attribute: 'exchangeType' },
  },
  submission: {
    fields: [
      'title',
      'slug',
      'partnerSchool',
      'partnerCity',
      'exchangeType',
      'schoolYear',
      'startDate',
      'endDate',
      'pupilCount',
      'description',
      'location',
    ],
    relations: { school: 'taxonomy', country: 'taxonomy', themes: 'taxonomy', image: 'image' },
  },
} as const satisfies Contribution;

declare module '../../contributions/types' {
  interface Registry {
    'school-exchange': typeof contribution;
  }
}
