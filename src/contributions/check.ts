import { CUSTOM_FIELD_TYPES } from '../content-manager/custom-fields';
import type { Contribution } from './types';

/** What the check needs to know of an attribute of the declared type. */
export interface DeclaredAttribute {
  type: string;
  /** A custom field's uid (`type: 'customField'`): its kind is the type it was registered with. */
  customField?: string;
}

/** The kind of an attribute: a custom field's is the built-in type it stores. */
const kindOf = (attribute: DeclaredAttribute): string =>
  attribute.type === 'customField' && attribute.customField
    ? (CUSTOM_FIELD_TYPES[attribute.customField] ?? attribute.type)
    : attribute.type;

/**
 * What is wrong with a type's declaration for its schema's attributes (empty when nothing): every
 * attribute a declaration names must exist and be of a kind that the feature can use. The
 * features read these names at run time (the compiler cannot tie them to one schema), so this
 * check runs when the declarations are collected at start-up, and in the unit tests.
 */
export const declarationProblems = (
  contribution: Contribution,
  attributes: Readonly<Record<string, DeclaredAttribute>>,
): string[] => {
  const problems: string[] = [];
  const where = `src/api/${contribution.name}/contributions.ts`;
  const expect = (feature: string, name: string, kinds: readonly string[]): void => {
    const attribute = Object.hasOwn(attributes, name) ? attributes[name] : undefined;
    if (!attribute) problems.push(`${where}: ${feature} names "${name}", which is not an attribute`);
    else if (!kinds.includes(kindOf(attribute)))
      problems.push(
        `${where}: ${feature} names "${name}", a ${kindOf(attribute)} (wanted ${kinds.join(' or ')})`,
      );
  };
  const TEXT = ['string', 'text', 'richtext', 'uid', 'email', 'blocks'];
  const { search, timeline, map, stats, submission, profile } = contribution;

  if (search) {
    expect('search.label', search.label, TEXT);
    if (search.summary) expect('search.summary', search.summary, TEXT);
    for (const field of Object.keys(search.fields)) expect('search.fields', field, TEXT);
    expect('search (slug)', 'slug', ['uid']);
  }
  if (timeline) {
    expect('timeline.summary', timeline.summary, TEXT);
    for (const name of ['title', 'slug', 'startDate', 'endDate']) expect('timeline', name, ['string', 'uid']);
    for (const name of ['country', 'themes']) expect('timeline', name, ['relation']);
  }
  if (map) {
    expect('map.location', map.location, ['component']);
    for (const name of ['title', 'slug']) expect('map', name, ['string', 'uid']);
    expect('map', 'themes', ['relation']);
  }
  if (stats) {
    expect('stats.countries', stats.countries, ['relation']);
    expect('stats', 'themes', ['relation']);
    if (stats.breakdown) expect('stats.breakdown', stats.breakdown.attribute, ['enumeration']);
  }
  for (const [feature, rules] of [
    ['submission', submission],
    ['profile', profile],
  ] as const) {
    if (!rules) continue;
    for (const field of rules.fields) {
      const attribute = Object.hasOwn(attributes, field) ? attributes[field] : undefined;
      if (!attribute)
        problems.push(`${where}: ${feature}.fields names "${field}", which is not an attribute`);
      else if (attribute.type === 'relation' || attribute.type === 'media')
        problems.push(
          `${where}: ${feature}.fields names "${field}", a ${attribute.type}: list it in relations`,
        );
    }
    for (const [relation, kind] of Object.entries(rules.relations)) {
      expect(`${feature}.relations`, relation, kind === 'image' ? ['media'] : ['relation']);
    }
    if (feature === 'submission') {
      // What the submission service and the review notifications write and read on every entry.
      expect('submission', 'ownerAssociation', ['relation']);
      expect('submission', 'reviewState', ['enumeration']);
      expect('submission', 'reviewComment', TEXT);
      expect('submission', 'title', ['string']);
      expect('submission', 'slug', ['uid']);
    }
  }
  return problems;
};
