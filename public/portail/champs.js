// @ts-check
import { choicesOf } from './choix.js';
/**
 * The fields an association may send for each type it proposes: the same allow-list as the API
 * (`submission` in src/api/<type>/contributions.ts), with French labels and explanations. The API
 * checks everything again; the rules here only spare a round trip.
 */

/**
 * @typedef {{ name: string, label: string, hint?: string, required?: boolean, maxLength?: number, pattern?: [RegExp, string] } & (
 *   | { kind: 'text' | 'textarea' | 'markdown' | 'image' | 'date' | 'quantity' | 'integer' | 'location' | 'members' }
 *   | { kind: 'select', options: Array<[string, string]> }
 *   | { kind: 'one' | 'many', source: string }
 * )} Field
 */

/**
 * Each type: where it is sent, its fields, and the relation that names the association itself
 * (added by the portal, never typed), where the type has one.
 * @type {Record<string, { path: string, fields: Field[], ownAssociation?: string }>}
 */
export const FORMS = {
  action: {
    path: '/api/actions',
    ownAssociation: 'associations',
    fields: [
      { name: 'title', kind: 'text', label: 'Titre', required: true, maxLength: 200, hint: "Tel qu'il paraîtra sur le site de la ville." },
      {
        name: 'actionType',
        kind: 'select',
        label: "Type d'action",
        required: true,
        options: choicesOf('actionType'),
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

/** A place on the map (shared.location): its name, and its coordinates to place it. @param {string} name @param {string} label */
const location = (name, label) =>
  /** @type {Field} */ ({
    name,
    kind: 'location',
    label,
    hint: 'Facultatif. Pour placer le lieu sur la carte du site, ses coordonnées GPS en degrés décimaux (par exemple 0,39 et 9,45 pour Libreville).',
  });

FORMS.delegation = {
  path: '/api/delegations',
  fields: [
    { name: 'title', kind: 'text', label: 'Titre', required: true, maxLength: 200, hint: "Tel qu'il paraîtra sur le site de la ville." },
    {
      name: 'direction',
      kind: 'select',
      label: 'Sens',
      required: true,
      options: choicesOf('direction'),
    },
    { name: 'startDate', kind: 'date', label: 'Début', hint: "L'année au moins ; le mois et le jour si vous les connaissez." },
    { name: 'endDate', kind: 'date', label: 'Fin', hint: 'À laisser vide pour une visite d’un jour.' },
    { name: 'country', kind: 'one', label: 'Pays', source: '/api/countries?sort=name&fields[0]=name&pagination[pageSize]=100' },
    location('place', 'Lieu'),
    { name: 'members', kind: 'members', label: 'Membres de la délégation', hint: 'Un nom, une fonction, ou les deux (par exemple « le maire »).' },
    { name: 'purpose', kind: 'textarea', label: 'Objet de la visite', maxLength: 2000 },
    { name: 'themes', kind: 'many', label: 'Thématiques', source: '/api/themes?sort=name&fields[0]=name&pagination[pageSize]=100' },
    { name: 'report', kind: 'markdown', label: 'Compte rendu', hint: 'Mise en forme Markdown : **gras**, *italique*, listes commençant par « - ».' },
    { name: 'image', kind: 'image', label: 'Image', hint: 'JPEG, PNG ou WebP, 5 Mo au plus.' },
  ],
};

FORMS['school-exchange'] = {
  path: '/api/school-exchanges',
  fields: [
    { name: 'title', kind: 'text', label: 'Titre', required: true, maxLength: 200, hint: "Tel qu'il paraîtra sur le site de la ville." },
    {
      name: 'exchangeType',
      kind: 'select',
      label: "Type d'échange",
      options: choicesOf('exchangeType'),
    },
    { name: 'school', kind: 'one', label: 'Établissement de Courcouronnes', source: '/api/schools?sort=name&fields[0]=name&pagination[pageSize]=100' },
    { name: 'partnerSchool', kind: 'text', label: 'Établissement partenaire', maxLength: 200 },
    { name: 'partnerCity', kind: 'text', label: 'Ville partenaire', maxLength: 200 },
    { name: 'country', kind: 'one', label: 'Pays', source: '/api/countries?sort=name&fields[0]=name&pagination[pageSize]=100' },
    {
      name: 'schoolYear',
      kind: 'text',
      label: 'Année scolaire',
      maxLength: 9,
      hint: 'Par exemple 2010-2011.',
      pattern: [/^\d{4}-\d{4}$/, 'Écrivez deux années séparées par un tiret, par exemple 2010-2011.'],
    },
    { name: 'startDate', kind: 'date', label: 'Début', hint: "L'année au moins ; le mois et le jour si vous les connaissez." },
    { name: 'endDate', kind: 'date', label: 'Fin' },
    { name: 'pupilCount', kind: 'integer', label: "Nombre d'élèves" },
    location('location', 'Lieu'),
    { name: 'themes', kind: 'many', label: 'Thématiques', source: '/api/themes?sort=name&fields[0]=name&pagination[pageSize]=100' },
    { name: 'description', kind: 'markdown', label: 'Description', hint: 'Mise en forme Markdown : **gras**, *italique*, listes commençant par « - ».' },
    { name: 'image', kind: 'image', label: 'Image', hint: 'JPEG, PNG ou WebP, 5 Mo au plus.' },
  ],
};

/** The association's own profile (PUT /api/me/association), read back from GET /api/me/association. */
FORMS.association = {
  path: '/api/me/association',
  fields: [
    { name: 'name', kind: 'text', label: "Nom de l'association", required: true, maxLength: 200 },
    { name: 'summary', kind: 'textarea', label: 'En bref', maxLength: 1000, hint: 'Une ou deux phrases, reprises dans les listes du site.' },
    { name: 'description', kind: 'markdown', label: 'Présentation', hint: 'Mise en forme Markdown : **gras**, *italique*, listes commençant par « - ».' },
    { name: 'worldRegion', kind: 'text', label: 'Régions du monde où vous agissez', maxLength: 200, hint: 'Par exemple « Afrique centrale, Amérique du Nord ».' },
    { name: 'countries', kind: 'many', label: 'Pays', source: '/api/countries?sort=name&fields[0]=name&pagination[pageSize]=100' },
    { name: 'themes', kind: 'many', label: 'Thématiques', source: '/api/themes?sort=name&fields[0]=name&pagination[pageSize]=100' },
    {
      name: 'website',
      kind: 'text',
      label: 'Site web',
      maxLength: 300,
      hint: 'Son adresse complète, par exemple https://www.exemple.fr.',
      pattern: [/^https?:\/\/\S+$/, 'Écrivez l’adresse complète, commençant par https:// ou http://.'],
    },
    {
      name: 'siret',
      kind: 'text',
      label: 'Numéro SIRET',
      maxLength: 14,
      hint: "Les 14 chiffres de l'avis de situation au répertoire SIRENE, s'il y en a un ; public.",
      pattern: [/^\d{14}$/, 'Écrivez les 14 chiffres, sans espace.'],
    },
    {
      name: 'rna',
      kind: 'text',
      label: 'Numéro RNA',
      maxLength: 10,
      hint: 'W suivi de 9 chiffres, sur le récépissé de la préfecture ; public.',
      pattern: [/^W\d{9}$/, 'Écrivez W suivi de 9 chiffres, par exemple W912345678.'],
    },
    { name: 'email', kind: 'text', label: 'Adresse e-mail de contact', maxLength: 200, hint: 'Vue par la Mission seulement, jamais publiée.' },
    {
      name: 'phone',
      kind: 'text',
      label: 'Téléphone',
      maxLength: 30,
      hint: 'Vu par la Mission seulement, jamais publié.',
      pattern: [/^\+?[0-9 .()-]{6,30}$/, 'Écrivez le numéro avec des chiffres, par exemple 01 23 45 67 89.'],
    },
    { name: 'logo', kind: 'image', label: 'Logo', hint: 'JPEG, PNG ou WebP, 5 Mo au plus.' },
  ],
};

/** The months of a date of known precision (public/portail/choix.js, shared with the admin). */
export { MONTHS } from './choix.js';

export const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp'];
export const IMAGE_MAX_BYTES = 5 * 1024 * 1024;
