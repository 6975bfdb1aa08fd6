import type { Core } from '@strapi/strapi';
import { CONTRIBUTIONS } from '../contributions';
import { applyComponentLabels, applyContentManagerSpec } from '../content-manager/spec';
import componentLabels from '../components/content-manager.json';

/**
 * The Content Manager views as versioned: each type's `content-manager.json` (declared in its
 * contributions.ts) and the components' labels. A spec that does not fit its schema stops the start-up.
 */
export const applyContentManagerViews = async (strapi: Core.Strapi): Promise<void> => {
  for (const { uid, contentManager } of CONTRIBUTIONS) {
    if (contentManager) await applyContentManagerSpec(strapi, uid, contentManager);
  }
  await applyComponentLabels(strapi, componentLabels);
};
