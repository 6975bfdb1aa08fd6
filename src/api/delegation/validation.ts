import type { DocumentData, FieldError } from '../../validation/field-errors';
import { dateRangeErrors } from '../../validation/partial-dates';

/** Dates in order, and each member known by a name or a role (often only the role is known). */
export const validateDelegation = (data: DocumentData): FieldError[] => {
  const problems = dateRangeErrors(data);
  const members = Array.isArray(data.members) ? (data.members as Array<Record<string, unknown>>) : [];
  members.forEach((member, index) => {
    const named = [member.name, member.role].some(
      (value) => typeof value === 'string' && value.trim() !== '',
    );
    if (!named) {
      problems.push({
        path: ['members', String(index)],
        message: `members[${index}] needs a name or a role`,
      });
    }
  });
  return problems;
};
