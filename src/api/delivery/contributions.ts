import type { Contribution } from '../../contributions/types';
import type { ContentManagerSpec } from '../../content-manager/spec';
import contentManager from './content-manager.json';

/** What the outbox (internal: no route of the content API) contributes to the shared features (see src/contributions/types.ts). */
export const contribution = {
  uid: 'api::delivery.delivery',
  name: 'delivery',
  public: false,
  contentManager: contentManager as ContentManagerSpec,
} as const satisfies Contribution;

declare module '../../contributions/types' {
  interface Registry {
    delivery: typeof contribution;
  }
}
