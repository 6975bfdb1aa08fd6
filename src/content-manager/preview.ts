import type { Core, UID } from '@strapi/strapi';

export interface PreviewTarget {
  documentId?: string;
  locale?: string;
  status?: 'draft' | 'published';
}

/**
 * The website page of an entry, for the admin panel's preview button:
 * `<WEBSITE_URL>/<plural>/<slug>` (a country by its ISO code, the Mission at `/mission`), with
 * `?locale=` and, for a draft, `&status=draft` so that the website fetches it with its preview token.
 * Null when WEBSITE_URL is not set or the entry has no page.
 */
export const previewUrl = async (
  strapi: Core.Strapi,
  websiteUrl: string,
  uid: string,
  { documentId, locale, status }: PreviewTarget,
): Promise<string | null> => {
  if (!websiteUrl || !uid.startsWith('api::')) return null;
  const model = strapi.getModel(uid as UID.ContentType);
  const base = websiteUrl.replace(/\/+$/, '');
  const query = new URLSearchParams();
  if (locale) query.set('locale', locale);
  if (status === 'draft') query.set('status', 'draft');
  const suffix = query.size > 0 ? `?${query.toString()}` : '';

  if (model.kind === 'singleType') return `${base}/${model.info.singularName}${suffix}`;
  if (!documentId) return null;
  const entry = (await strapi.documents(uid as UID.ContentType).findOne({
    documentId,
    locale,
    status: status ?? 'draft',
  })) as { slug?: string; isoCode?: string } | null;
  const key = entry?.isoCode ?? entry?.slug;
  if (!key) return null;
  return `${base}/${model.info.pluralName}/${encodeURIComponent(key)}${suffix}`;
};
