import type { DocumentData, FieldError } from '../../validation/field-errors';
import { ISO_3166_ALPHA_2 } from './iso-3166';

/** The ISO code must be an assigned ISO 3166-1 alpha-2 code, not just two capitals. */
export const validateCountry = (data: DocumentData): FieldError[] => {
  const { isoCode } = data;
  if (typeof isoCode === 'string' && /^[A-Z]{2}$/.test(isoCode) && !ISO_3166_ALPHA_2.has(isoCode)) {
    return [{ path: ['isoCode'], message: `isoCode "${isoCode}" is not an ISO 3166-1 alpha-2 country code` }];
  }
  return [];
};
