import { enqueue } from '../api/delivery/outbox';
import { contributionOf } from '../contributions';
import type { DocumentLayer } from './layer';
import { runtimeFields } from './runtime-params';

/** What the city website is told. */
export type WebhookEvent = 'publish' | 'unpublish' | 'update' | 'delete';

export interface WebhookPayload {
  event: WebhookEvent;
  /** The content type's singular name: partnership, delegation... */
  type: string;
  documentId: string;
  slug: string | null;
  locale: string | null;
  occurredAt: string;
}

interface DocumentResult {
  documentId?: string;
  slug?: string;
  locale?: string;
  entries?: DocumentResult[];
  versions?: DocumentResult[];
}

/** The entries an action touched: a single document, or `{ entries }` / `{ versions }` lists. */
const touched = (result: unknown): DocumentResult[] => {
  if (!result || typeof result !== 'object') return [];
  const value = result as DocumentResult;
  if (Array.isArray(value.entries)) return value.entries;
  if (Array.isArray(value.versions)) return value.versions;
  return value.documentId ? [value] : [];
};

/**
 * Which event a Document Service action is for the website, or null when the public content does
 * not change (a draft saved on a Draft & Publish type).
 */
export const eventFor = (action: string, draftAndPublish: boolean, status: unknown): WebhookEvent | null => {
  switch (action) {
    case 'publish':
      return 'publish';
    case 'unpublish':
      return 'unpublish';
    case 'delete':
      return 'delete';
    case 'create':
      return draftAndPublish && status !== 'published' ? null : 'publish';
    case 'update':
      return draftAndPublish && status !== 'published' ? null : 'update';
    default:
      return null;
  }
};

/**
 * Notifies the city website (WEBSITE_WEBHOOK_URL) when public content changes: publish, unpublish,
 * update of published content, delete. A Document Service middleware, so it sees every entry path
 * (admin, REST, code). The notification is a row of the outbox written in the change's own
 * transaction (both are saved or neither), delivered afterwards by the outbox worker: it never
 * delays the change, and survives a restart or an outage of the website.
 */
export const websiteWebhook: DocumentLayer = (strapi) => async (context, next) => {
  // Only the types declared public (src/api/<type>/contributions.ts): the outbox is not content.
  if (!contributionOf(context.uid)?.public || !process.env.WEBSITE_WEBHOOK_URL) return next();
  const model = strapi.getModel(context.uid);
  const params = context.params as { documentId?: string; locale?: string; status?: string };
  const event = eventFor(context.action, model.options?.draftAndPublish === true, params.status);
  if (!event) return next();

  return strapi.db.transaction(async () => {
    // What a deletion removes from the public site is read before it goes: its published version.
    // A draft that was never published is not public: its deletion tells the website nothing
    // (and its slug, which may name an unpublished submission, stays private).
    const before =
      event === 'delete' && params.documentId
        ? ((await strapi.documents(context.uid).findOne({
            documentId: params.documentId,
            locale: params.locale,
            status: 'published',
            // A type without a slug (a funding line) is named by its documentId.
            fields: runtimeFields('slug' in model.attributes ? ['slug', 'locale'] : ['locale']),
          })) as DocumentResult | null)
        : null;

    const result = await next();
    if (event === 'delete' && !before) return result;

    const entries = event === 'delete' ? [{ ...before, documentId: params.documentId }] : touched(result);
    for (const entry of entries) {
      const payload: WebhookPayload = {
        event,
        type: model.info.singularName,
        documentId: entry.documentId ?? params.documentId ?? '',
        slug: entry.slug ?? null,
        locale: entry.locale ?? params.locale ?? null,
        occurredAt: new Date().toISOString(),
      };
      await enqueue(
        strapi,
        'webhook',
        `${payload.event} ${payload.type} ${payload.slug ?? payload.documentId} (${payload.locale ?? '-'})`,
        { ...payload },
      );
    }
    return result;
  });
};
