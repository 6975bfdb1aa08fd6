import type { Contribution } from '../../contributions/types';
import type { ContentManagerSpec } from '../../content-manager/spec';
import contentManager from './content-manager.json';

/** What a theme contributes to the shared features (see src/contributions/types.ts). */
export const contribution = {
  uid: 'api::theme.theme',
  name: 'theme',
  public: true,
  contentManager: contentManager as ContentManagerSpec,
  search: { label: 'name', fields: { name: 'A' } },
} as const satisfies Contribution;

declare module '../../contributions/types' {
  interface Registry {
    theme: typeof contribution;
  }
}
