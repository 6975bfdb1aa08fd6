import type { Core } from '@strapi/strapi';
import { basisPointsToFraction, centsToDecimal } from '../../../validation/money';
import { cityIdentity, FUNDING_UID, MissionIncomplete, pages } from './public-money';

/**
 * The SCDL « subventions » 2.1.1 columns, in the schema's order
 * (https://schema.data.gouv.fr/scdl/subventions/2.1.1/).
 */
export const SCDL_COLUMNS = [
  'nomAttribuant',
  'idAttribuant',
  'dateConvention',
  'referenceDecision',
  'nomBeneficiaire',
  'idBeneficiaire',
  'rnaBeneficiaire',
  'objet',
  'montant',
  'nature',
  'conditionsVersement',
  'datesPeriodeVersement',
  'idRAE',
  'notificationUE',
  'pourcentageSubvention',
  'dispositifAide',
] as const;

export type ScdlRow = Record<(typeof SCDL_COLUMNS)[number], string>;

const NATURE: Record<string, string> = {
  cash: 'aide en numéraire',
  'in-kind': 'aide en nature',
  'cash-and-in-kind': 'aide en numéraire;aide en nature',
};

const PAYMENT_TERMS: Record<string, string> = { single: 'unique', instalments: 'échelonné' };

/** A published grant's commitment, as the export reads it. */
interface GrantLine {
  title: string;
  amountCents: string;
  agreementTotalCents: string | null;
  shareBasisPoints: number | null;
  agreementDate: string | null;
  decisionReference: string | null;
  nature: string | null;
  paymentTerms: string | null;
  paymentTermsDetail: string | null;
  paymentStart: string | null;
  paymentEnd: string | null;
  euNotification: boolean | null;
  beneficiary: { name: string; siret: string | null; rna: string | null } | null;
}

/** The lines the SCDL publishes: grants (`grant`), as committed (one row per agreement and beneficiary). */
export const GRANT_FILTERS = { grant: { $eq: true }, flow: { $eq: 'commitment' as const } };

/**
 * The rows of the SCDL file, read a page at a time. A grant whose beneficiary is not published (an
 * association taken off the site) is left out: the file would name nobody. Throws
 * MissionIncomplete before the first row when grants exist but the Mission has no SIRET or name.
 */
export const scdlRows = async (strapi: Core.Strapi): Promise<AsyncGenerator<ScdlRow>> => {
  const city = await cityIdentity(strapi);
  const grants = await strapi.documents(FUNDING_UID).count({ status: 'published', filters: GRANT_FILTERS });
  if (grants > 0 && (!city.siret || !city.cityName)) {
    throw new MissionIncomplete(
      "the Mission's official city name and SIRET (Mission → Nom officiel de la collectivité, SIRET) are needed to publish the grants",
    );
  }
  const lines = pages<GrantLine>(strapi, FUNDING_UID, {
    filters: GRANT_FILTERS,
    sort: ['agreementDate:asc', 'id:asc'],
    fields: [
      'title',
      'amountCents',
      'agreementTotalCents',
      'shareBasisPoints',
      'agreementDate',
      'decisionReference',
      'nature',
      'paymentTerms',
      'paymentTermsDetail',
      'paymentStart',
      'paymentEnd',
      'euNotification',
    ],
    populate: { beneficiary: { fields: ['name', 'siret', 'rna'] } },
  });
  return (async function* rows() {
    for await (const line of lines) {
      if (!line.beneficiary) continue;
      const terms =
        line.paymentTerms === 'other'
          ? (line.paymentTermsDetail ?? '')
          : PAYMENT_TERMS[line.paymentTerms ?? ''];
      yield {
        nomAttribuant: city.cityName ?? '',
        idAttribuant: city.siret ?? '',
        dateConvention: line.agreementDate ?? '',
        referenceDecision: line.decisionReference ?? '',
        nomBeneficiaire: line.beneficiary.name,
        idBeneficiaire: line.beneficiary.siret ?? '',
        rnaBeneficiaire: line.beneficiary.rna ?? '',
        objet: line.title,
        montant: centsToDecimal(BigInt(line.agreementTotalCents ?? line.amountCents)),
        nature: NATURE[line.nature ?? ''] ?? '',
        conditionsVersement: terms ?? '',
        datesPeriodeVersement: line.paymentEnd
          ? `${line.paymentStart ?? ''}/${line.paymentEnd}`
          : (line.paymentStart ?? ''),
        idRAE: '',
        notificationUE: line.euNotification ? 'oui' : 'non',
        pourcentageSubvention: basisPointsToFraction(line.shareBasisPoints ?? 10000),
        dispositifAide: '',
      };
    }
  })();
};
