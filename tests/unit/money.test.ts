import {
  basisPointsToFraction,
  centsToDecimal,
  frenchEuros,
  parseCents,
  parseEuros,
} from '../../src/validation/money';

describe('money, in cents, never through a float', () => {
  it.each([
    ['23000', 2300000n],
    ['23 000,50', 2300050n],
    ['23\u202f000,5', 2300050n],
    ['23000.05', 2300005n],
    ['0,01', 1n],
    ['9999999999999,99', 999999999999999n],
    ['12 €', 1200n],
  ])('parseEuros(%j) is %s cents', (text, cents) => {
    expect(parseEuros(text)).toBe(cents);
  });

  it.each(['', 'abc', '12,345', '1e5', '-5', '12,', ',5', '12 000 000 000 000 000'])(
    'parseEuros(%j) is not an amount',
    (text) => {
      expect(parseEuros(text)).toBeNull();
    },
  );

  it('formats cents as euros', () => {
    expect(centsToDecimal(4780020n)).toBe('47800.20');
    expect(centsToDecimal(5n, ',')).toBe('0,05');
    expect(frenchEuros(123456789n)).toBe('1\u202f234\u202f567,89');
    expect(frenchEuros(999999999999999n)).toBe('9\u202f999\u202f999\u202f999\u202f999,99');
  });

  it('reads cents as stored', () => {
    expect(parseCents('900719925474099')).toBe(900719925474099n);
    expect(parseCents(12.5)).toBeNull();
    expect(parseCents('12.50')).toBeNull();
  });

  it('writes shares as fractions', () => {
    expect(basisPointsToFraction(4500)).toBe('0.45');
    expect(basisPointsToFraction(10000)).toBe('1');
    expect(basisPointsToFraction(125)).toBe('0.0125');
  });
});
