/**
 * What an association may send for each type it submits: the fields it may write, and among them
 * the relations, each limited to public taxonomies or to its own association.
 */
export interface SubmissionRules {
  /** Writable scalar and component fields. */
  fields: string[];
  /** Writable relations: to a public taxonomy (any entry), to the association itself, or an uploaded image. */
  relations: Record<string, 'taxonomy' | 'own-association' | 'image'>;
}

export const ACTION_RULES: SubmissionRules = {
  fields: [
    'title',
    'slug',
    'summary',
    'description',
    'actionType',
    'startDate',
    'endDate',
    'quantity',
    'beneficiaries',
    'partnerOrganisations',
  ],
  relations: {
    country: 'taxonomy',
    themes: 'taxonomy',
    schools: 'taxonomy',
    associations: 'own-association',
    image: 'image',
  },
};

export const DELEGATION_RULES: SubmissionRules = {
  fields: ['title', 'slug', 'direction', 'startDate', 'endDate', 'place', 'members', 'purpose', 'report'],
  relations: { country: 'taxonomy', themes: 'taxonomy', image: 'image' },
};

export const SCHOOL_EXCHANGE_RULES: SubmissionRules = {
  fields: [
    'title',
    'slug',
    'partnerSchool',
    'partnerCity',
    'exchangeType',
    'schoolYear',
    'startDate',
    'endDate',
    'pupilCount',
    'description',
    'location',
  ],
  relations: { school: 'taxonomy', country: 'taxonomy', themes: 'taxonomy', image: 'image' },
};

/** The types an association submits, by the name "my submissions" gives them. */
export const SUBMITTED_TYPES = [
  { type: 'action', uid: 'api::action.action', rules: ACTION_RULES },
  { type: 'delegation', uid: 'api::delegation.delegation', rules: DELEGATION_RULES },
  { type: 'school-exchange', uid: 'api::school-exchange.school-exchange', rules: SCHOOL_EXCHANGE_RULES },
] as const;

export const ASSOCIATION_PROFILE_RULES: SubmissionRules = {
  fields: ['name', 'summary', 'description', 'worldRegion', 'website', 'email', 'phone'],
  relations: { countries: 'taxonomy', themes: 'taxonomy', logo: 'image' },
};
