/** French is the default locale (the source text is French), English is available. */
export const DEFAULT_LOCALE = 'fr';

/** Their names as the admin panel shows them (the locale picker, the lists' « Disponible en »). */
export const LOCALES = [
  { code: 'fr', name: 'Français (fr)' },
  { code: 'en', name: 'Anglais (en)' },
] as const;

/** The names Strapi gives these locales by default, renamed at start-up (src/bootstrap/locales.ts). */
export const STRAPI_LOCALE_NAMES: Readonly<Record<string, string>> = {
  fr: 'French (fr)',
  en: 'English (en)',
};

export type LocaleCode = (typeof LOCALES)[number]['code'];
