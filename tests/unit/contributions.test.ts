import fs from 'node:fs';
import path from 'node:path';
import {
  collect,
  discover,
  CONTRIBUTIONS,
  COUNTED,
  MAP_TYPES,
  PUBLIC_UIDS,
  SEARCH_TYPES,
  SUBMITTED_TYPES,
  TIMELINE_TYPES,
  type Contribution,
} from '../../src/contributions';
import { declarationProblems } from '../../src/contributions/check';
import { schemaOf } from '../helpers/types';

const attributesOf = (name: string, api?: string) => schemaOf(name, api).attributes;

const API = path.join(__dirname, '..', '..', 'src', 'api');
const typeFolders = fs
  .readdirSync(API, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .filter((entry) => fs.existsSync(path.join(API, entry.name, 'content-types')))
  .map((entry) => entry.name)
  .sort();

describe('the types declare their contributions (src/api/<type>/contributions.ts)', () => {
  it('every content type folder has a declaration, found without a list of types', () => {
    expect(CONTRIBUTIONS.map((contribution) => contribution.name).sort()).toEqual(typeFolders);
  });

  it.each(CONTRIBUTIONS.map((contribution) => [contribution.name, contribution] as const))(
    '%s: every attribute its declaration names exists in its schema, of a usable kind',
    (name, contribution) => {
      expect(declarationProblems(contribution, attributesOf(name))).toEqual([]);
    },
  );

  it('a declaration naming a missing or unusable attribute is reported (the check can fail)', () => {
    const action = CONTRIBUTIONS.find((contribution) => contribution.name === 'action') as Contribution;
    const drifted: Contribution = {
      ...action,
      search: { label: 'title', fields: { title: 'A', heading: 'B' } },
      stats: { key: 'actions', countries: 'country', breakdown: { key: 'x', attribute: 'title' } },
      submission: { fields: ['title', 'themes'], relations: { image: 'taxonomy' } },
    };
    expect(declarationProblems(drifted, attributesOf('action'))).toEqual([
      'src/api/action/contributions.ts: search.fields names "heading", which is not an attribute',
      'src/api/action/contributions.ts: stats.breakdown names "title", a string (wanted enumeration)',
      'src/api/action/contributions.ts: submission.fields names "themes", a relation: list it in relations',
      'src/api/action/contributions.ts: submission.relations names "image", a media (wanted relation)',
    ]);
  });

  it('the tables of the shared features are built from the declarations', () => {
    expect(new Set(SEARCH_TYPES)).toEqual(
      new Set([
        'action',
        'association',
        'country',
        'delegation',
        'partnership',
        'school',
        'school-exchange',
        'theme',
      ]),
    );
    expect(new Set(TIMELINE_TYPES)).toEqual(new Set(['action', 'delegation', 'school-exchange']));
    expect(new Set(MAP_TYPES)).toEqual(new Set(['delegation', 'partnership', 'school-exchange']));
    expect(new Set(SUBMITTED_TYPES)).toEqual(new Set(['action', 'delegation', 'school-exchange']));
    expect(new Set(COUNTED.map(({ key }) => key))).toEqual(
      new Set(['actions', 'associations', 'delegations', 'partnerships', 'schoolExchanges']),
    );
    // Stated here, not derived: the tests that read every public type take their list from the
    // same declarations, so a type wrongly declared private would vanish from them too.
    expect(new Set(PUBLIC_UIDS)).toEqual(
      new Set([
        'api::action.action',
        'api::association.association',
        'api::country.country',
        'api::delegation.delegation',
        'api::funding.funding',
        'api::mission.mission',
        'api::partnership.partnership',
        'api::school.school',
        'api::school-exchange.school-exchange',
        'api::theme.theme',
      ]),
    );
  });

  it('a new type folder is taken in by what it declares, and nothing else has to change', () => {
    // tests/unit/fixtures/api/event: a schema and a contributions.ts, as in the README's walkthrough.
    const fixtures = path.join(__dirname, 'fixtures', 'api');
    const [event] = discover(fixtures);
    expect(event.name).toBe('event');
    expect(declarationProblems(event, attributesOf('event', fixtures))).toEqual([]);

    const tables = collect([...CONTRIBUTIONS, event]);
    expect(tables.SEARCH_TYPES).toContain('event');
    expect(tables.TIMELINE_TYPES).toContain('event');
    expect(tables.SUBMITTED.find((type) => type.uid === event.uid)?.rules).toBe(event.submission);
    expect(tables.PUBLIC_UIDS).toContain('api::event.event');
    // ...and only there: it declared no location and no counts.
    expect(tables.MAP_TYPES).not.toContain('event');
    expect(tables.COUNTED.map(({ uid }) => uid)).not.toContain('api::event.event');
    // The project's own tables are untouched.
    expect(SEARCH_TYPES).not.toContain('event');
  });
});
