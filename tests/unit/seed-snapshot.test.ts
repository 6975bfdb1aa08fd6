import { seedChanges } from '../helpers/seed-snapshot';

describe('the seed snapshot comparison (tests leave the seed data as they found it)', () => {
  it('names each entry changed, gone or new, and nothing when all is the same', () => {
    const before = new Map([
      ['01-countries.json gabon (published, fr)', '{"name":"Gabon"}'],
      ['01-countries.json canada (published, fr)', '{"name":"Canada"}'],
    ]);
    expect(seedChanges(before, new Map(before))).toEqual([]);
    const after = new Map([
      ['01-countries.json gabon (published, fr)', '{"name":"Gabon (modifié)"}'],
      ['01-countries.json norvege (published, fr)', '{"name":"Norvège"}'],
    ]);
    expect(seedChanges(before, after).map((line) => line.split('\n')[0])).toEqual([
      '01-countries.json gabon (published, fr): changed',
      '01-countries.json canada (published, fr): gone',
      '01-countries.json norvege (published, fr): appeared',
    ]);
  });
});
