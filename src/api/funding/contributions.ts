import type { Contribution } from '../../contributions/types';
import type { ContentManagerSpec } from '../../content-manager/spec';
import contentManager from './content-manager.json';
import { checkFundingBeforePublish } from './publication';
import { validateFunding } from './validation';

/**
 * What a funding line contributes to the shared features (see src/contributions/types.ts): public
 * once published (public money is public data; the internal note stays private), written by staff
 * only — associations never submit one.
 */
export const contribution = {
  uid: 'api::funding.funding',
  name: 'funding',
  public: true,
  contentManager: contentManager as ContentManagerSpec,
  validate: validateFunding,
  checkBeforePublish: checkFundingBeforePublish,
} as const satisfies Contribution;

declare module '../../contributions/types' {
  interface Registry {
    funding: typeof contribution;
  }
}
