import type { StrapiApp } from '@strapi/strapi/admin';
import { BulletList, Calendar, ChartPie, Clock, PriceTag } from '@strapi/icons';
import { fr } from './translations/fr';
import { hasLabels, labelOf } from './fields/labels';
import { frenchEuros, parseCents } from '../validation/money';

/** An amount in cents as the lists show it: « 23 000,50 € ». */
const amountText = (value: unknown): string => {
  const cents = parseCents(value);
  return cents === null ? '' : `${frenchEuros(cents)}\u00a0€`;
};

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
    // Enumerations chosen by their French label (src/admin/fields/choice.tsx).
    app.customFields.register({
      name: 'choix',
      type: 'enumeration',
      intlLabel: { id: 'mission.choix.label', defaultMessage: 'Choix' },
      intlDescription: {
        id: 'mission.choix.description',
        defaultMessage: 'Une valeur parmi une liste, affichée en français',
      },
      icon: BulletList,
      components: {
        // Strapi types the input as a component without props; it receives the field's.
        Input: async () => ({
          default: (await import('./fields/choice')).default as unknown as React.ComponentType,
        }),
      },
    });
    // Dates of known precision: a year, a month or a day (src/admin/fields/partial-date.tsx).
    app.customFields.register({
      name: 'date-partielle',
      type: 'string',
      intlLabel: { id: 'mission.date-partielle.label', defaultMessage: 'Date (année, mois ou jour)' },
      intlDescription: {
        id: 'mission.date-partielle.description',
        defaultMessage: 'Une date connue à l’année, au mois ou au jour près',
      },
      icon: Calendar,
      components: {
        Input: async () => ({
          default: (await import('./fields/partial-date')).default as unknown as React.ComponentType,
        }),
      },
    });
    // Amounts held in cents, typed in euros (src/admin/fields/amount.tsx).
    app.customFields.register({
      name: 'montant',
      type: 'biginteger',
      intlLabel: { id: 'mission.montant.label', defaultMessage: 'Montant en euros' },
      intlDescription: {
        id: 'mission.montant.description',
        defaultMessage: 'Saisi en euros, gardé en centimes',
      },
      icon: PriceTag,
      components: {
        Input: async () => ({
          default: (await import('./fields/amount')).default as unknown as React.ComponentType,
        }),
      },
    });
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
