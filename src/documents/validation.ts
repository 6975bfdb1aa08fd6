import { contributionOf } from '../contributions';
import { throwIfInvalid, type DocumentData } from '../validation/field-errors';
import type { DocumentLayer } from './layer';

/**
 * Runs a type's own rules (`validate` in its contributions.ts) before every create and update,
 * whatever the entry path (REST, admin panel, seed, code). On update the stored draft is merged
 * under the incoming data, so that a cross-field rule (end after start) holds when only one of
 * the fields changes. Before a publication, the type's `checkBeforePublish` (which may read other
 * documents) runs too.
 */
export const validation: DocumentLayer = (strapi) => async (context, next) => {
  const contribution = contributionOf(context.uid);
  const check = contribution?.checkBeforePublish;
  const { documentId, locale, status } = context.params as {
    documentId?: string;
    locale?: string;
    status?: string;
  };
  const oneLocale = typeof locale === 'string' && locale !== '*' ? locale : undefined;
  if (context.action === 'publish') {
    if (check && documentId) throwIfInvalid(await check(strapi, { documentId, locale: oneLocale }));
    return next();
  }
  if (context.action !== 'create' && context.action !== 'update') return next();
  const validate = contribution?.validate;
  // A create or update that also publishes (a REST POST does, unless told otherwise) publishes
  // inside Strapi, past the `publish` above: the check runs on the saved draft, in one transaction
  // with the write, so that a refusal leaves nothing written.
  const proceed =
    check && status === 'published'
      ? () =>
          strapi.db.transaction(async () => {
            const result = await next();
            const saved = (result as { documentId?: string } | null)?.documentId ?? documentId;
            if (saved) throwIfInvalid(await check(strapi, { documentId: saved, locale: oneLocale }));
            return result;
          })
      : next;
  if (!validate) return proceed();

  const params = context.params as { data?: DocumentData };
  const incoming = params.data ?? {};
  let merged: DocumentData = incoming;
  if (context.action === 'update' && documentId) {
    const current = (await strapi.documents(context.uid).findOne({
      documentId,
      locale,
      status: 'draft',
    })) as DocumentData | null;
    merged = { ...(current ?? {}), ...incoming };
  }
  throwIfInvalid(validate(merged));
  return proceed();
};
