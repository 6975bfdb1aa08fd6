import type { DocumentData, FieldError } from './field-errors';

/**
 * The check digit of a SIRET (INSEE): the Luhn sum of its 14 digits is a multiple of 10; La Poste's
 * establishments (SIREN 356 000 000), numbered in sequence, may instead have digits summing to a
 * multiple of 5.
 */
export const isValidSiret = (siret: string): boolean => {
  if (!/^\d{14}$/.test(siret)) return false;
  const digits = Array.from(siret, Number);
  if (siret.startsWith('356000000') && digits.reduce((sum, digit) => sum + digit, 0) % 5 === 0) return true;
  const luhn = digits.reduce((sum, digit, index) => {
    // From the right, every second digit doubled: index 0 of 14 digits is the 14th from the right.
    const doubled = index % 2 === 0 ? digit * 2 : digit;
    return sum + (doubled > 9 ? doubled - 9 : doubled);
  }, 0);
  return luhn % 10 === 0;
};

/** The SIRET fields among `fields` whose check digit is wrong (their format is the schema's rule). */
export const siretErrors = (data: DocumentData, fields: readonly string[]): FieldError[] =>
  fields.flatMap((field) => {
    const value = data[field];
    return typeof value === 'string' && /^\d{14}$/.test(value) && !isValidSiret(value)
      ? [{ path: [field], message: `${field} "${value}" is not a valid SIRET (its check digit is wrong)` }]
      : [];
  });
