import type { Core } from '@strapi/strapi';
import { CONTRIBUTIONS } from '../contributions';
import {
  applyComponentLabels,
  applyContentManagerSpec,
  type ContentManagerSpec,
} from '../content-manager/spec';
import componentLabels from '../components/content-manager.json';
import accountView from '../extensions/users-permissions/content-manager.json';

/**
 * The Content Manager views as versioned: each type's `content-manager.json` (declared in its
 * contributions.ts), the association accounts' view and the components' labels. A spec that does not fit its schema stops the start-up.
 */
export const applyContentManagerViews = async (strapi: Core.Strapi): Promise<void> => {
  for (const { uid, contentManager } of CONTRIBUTIONS) {
    if (contentManager) await applyContentManagerSpec(strapi, uid, contentManager);
  }
  // The association accounts, which staff create in the admin (Users & Permissions' type).
  await applyContentManagerSpec(strapi, 'plugin::users-permissions.user', accountView as ContentManagerSpec);
  await applyComponentLabels(strapi, componentLabels);
};
