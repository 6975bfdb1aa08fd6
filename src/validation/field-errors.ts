import { errors } from '@strapi/utils';

/** One problem with one field, in Strapi's ValidationError shape. */
export interface FieldError {
  path: string[];
  message: string;
}

export type DocumentData = Record<string, unknown>;
export type Validator = (data: DocumentData) => FieldError[];

/** Throws Strapi's ValidationError (a 400 naming each field) when there is any problem. */
export const throwIfInvalid = (problems: FieldError[]): void => {
  if (problems.length === 0) return;
  const message = problems.length === 1 ? problems[0].message : `${problems.length} errors occurred`;
  throw new errors.ValidationError(message, {
    errors: problems.map((problem) => ({ ...problem, name: 'ValidationError' })),
  });
};
