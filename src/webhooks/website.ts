import crypto from 'node:crypto';
import type { Core, UID } from '@strapi/strapi';

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

export const SIGNATURE_HEADER = 'x-webhook-signature';

/** `sha256=<hex>`: HMAC-SHA256 of the exact body with the shared secret. */
export const sign = (body: string, secret: string): string =>
  `sha256=${crypto.createHmac('sha256', secret).update(body).digest('hex')}`;

interface DeliverySettings {
  url: string;
  secret: string;
  maxAttempts: number;
  retryBaseMs: number;
  timeoutMs: number;
}

const settingsFromEnv = (): DeliverySettings | null => {
  const url = process.env.WEBSITE_WEBHOOK_URL;
  if (!url) return null;
  return {
    url,
    secret: process.env.WEBSITE_WEBHOOK_SECRET ?? '',
    maxAttempts: Number(process.env.WEBSITE_WEBHOOK_MAX_ATTEMPTS ?? 6),
    retryBaseMs: Number(process.env.WEBSITE_WEBHOOK_RETRY_MS ?? 1000),
    timeoutMs: Number(process.env.WEBSITE_WEBHOOK_TIMEOUT_MS ?? 5000),
  };
};

const wait = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Sends one notification, retrying with exponential backoff (base, 2×base, 4×base...) until the
 * website answers 2xx or the attempts run out. Runs in the background: never awaited by a save.
 */
export const deliver = async (strapi: Core.Strapi, payload: WebhookPayload, settings: DeliverySettings) => {
  const body = JSON.stringify(payload);
  const id = crypto.randomUUID();
  for (let attempt = 1; attempt <= settings.maxAttempts; attempt += 1) {
    try {
      const response = await fetch(settings.url, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          [SIGNATURE_HEADER]: sign(body, settings.secret),
          'x-webhook-id': id,
          'x-webhook-attempt': String(attempt),
        },
        body,
        signal: AbortSignal.timeout(settings.timeoutMs),
      });
      if (response.ok) return true;
      strapi.log.warn(
        `[webhook] ${payload.event} ${payload.type} ${payload.slug}: HTTP ${response.status} (attempt ${attempt})`,
      );
    } catch (error) {
      strapi.log.warn(
        `[webhook] ${payload.event} ${payload.type} ${payload.slug}: ${(error as Error).message} (attempt ${attempt})`,
      );
    }
    if (attempt < settings.maxAttempts) await wait(settings.retryBaseMs * 2 ** (attempt - 1));
  }
  strapi.log.error(`[webhook] gave up on ${payload.event} ${payload.type} ${payload.slug} (${id})`);
  return false;
};

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
 * (admin, REST, code); the notification is sent after the change and never delays it.
 */
export const registerWebsiteWebhook = (strapi: Core.Strapi): void => {
  strapi.documents.use(async (context, next) => {
    if (!context.uid.startsWith('api::')) return next();
    const settings = settingsFromEnv();
    if (!settings) return next();
    const model = strapi.getModel(context.uid);
    const params = context.params as { documentId?: string; locale?: string; status?: string };
    const event = eventFor(context.action, model.options?.draftAndPublish === true, params.status);
    if (!event) return next();

    // What a deletion removes from the public site is read before it goes: its published version.
    // A draft that was never published is not public: its deletion tells the website nothing
    // (and its slug, which may name an unpublished submission, stays private).
    const before =
      event === 'delete' && params.documentId
        ? ((await strapi.documents(context.uid as UID.ContentType).findOne({
            documentId: params.documentId,
            locale: params.locale,
            status: 'published',
            fields: ['slug', 'locale'],
          } as never)) as DocumentResult | null)
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
      void deliver(strapi, payload, settings);
    }
    return result;
  });
};
