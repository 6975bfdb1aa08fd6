import type { DocumentData, FieldError } from '../../validation/field-errors';
import { parseCents } from '../../validation/money';

const present = (value: unknown): boolean => value !== undefined && value !== null && value !== '';

/** The fields an agreement (a grant's commitment) must have to be published as SCDL open data. */
export const AGREEMENT_FIELDS = ['agreementDate', 'nature', 'paymentTerms', 'paymentStart'] as const;

/**
 * A funding line's own rules, before any write (the beneficiary, a relation, is checked at publish:
 * src/api/funding/publication.ts):
 * - amounts are whole, positive numbers of cents (a string of digits or an integer), never a float;
 * - a share below 100 % needs the agreement's total, which is at least the line's amount;
 * - the payment period does not end before it starts;
 * - a grant's commitment (`grant`, `flow = commitment`) has its agreement's date, nature, payment
 *   terms and first payment date, and "other" terms are described.
 */
export const validateFunding = (data: DocumentData): FieldError[] => {
  const problems: FieldError[] = [];
  const amount = parseCents(data.amountCents);
  if (present(data.amountCents) && (amount === null || amount === 0n)) {
    problems.push({
      path: ['amountCents'],
      message: 'amountCents must be a whole, positive number of cents (e.g. 2300050 for 23,000.50 €)',
    });
  }
  const total = parseCents(data.agreementTotalCents);
  if (present(data.agreementTotalCents) && (total === null || total === 0n)) {
    problems.push({
      path: ['agreementTotalCents'],
      message: 'agreementTotalCents must be a whole, positive number of cents',
    });
  } else if (total !== null && amount !== null && total < amount) {
    problems.push({
      path: ['agreementTotalCents'],
      message: 'agreementTotalCents (the whole agreement) cannot be less than amountCents (this line)',
    });
  }
  const share = data.shareBasisPoints;
  if (typeof share === 'number' && share < 10000 && !present(data.agreementTotalCents)) {
    problems.push({
      path: ['agreementTotalCents'],
      message: 'agreementTotalCents is required when the beneficiary has only a share of the agreement',
    });
  }
  if (
    typeof data.paymentStart === 'string' &&
    typeof data.paymentEnd === 'string' &&
    data.paymentEnd < data.paymentStart
  ) {
    problems.push({ path: ['paymentEnd'], message: 'paymentEnd cannot be before paymentStart' });
  }
  if (data.grant === true && data.flow === 'commitment') {
    for (const field of AGREEMENT_FIELDS) {
      if (!present(data[field])) {
        problems.push({ path: [field], message: `${field} is required for a grant's commitment` });
      }
    }
  }
  if (data.paymentTerms === 'other' && !present(data.paymentTermsDetail)) {
    problems.push({
      path: ['paymentTermsDetail'],
      message: 'paymentTermsDetail is required when the payment terms are "other"',
    });
  }
  return problems;
};
