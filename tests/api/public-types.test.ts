import { anonymous } from '../helpers/client';
import { declaredKeys } from '../helpers/public-types';

const TYPES: Array<[path: string, name: string]> = [
  ['/api/partnerships?populate=*', 'Partnership'],
  ['/api/associations?populate=*', 'Association'],
  ['/api/delegations?populate=*', 'Delegation'],
  ['/api/actions?populate=*', 'Action'],
  ['/api/school-exchanges?populate=*', 'SchoolExchange'],
  ['/api/countries?populate=*', 'Country'],
  ['/api/themes?populate=*', 'Theme'],
  ['/api/schools?populate=*', 'School'],
  ['/api/mission?populate=*', 'Mission'],
];

describe('the public types describe what the API sends', () => {
  it.each(TYPES)('every key of %s is declared in %s', async (path, name) => {
    const response = await anonymous().get(path);
    expect(response.status).toBe(200);
    const data = (response.body as { data: Record<string, unknown> | Array<Record<string, unknown>> }).data;
    const entries = Array.isArray(data) ? data : [data];
    const declared = new Set(declaredKeys(name));
    for (const entry of entries) {
      expect(Object.keys(entry).filter((key) => !declared.has(key))).toEqual([]);
    }
  });
});
