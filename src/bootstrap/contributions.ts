import type { Core } from '@strapi/strapi';
import { CONTRIBUTIONS } from '../contributions';
import { declarationProblems, type DeclaredAttribute } from '../contributions/check';

/**
 * Every type's declaration names attributes of its schema (checked here, at register, before any
 * request): a declaration that drifted from its schema stops the start-up with the list of problems.
 */
export const checkContributions = (strapi: Core.Strapi): void => {
  const problems = CONTRIBUTIONS.flatMap((contribution) =>
    declarationProblems(
      contribution,
      strapi.getModel(contribution.uid).attributes as Record<string, DeclaredAttribute>,
    ),
  );
  if (problems.length > 0)
    throw new Error(`Type declarations do not fit their schemas:\n${problems.join('\n')}`);
};
