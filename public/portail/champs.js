// @ts-check
/**
 * The fields an association may send for each type it proposes: the same allow-list as the API
 * (`submission` in src/api/<type>/contributions.ts), with French labels and explanations. The API
 * checks everything again; the rules here only spare a round trip.
 */

/**
 * @typedef {{ name: string, label: string, hint?: string, required?: boolean, maxLength?: number } & (
 *   | { kind: 'text' | 'textarea' | 'markdown' | 'image' | 'date' | 'quantity' }
 *   | { kind: 'select', options: Array<[string, string]> }
 *   | { kind: 'one' | 'many', source: string }
 * )} Field
 */

/** @type {Record<string, { path: string, fields: Field[] }>} */
export const FORMS = {
  action: {
    path: '/api/actions',
    fields: [
      { name: 'title', kind: 'text', label: 'Titre', required: true, maxLength: 200, hint: "Tel qu'il paraîtra sur le site de la ville." },
      {
        name: 'actionType',
        kind: 'select',
        label: "Type d'action",
        required: true,
        options: [
          ['material-donation', 'Don de matériel'],
          ['training', 'Formation'],
          ['programme-adaptation', "Adaptation d'un programme"],
          ['cultural-exchange', 'Échange culturel'],
          ['hosting', 'Accueil'],
          ['event', 'Événement'],
          ['study-visit', "Visite d'étude"],
          ['other', 'Autre'],
        ],
      },
      { name: 'summary', kind: 'textarea', label: 'En bref', maxLength: 1000, hint: "Une ou deux phrases, reprises dans les listes du site." },
      { name: 'startDate', kind: 'date', label: 'Début', hint: "L'année au moins ; le mois et le jour si vous les connaissez." },
      { name: 'endDate', kind: 'date', label: 'Fin', hint: 'À laisser vide pour une action d’un jour ou qui continue.' },
      { name: 'country', kind: 'one', label: 'Pays', source: '/api/countries?sort=name&fields[0]=name&pagination[pageSize]=100' },
      { name: 'themes', kind: 'many', label: 'Thématiques', source: '/api/themes?sort=name&fields[0]=name&pagination[pageSize]=100' },
      { name: 'schools', kind: 'many', label: 'Établissements scolaires concernés', source: '/api/schools?sort=name&fields[0]=name&pagination[pageSize]=100' },
      { name: 'quantity', kind: 'quantity', label: 'Quantité', hint: 'Par exemple 1 tonne de matériel, ou 300 livres.' },
      { name: 'beneficiaries', kind: 'text', label: 'Bénéficiaires', maxLength: 500, hint: 'Qui en profite : une école, un village, des jeunes…' },
      { name: 'partnerOrganisations', kind: 'text', label: 'Organisations partenaires', maxLength: 500 },
      {
        name: 'description',
        kind: 'markdown',
        label: 'Description',
        hint: 'Mise en forme Markdown : **gras**, *italique*, listes commençant par « - », liens [texte](https://…).',
      },
      { name: 'image', kind: 'image', label: 'Image', hint: 'JPEG, PNG ou WebP, 5 Mo au plus.' },
    ],
  },
};

export const MONTHS = [
  'janvier',
  'février',
  'mars',
  'avril',
  'mai',
  'juin',
  'juillet',
  'août',
  'septembre',
  'octobre',
  'novembre',
  'décembre',
];

export const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp'];
export const IMAGE_MAX_BYTES = 5 * 1024 * 1024;
