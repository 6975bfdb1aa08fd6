import { dateRangeErrors, isBefore, parsePartialDate } from '../../src/validation/partial-dates';
import { validateCountry } from '../../src/api/country/validation';
import { validateSchoolExchange } from '../../src/api/school-exchange/validation';
import { validateDelegation } from '../../src/api/delegation/validation';

describe('partial dates', () => {
  it.each(['2010', '2011-05', '2011-05-14', '2012-02-29'])('%s is a date', (value) => {
    expect(parsePartialDate(value)).not.toBeNull();
  });
  it.each(['2011-13', '2011-00', '2011-02-30', '2011-02-29', '11-05', '2011/05', '2011-5', ''])(
    '%s is not',
    (value) => {
      expect(parsePartialDate(value)).toBeNull();
    },
  );
  it('compares at the precision both dates share', () => {
    expect(isBefore('2011', '2011-05')).toBe(false);
    expect(isBefore('2011-04', '2011-05')).toBe(true);
    expect(isBefore('2010-12-31', '2011')).toBe(true);
    expect(isBefore('2011-05-01', '2011-05')).toBe(false);
  });
  it('an end before the start names endDate', () => {
    expect(dateRangeErrors({ startDate: '2011-05', endDate: '2011-04-30' })).toEqual([
      { path: ['endDate'], message: 'endDate must not be before startDate' },
    ]);
    expect(dateRangeErrors({ startDate: '2011-05', endDate: null })).toEqual([]);
  });
});

describe('type rules', () => {
  it('a country code must be assigned by ISO 3166-1', () => {
    expect(validateCountry({ isoCode: 'GA' })).toEqual([]);
    expect(validateCountry({ isoCode: 'XK' })[0].path).toEqual(['isoCode']);
  });
  it('a school year spans two consecutive years', () => {
    expect(validateSchoolExchange({ schoolYear: '2011-2012' })).toEqual([]);
    expect(validateSchoolExchange({ schoolYear: '2011-2011' })[0].path).toEqual(['schoolYear']);
  });
  it('a delegation member needs a name or a role', () => {
    expect(validateDelegation({ members: [{ role: 'Présidente' }] })).toEqual([]);
    expect(
      validateDelegation({ members: [{ role: 'Présidente' }, { name: null, role: '' }] })[0].path,
    ).toEqual(['members', '1']);
  });
});
