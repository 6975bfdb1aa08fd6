import type { StrapiApp } from '@strapi/strapi/admin';
import { BulletList, Calendar, ChartPie, Clock, PriceTag } from '@strapi/icons';
import { fr } from './translations/fr';
import { hasLabels, labelOf } from './fields/labels';
import { euroText, parseCents } from '../validation/money';

/** An amount in cents as the lists show it: « 23 000,50 € ». */
const amountText = (value: unknown): string => {
  const cents = parseCents(value);
  return cents === null ? '' : euroText(cents);
};

/** The inputs of the project's custom fields, registered on the server under the same names. */
const CUSTOM_FIELDS = [
  {
    // Enumerations chosen by their French label.
    name: 'choix',
    type: 'enumeration',
    label: 'Choix',
    description: 'Une valeur parmi une liste, affichée en français',
    icon: BulletList,
    input: () => import('./fields/choice'),
  },
  {
    // Dates of known precision: a year, a month or a day.
    name: 'date-partielle',
    type: 'string',
    label: 'Date (année, mois ou jour)',
    description: 'Une date connue à l’année, au mois ou au jour près',
    icon: Calendar,
    input: () => import('./fields/partial-date'),
  },
  {
    // Amounts held in cents, typed in euros.
    name: 'montant',
    type: 'biginteger',
    label: 'Montant en euros',
    description: 'Saisi en euros, gardé en centimes',
    icon: PriceTag,
    input: () => import('./fields/amount'),
  },
] as const;

interface ListFilter {
  name: string;
  options?: Array<{ label: string; value: string }>;
}

interface ListHeader {
  name: string;
  attribute?: { type?: string; customField?: string };
  cellFormatter?: (row: Record<string, unknown>) => React.ReactNode;
}

/**
 * Admin panel customisation: French is available and is the default language; each person can
 * switch to English in their profile.
 */
const LANGUAGE_KEY = 'strapi-admin-language';

export default {
  config: {
    locales: ['fr'],
    // Strapi's strings it leaves in English (src/admin/translations/fr.ts).
    translations: { fr },
  },
  register(app: StrapiApp) {
    // Read by the admin panel when it starts: French unless the person chose another language.
    if (!window.localStorage.getItem(LANGUAGE_KEY)) {
      window.localStorage.setItem(LANGUAGE_KEY, 'fr');
    }
    // The e-APD declaration (src/admin/pages/e-apd.tsx), for staff who may publish funding lines.
    app.addMenuLink({
      to: 'declaration-e-apd',
      icon: ChartPie,
      intlLabel: { id: 'mission.e-apd.menu', defaultMessage: 'Déclaration e-APD' },
      permissions: [{ action: 'plugin::content-manager.explorer.publish', subject: 'api::funding.funding' }],
      Component: () => import('./pages/e-apd'),
    });
    // The project's custom fields (src/content-manager/custom-fields.ts), each with its input.
    for (const field of CUSTOM_FIELDS) {
      app.customFields.register({
        name: field.name,
        type: field.type,
        intlLabel: { id: `mission.${field.name}.label`, defaultMessage: field.label },
        intlDescription: { id: `mission.${field.name}.description`, defaultMessage: field.description },
        icon: field.icon,
        components: {
          // Strapi types the input as a component without props; it receives the field's.
          Input: async () => ({ default: (await field.input()).default as unknown as React.ComponentType }),
        },
      });
    }
    // The review queue (src/admin/widgets/review-queue.tsx), first on the home page, for staff who
    // may publish what associations submit.
    app.widgets.register((widgets) => [
      {
        id: 'review-queue',
        icon: Clock,
        title: { id: 'mission.review-queue.title', defaultMessage: 'Propositions à relire' },
        component: async () => (await import('./widgets/review-queue')).default,
        permissions: [{ action: 'plugin::content-manager.explorer.publish', subject: 'api::action.action' }],
      },
      ...widgets,
    ]);
  },
  bootstrap(app: StrapiApp) {
    // The lists' filters offer an enumeration's values by their French labels.
    app.registerHook(
      'Admin/CM/pages/ListView/inject-in-filters',
      ({ displayedFilters, layout }: { displayedFilters: ListFilter[]; layout: unknown }) => ({
        layout,
        displayedFilters: displayedFilters.map((filter) =>
          hasLabels(filter.name) && Array.isArray(filter.options)
            ? {
                ...filter,
                options: filter.options.map((option) => ({
                  ...option,
                  label: labelOf(filter.name, option.value),
                })),
              }
            : filter,
        ),
      }),
    );
    // The lists show an enumeration's French label, not its value.
    app.registerHook(
      'Admin/CM/pages/ListView/inject-column-in-table',
      ({ displayedHeaders, layout }: { displayedHeaders: ListHeader[]; layout: unknown }) => ({
        layout,
        displayedHeaders: displayedHeaders.map((header) =>
          header.attribute?.customField === 'global::choix' && hasLabels(header.name)
            ? {
                ...header,
                cellFormatter: (row: Record<string, unknown>) => labelOf(header.name, row[header.name]),
              }
            : header.attribute?.customField === 'global::montant'
              ? { ...header, cellFormatter: (row: Record<string, unknown>) => amountText(row[header.name]) }
              : header,
        ),
      }),
    );
  },
};
