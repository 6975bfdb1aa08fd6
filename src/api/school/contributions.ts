import type { Contribution } from '../../contributions/types';
import type { ContentManagerSpec } from '../../content-manager/spec';
import contentManager from './content-manager.json';

/** What a school contributes to the shared features (see src/contributions/types.ts). */
export const contribution = {
  uid: 'api::school.school',
  name: 'school',
  public: true,
  contentManager: contentManager as ContentManagerSpec,
  search: { label: 'name', fields: { name: 'A', town: 'B' } },
} as const satisfies Contribution;

declare module '../../contributions/types' {
  interface Registry {
    school: typeof contribution;
  }
}
