/**
 * Amounts of money are held in cents, as integers, from input to export: never a binary floating
 * point number. Strapi stores them as `biginteger` and reads them back as strings of digits.
 */

/** At most 999 999 999 999 999 cents (ten thousand billion euros): any budget line fits. */
const CENTS = /^\d{1,15}$/;

/** The cents in `value` (a string of digits or a safe integer), or null when it is not such a value. */
export const parseCents = (value: unknown): bigint | null => {
  if (typeof value === 'number') return Number.isSafeInteger(value) && value >= 0 ? BigInt(value) : null;
  if (typeof value === 'bigint') return value >= 0n ? value : null;
  if (typeof value !== 'string' || !CENTS.test(value.trim())) return null;
  return BigInt(value.trim());
};

/** Euros with a decimal point and two decimals: 2300050n → "23000.50" (SCDL, IATI). */
export const centsToDecimal = (cents: bigint, separator: '.' | ',' = '.'): string => {
  const sign = cents < 0n ? '-' : '';
  const absolute = cents < 0n ? -cents : cents;
  const units = absolute / 100n;
  const rest = (absolute % 100n).toString().padStart(2, '0');
  return `${sign}${units.toString()}${separator}${rest}`;
};

/** A share in basis points as a decimal fraction, without trailing zeros: 4500 → "0.45", 10000 → "1". */
export const basisPointsToFraction = (basisPoints: number): string => {
  const units = Math.trunc(basisPoints / 10000);
  const decimals = String(basisPoints % 10000)
    .padStart(4, '0')
    .replace(/0+$/, '');
  return decimals ? `${units}.${decimals}` : String(units);
};

/**
 * Euros as a person types them — `23000`, `23 000,50`, `23000.5` — as cents, read as text (never a
 * float); null when it is not an amount of euros with at most two decimals.
 */
export const parseEuros = (text: string): bigint | null => {
  const compact = text.replace(/[\s\u00a0\u202f]/g, '').replace(/€$/, '');
  const match = /^(\d{1,13})(?:[.,](\d{1,2}))?$/.exec(compact);
  if (!match) return null;
  return BigInt(match[1]) * 100n + BigInt((match[2] ?? '').padEnd(2, '0'));
};

/** Cents as euros in French: 123456789n → "1 234 567,89" (narrow no-break spaces between thousands). */
export const frenchEuros = (cents: bigint): string => {
  const [units, decimals] = centsToDecimal(cents, ',').split(',');
  return `${units.replace(/\B(?=(\d{3})+(?!\d))/g, '\u202f')},${decimals}`;
};

/** Cents as a French amount with its sign: 2300050n → "23 000,50 €" (a no-break space before €). */
export const euroText = (cents: bigint): string => `${frenchEuros(cents)}\u00a0€`;
