/**
 * Admin panel customisation: French is available and is the default language; each person can
 * switch to English in their profile.
 */
const LANGUAGE_KEY = 'strapi-admin-language';

export default {
  config: {
    locales: ['fr'],
  },
  register() {
    // Read by the admin panel when it starts: French unless the person chose another language.
    if (!window.localStorage.getItem(LANGUAGE_KEY)) {
      window.localStorage.setItem(LANGUAGE_KEY, 'fr');
    }
  },
  bootstrap() {},
};
