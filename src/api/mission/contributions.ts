import type { Contribution } from '../../contributions/types';
import type { ContentManagerSpec } from '../../content-manager/spec';
import contentManager from './content-manager.json';
import { partialDateErrors } from '../../validation/partial-dates';
import { siretErrors } from '../../validation/registry-ids';

/** What the Mission (single type) contributes to the shared features (see src/contributions/types.ts). */
export const contribution = {
  uid: 'api::mission.mission',
  name: 'mission',
  public: true,
  contentManager: contentManager as ContentManagerSpec,
  validate: (data) => [...partialDateErrors(data, ['creationDate']), ...siretErrors(data, ['siret'])],
} as const satisfies Contribution;

declare module '../../contributions/types' {
  interface Registry {
    mission: typeof contribution;
  }
}
