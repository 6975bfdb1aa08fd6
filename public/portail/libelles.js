// @ts-check
/** The portal's French words for the API's values. */

/** Where a submission stands. */
export const REVIEW_STATE = {
  submitted: 'Brouillon envoyé',
  'submitted-published': 'Publiée — modifications envoyées',
  'changes-requested': 'Modifications demandées',
  rejected: 'Refusée',
  published: 'Publiée',
};

/** @type {Record<string, string>} */
export const TYPE_LABEL = {
  action: 'Action',
  delegation: 'Délégation',
  'school-exchange': 'Échange scolaire',
  association: 'Fiche de l’association',
};

/** Where each submitted type is sent and removed in the API. @type {Record<string, string>} */
export const COLLECTION_PATH = {
  action: '/api/actions',
  delegation: '/api/delegations',
  'school-exchange': '/api/school-exchanges',
};

/** The portal's form of each submitted type (/portail/proposer/…). @type {Record<string, string>} */
export const FORM_PAGE = {
  action: 'action',
  delegation: 'delegation',
  'school-exchange': 'echange-scolaire',
};

/** The association profile's public fields, in the order they are shown. */
export const PROFILE_LABEL = {
  name: 'Nom',
  summary: 'En bref',
  description: 'Présentation',
  worldRegion: 'Région du monde',
  website: 'Site web',
};
