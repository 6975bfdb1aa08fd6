import { contributionOf } from '../contributions';
import { throwIfInvalid, type DocumentData } from '../validation/field-errors';
import type { DocumentLayer } from './layer';

/**
 * Runs a type's own rules (`validate` in its contributions.ts) before every create and update,
 * whatever the entry path (REST, admin panel, seed, code). On update the stored draft is merged
 * under the incoming data, so that a cross-field rule (end after start) holds when only one of
 * the fields changes.
 */
export const validation: DocumentLayer = (strapi) => async (context, next) => {
  if (context.action !== 'create' && context.action !== 'update') return next();
  const validate = contributionOf(context.uid)?.validate;
  if (!validate) return next();

  const params = context.params as { data?: DocumentData; documentId?: string; locale?: string };
  const incoming = params.data ?? {};
  let merged: DocumentData = incoming;
  if (context.action === 'update' && params.documentId) {
    const current = (await strapi.documents(context.uid).findOne({
      documentId: params.documentId,
      locale: params.locale,
      status: 'draft',
    })) as DocumentData | null;
    merged = { ...(current ?? {}), ...incoming };
  }
  throwIfInvalid(validate(merged));
  return next();
};
