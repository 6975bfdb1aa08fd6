import type { Core } from '@strapi/strapi';

/** The uid of the custom field that every enumeration of the content model uses. */
export const CHOICE_FIELD = 'global::choix';
/** The uid of the custom field of the dates of known precision (`2010`, `2011-05`, `2011-05-14`). */
export const PARTIAL_DATE_FIELD = 'global::date-partielle';
/** The uid of the custom field of amounts of money, held in cents (`2300050`), typed in euros. */
export const AMOUNT_FIELD = 'global::montant';

/** The built-in type each custom field of this project stores (read before Strapi converts them). */
export const CUSTOM_FIELD_TYPES: Readonly<Record<string, 'enumeration' | 'string' | 'biginteger'>> = {
  [CHOICE_FIELD]: 'enumeration',
  [PARTIAL_DATE_FIELD]: 'string',
  [AMOUNT_FIELD]: 'biginteger',
};

/**
 * The project's custom fields, registered before the schemas are read (so that `"type":
 * "customField"` attributes become the type they store):
 * - `global::choix`, an enumeration (stored and served as its value, `material-donation`) that the
 *   admin shows by its French label (« Don de matériel »): in the edit view through its input
 *   (src/admin/fields/choice.tsx), in the lists through a column formatter (src/admin/app.tsx); the
 *   labels are in public/portail/choix.js, shared with the portal and the README;
 * - `global::date-partielle`, a date of known precision stored as its ISO 8601 text of reduced
 *   precision (`2010`, `2011-05`, `2011-05-14`), entered as a year, a month or a day
 *   (src/admin/fields/partial-date.tsx), the end-before-start check shown as soon as it is typed;
 * - `global::montant`, an amount of money held in cents (biginteger, `2300050`), typed and shown in
 *   euros (« 23 000,50 ») by its input (src/admin/fields/amount.tsx), never through a float.
 */
export const registerCustomFields = (strapi: Core.Strapi): void => {
  strapi.customFields.register({ name: 'choix', type: CUSTOM_FIELD_TYPES[CHOICE_FIELD] });
  strapi.customFields.register({ name: 'date-partielle', type: CUSTOM_FIELD_TYPES[PARTIAL_DATE_FIELD] });
  strapi.customFields.register({ name: 'montant', type: CUSTOM_FIELD_TYPES[AMOUNT_FIELD] });
};
