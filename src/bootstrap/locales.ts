import type { Core } from '@strapi/strapi';
import { DEFAULT_LOCALE, LOCALES, STRAPI_LOCALE_NAMES } from '../i18n/locales';
import { pluginService } from '../platform/services';

interface LocalesService {
  findByCode(code: string): Promise<{ id: number; code: string; name: string } | null>;
  update(params: { id: number }, updates: { name: string }): Promise<unknown>;
  create(locale: { code: string; name: string }): Promise<unknown>;
  getDefaultLocale(): Promise<string | undefined>;
  setDefaultLocale(params: { code: string }): Promise<unknown>;
}

/**
 * Creates the missing locales, names them in French where they still have Strapi's English name,
 * and makes French the default. Idempotent; deletes nothing, so a locale that staff add (or rename)
 * in the admin stays as they made it.
 */
export const ensureLocales = async (strapi: Core.Strapi): Promise<void> => {
  const locales = pluginService<LocalesService>(strapi, 'i18n', 'locales');
  for (const locale of LOCALES) {
    const existing = await locales.findByCode(locale.code);
    if (!existing) {
      await locales.create({ ...locale });
      strapi.log.info(`[locales] created ${locale.code}`);
    } else if (existing.name === STRAPI_LOCALE_NAMES[locale.code]) {
      await locales.update({ id: existing.id }, { name: locale.name });
      strapi.log.info(`[locales] ${locale.code} named ${locale.name}`);
    }
  }
  if ((await locales.getDefaultLocale()) !== DEFAULT_LOCALE) {
    await locales.setDefaultLocale({ code: DEFAULT_LOCALE });
    strapi.log.info(`[locales] default locale set to ${DEFAULT_LOCALE}`);
  }
};
