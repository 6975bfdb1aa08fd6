/**
 * What an association may send for each type it submits: the fields it may write, and among them
 * the relations, each limited to public taxonomies or to its own association.
 */
export interface SubmissionRules {
  /** Writable scalar and component fields. */
  fields: string[];
  /** Writable relations: to a public taxonomy (any entry), or to the association itself. */
  relations: Record<string, 'taxonomy' | 'own-association'>;
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
  },
};

export const ASSOCIATION_PROFILE_RULES: SubmissionRules = {
  fields: ['name', 'summary', 'description', 'worldRegion', 'website', 'email', 'phone'],
  relations: { countries: 'taxonomy', themes: 'taxonomy' },
};
