import fs from 'node:fs';
import path from 'node:path';
import { specProblems, type ContentManagerSpec } from '../../src/content-manager/spec';

const API = path.join(__dirname, '..', '..', 'src', 'api');
const types = fs
  .readdirSync(API)
  .filter((type) => fs.existsSync(path.join(API, type, 'content-manager.json')));

describe('content-manager.json of each type', () => {
  it('exists for every content type', () => {
    const withSchema = fs
      .readdirSync(API)
      .filter((type) => fs.existsSync(path.join(API, type, 'content-types')));
    expect(types.sort()).toEqual(withSchema.sort());
  });

  it.each(types)('%s labels and places every field, and names only real ones', (type) => {
    const spec = JSON.parse(
      fs.readFileSync(path.join(API, type, 'content-manager.json'), 'utf8'),
    ) as ContentManagerSpec;
    const schema = JSON.parse(
      fs.readFileSync(path.join(API, type, 'content-types', type, 'schema.json'), 'utf8'),
    ) as {
      attributes: Record<string, { type: string }>;
    };
    expect(specProblems(spec, schema.attributes)).toEqual([]);
  });

  it('finds a missing field, an unknown one and an over-wide row', () => {
    const spec: ContentManagerSpec = {
      settings: { mainField: 'title', defaultSortBy: 'title', defaultSortOrder: 'ASC' },
      list: ['title'],
      fields: { title: { label: 'Titre' }, ghost: { label: 'Fantôme' } },
      edit: [['title:8', 'ghost:6']],
    };
    expect(specProblems(spec, { title: { type: 'string' }, slug: { type: 'uid' } })).toEqual([
      'slug has no label',
      'slug is not in the edit view',
      'ghost is not an attribute',
      'ghost is not an attribute',
      'edit row 1 is 14 wide (at most 12)',
    ]);
  });
});
