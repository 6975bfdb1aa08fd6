import { isValidSiret, siretErrors } from '../../src/validation/registry-ids';

describe('SIRET check digit', () => {
  it.each([
    ['21060004500392', 'Antibes, from the SCDL example'],
    ['52499120500013', 'an association of the SCDL example'],
    ['73282932000074', 'a company'],
    ['35600000000048', 'La Poste, head office (Luhn)'],
    ['35600000049837', 'a La Poste establishment (digits sum to a multiple of 5)'],
  ])('accepts %s (%s)', (siret) => {
    expect(isValidSiret(siret)).toBe(true);
  });

  it.each([
    ['21060004500393', 'the last digit changed'],
    ['12060004500392', 'two digits swapped'],
    ['2106000450039', '13 digits'],
    ['2106000450039A', 'a letter'],
    ['35600000049838', 'La Poste, neither rule'],
  ])('refuses %s (%s)', (siret) => {
    expect(isValidSiret(siret)).toBe(false);
  });

  it('names the field whose check digit is wrong, and leaves the format to the schema', () => {
    expect(siretErrors({ siret: '21060004500393' }, ['siret'])).toEqual([
      { path: ['siret'], message: 'siret "21060004500393" is not a valid SIRET (its check digit is wrong)' },
    ]);
    expect(siretErrors({ siret: '21060004500392' }, ['siret'])).toEqual([]);
    expect(siretErrors({ siret: 'abc' }, ['siret'])).toEqual([]);
    expect(siretErrors({ siret: null }, ['siret'])).toEqual([]);
  });
});
