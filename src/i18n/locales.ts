/** French is the default locale (the source text is French), English is available. */
export const DEFAULT_LOCALE = 'fr';

export const LOCALES = [
  { code: 'fr', name: 'French (fr)' },
  { code: 'en', name: 'English (en)' },
] as const;

export type LocaleCode = (typeof LOCALES)[number]['code'];
