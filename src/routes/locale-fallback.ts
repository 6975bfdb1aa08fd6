import { factories, type UID } from '@strapi/strapi';
import { DEFAULT_LOCALE } from '../i18n/locales';
import { LOCALE_CODES, overlayTranslations, type Entry } from '../api/website/localized';
import type { Context, Next } from '../http/request-state';
import { runtimeFields } from '../documents/runtime-params';

const isLocalized = (uid: UID.ContentType): boolean =>
  (strapi.getModel(uid).pluginOptions as { i18n?: { localized?: boolean } } | undefined)?.i18n?.localized ===
  true;

/**
 * `?locale=en` on a plain list (`GET /api/<plural>`): every entry is listed — the French entries are
 * the reference, filtered, sorted and paginated as asked — and each is served in English where a
 * translation exists, in French otherwise, its `locale` saying which (as the curated routes do).
 * The translations' text is read through the Document Service (published only) with the client's
 * own `fields` (plus `locale`), sanitised for the caller like the rest, and laid over the French
 * entry (as src/api/website/localized.ts does). Filters and sort apply to the French text.
 */
export const localeFallback =
  (uid: UID.ContentType) =>
  async (ctx: Context, next: Next): Promise<void> => {
    const requested = ctx.query.locale;
    if (
      typeof requested !== 'string' ||
      requested === DEFAULT_LOCALE ||
      !(LOCALE_CODES as readonly string[]).includes(requested) ||
      !isLocalized(uid)
    ) {
      await next();
      return;
    }
    ctx.query.locale = DEFAULT_LOCALE;
    // Each entry says which locale it is served in, even when the client picks its fields.
    const fields: unknown = ctx.query.fields;
    if (typeof fields === 'string') ctx.query.fields = [...fields.split(','), 'locale'];
    else if (Array.isArray(fields)) ctx.query.fields = [...(fields as unknown[]), 'locale'];
    else if (fields && typeof fields === 'object')
      ctx.query.fields = [...Object.values(fields as Record<string, unknown>), 'locale'];
    await next();
    const body = ctx.body as { data?: unknown } | undefined;
    if (ctx.status !== 200 || !body || !Array.isArray(body.data) || body.data.length === 0) return;
    const reference = body.data as Entry[];

    const schema = strapi.getModel(uid);
    const auth = (ctx.state as { auth?: unknown }).auth;
    const asked = (await strapi.contentAPI.sanitize.query({ fields: ctx.query.fields }, schema, {
      auth,
    })) as {
      fields?: string[];
    };
    const translations = await strapi.documents(uid).findMany({
      fields: asked.fields && runtimeFields(asked.fields),
      locale: requested,
      status: ctx.query.status === 'draft' ? 'draft' : 'published',
      filters: { documentId: { $in: reference.map((entry) => entry.documentId) } },
    });
    const served = (await strapi.contentAPI.sanitize.output(translations, schema, { auth })) as Entry[];
    body.data = overlayTranslations(reference, served, requested);
  };

/** The core router of a collection type, its `find` falling back per entry to French. */
export const publicCollectionRouter = (uid: UID.ContentType) =>
  factories.createCoreRouter(uid, { config: { find: { middlewares: [localeFallback(uid)] } } });
