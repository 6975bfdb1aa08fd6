import type { Core } from '@strapi/strapi';

/** The uid of the custom field that every enumeration of the content model uses. */
export const CHOICE_FIELD = 'global::choix';

/** The built-in type each custom field of this project stores (read before Strapi converts them). */
export const CUSTOM_FIELD_TYPES: Readonly<Record<string, 'enumeration'>> = { [CHOICE_FIELD]: 'enumeration' };

/**
 * `global::choix`: an enumeration (stored and served as its value, `material-donation`) that the
 * admin panel shows with its French label (« Don de matériel »): in the edit view through the
 * field's input (src/admin/fields/choice.tsx) and in the lists through a column formatter
 * (src/admin/app.tsx). The labels are in public/portail/choix.js, shared with the portal and the
 * README. Registered before the schemas are read, so that `"type": "customField"` attributes
 * become enumerations.
 */
export const registerChoiceField = (strapi: Core.Strapi): void => {
  strapi.customFields.register({ name: 'choix', type: CUSTOM_FIELD_TYPES[CHOICE_FIELD] });
};
