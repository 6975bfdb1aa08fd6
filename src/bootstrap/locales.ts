import type { Core } from '@strapi/strapi';
import { DEFAULT_LOCALE, LOCALES } from '../i18n/locales';
import { pluginService } from '../platform/services';

interface LocalesService {
  findByCode(code: string): Promise<{ id: number; code: string } | null>;
  create(locale: { code: string; name: string }): Promise<unknown>;
  getDefaultLocale(): Promise<string | undefined>;
  setDefaultLocale(params: { code: string }): Promise<unknown>;
}

/**
 * Creates the missing locales and makes French the default. Idempotent; deletes nothing, so a
 * locale that staff add in the admin stays.
 */
export const ensureLocales = async (strapi: Core.Strapi): Promise<void> => {
  const locales = pluginService<LocalesService>(strapi, 'i18n', 'locales');
  for (const locale of LOCALES) {
    if (!(await locales.findByCode(locale.code))) {
      await locales.create({ ...locale });
      strapi.log.info(`[locales] created ${locale.code}`);
    }
  }
  if ((await locales.getDefaultLocale()) !== DEFAULT_LOCALE) {
    await locales.setDefaultLocale({ code: DEFAULT_LOCALE });
    strapi.log.info(`[locales] default locale set to ${DEFAULT_LOCALE}`);
  }
};
