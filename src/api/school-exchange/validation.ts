import type { DocumentData, FieldError } from '../../validation/field-errors';
import { dateRangeErrors } from '../../validation/partial-dates';

/** Dates in order, and a school year written "2011-2012" (two consecutive years). */
export const validateSchoolExchange = (data: DocumentData): FieldError[] => {
  const problems = dateRangeErrors(data);
  const { schoolYear } = data;
  if (typeof schoolYear === 'string' && /^\d{4}-\d{4}$/.test(schoolYear)) {
    const [first, second] = schoolYear.split('-').map(Number);
    if (second !== first + 1) {
      problems.push({
        path: ['schoolYear'],
        message: 'schoolYear must span two consecutive years, e.g. 2011-2012',
      });
    }
  }
  return problems;
};
