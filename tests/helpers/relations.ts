/**
 * Every public relation of the content model, as the pair of attributes that name it from each
 * end. The API tests walk each pair both ways; a test also checks that this list covers every
 * public relation declared in the schemas.
 */
export interface RelationPair {
  /** plural API name and attribute on one side */
  from: [plural: string, attribute: string];
  /** plural API name and attribute on the other side */
  to: [plural: string, attribute: string];
}

const pair = (from: string, to: string): RelationPair => {
  const [a, b] = from.split('.');
  const [c, d] = to.split('.');
  return { from: [a, b], to: [c, d] };
};

export const RELATION_PAIRS: RelationPair[] = [
  pair('partnerships.country', 'countries.partnerships'),
  pair('partnerships.themes', 'themes.partnerships'),
  pair('partnerships.delegations', 'delegations.partnership'),
  pair('partnerships.actions', 'actions.partnership'),
  pair('partnerships.schoolExchanges', 'school-exchanges.partnership'),
  pair('partnerships.associations', 'associations.partnerships'),
  pair('associations.countries', 'countries.associations'),
  pair('associations.themes', 'themes.associations'),
  pair('associations.actions', 'actions.associations'),
  pair('delegations.country', 'countries.delegations'),
  pair('delegations.themes', 'themes.delegations'),
  pair('actions.schools', 'schools.actions'),
  pair('actions.country', 'countries.actions'),
  pair('actions.themes', 'themes.actions'),
  pair('school-exchanges.school', 'schools.schoolExchanges'),
  pair('school-exchanges.country', 'countries.schoolExchanges'),
  pair('school-exchanges.themes', 'themes.schoolExchanges'),
  pair('fundings.partnership', 'partnerships.fundings'),
  pair('fundings.action', 'actions.fundings'),
  pair('fundings.delegation', 'delegations.fundings'),
  pair('fundings.country', 'countries.fundings'),
  pair('fundings.beneficiary', 'associations.fundings'),
];
