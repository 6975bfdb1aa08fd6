import type { PublishCheck } from '../../contributions/types';
import type { FieldError } from '../../validation/field-errors';

const FUNDING = 'api::funding.funding';
const MISSION = 'api::mission.mission';

interface Beneficiary {
  name?: string;
  siret?: string | null;
  rna?: string | null;
}

/**
 * A grant is published as SCDL open data (GET /api/exports/subventions.csv), whose rows need the
 * city's SIRET (the Mission's) and a beneficiary known by its SIRET or RNA number. So a grant is
 * published only with a beneficiary association that has one of them, and once the Mission's SIRET
 * is set; each refusal names the field to fill in.
 */
export const checkFundingBeforePublish: PublishCheck = async (strapi, { documentId, locale }) => {
  const funding = (await strapi.documents(FUNDING).findOne({
    documentId,
    locale,
    status: 'draft',
    fields: ['grant'],
    populate: { beneficiary: { fields: ['name', 'siret', 'rna'] } },
  })) as { grant?: boolean; beneficiary?: Beneficiary | null } | null;
  if (!funding?.grant) return [];
  const problems: FieldError[] = [];
  const beneficiary = funding.beneficiary;
  if (!beneficiary) {
    problems.push({ path: ['beneficiary'], message: 'a grant needs its beneficiary association' });
  } else if (!beneficiary.siret && !beneficiary.rna) {
    problems.push({
      path: ['beneficiary'],
      message: `the beneficiary "${beneficiary.name ?? ''}" has neither a SIRET nor an RNA number: give one on the association first`,
    });
  }
  const mission = (await strapi.documents(MISSION).findFirst({ fields: ['siret'], status: 'draft' })) as {
    siret?: string | null;
  } | null;
  if (!mission?.siret) {
    problems.push({
      path: ['grant'],
      message: "a grant is published once the Mission's SIRET (the city's) is set: Mission → SIRET",
    });
  }
  return problems;
};
