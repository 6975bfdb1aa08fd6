import type { Core } from '@strapi/strapi';
import { FUNDING_UID, pages } from './public-money';

/**
 * The e-APD declaration of one fiscal year (CGCT art. L1115-6): the official development assistance
 * the city disbursed, by category of the national form and by recipient country, from the published
 * funding lines of that year; each line says whether it counts, and if not, why. Sums are exact
 * (BigInt cents). Lines are read a page at a time; only the totals are kept in memory.
 */

/** The categories of the national form, with their French labels (the admin page, the CSV, the README). */
export const APD_CATEGORIES = {
  'decentralised-cooperation': 'Coopération décentralisée et jumelages',
  'development-grant': 'Subventions aux associations et ONG pour des projets de développement',
  awareness: 'Sensibilisation et éducation au développement en France',
  refugees: 'Soutien aux réfugiés',
  'foreign-students': 'Soutien aux étudiants étrangers',
  'staff-costs': 'Frais de personnel et de suivi',
  multilateral: 'Contributions aux organismes multilatéraux',
  'water-energy-waste': '« 1 % » eau, énergie, déchets (loi Oudin-Santini)',
  'not-oda': 'Hors aide publique au développement',
} as const;
export type ApdCategory = keyof typeof APD_CATEGORIES;

/** Why a line of the year is not declared. */
export const EXCLUSION_REASONS = {
  'not-disbursed': 'Engagement : seules les sommes versées dans l’exercice sont déclarées',
  'not-oda-category': 'Dépense hors aide publique au développement',
  'country-not-oda-eligible': 'Pays absent de la liste des bénéficiaires de l’APD du CAD (OCDE)',
} as const;
export type ExclusionReason = keyof typeof EXCLUSION_REASONS;

interface Named {
  title?: string;
  name?: string;
}

/** A funding line as read for the declaration. */
interface FundingLine {
  documentId: string;
  title: string;
  amountCents: string;
  flow: 'commitment' | 'disbursement';
  apdCategory: ApdCategory;
  country: { name: string; isoCode: string; odaEligible: boolean | null } | null;
  beneficiary: Named | null;
  partnership: Named | null;
  action: Named | null;
  delegation: Named | null;
}

/** One line of the declaration, declared or excluded. */
export interface DeclarationLine {
  documentId: string;
  title: string;
  amountCents: string;
  flow: 'commitment' | 'disbursement';
  category: ApdCategory;
  categoryLabel: string;
  country: { isoCode: string; name: string } | null;
  beneficiary: string | null;
  partnership: string | null;
  action: string | null;
  delegation: string | null;
  declared: boolean;
  exclusion: { reason: ExclusionReason; label: string } | null;
}

export interface Total {
  amountCents: string;
  lineCount: number;
}

export interface DeclarationTotals {
  declared: Total;
  excluded: Total;
  byCategory: Array<{ category: ApdCategory; label: string } & Total>;
  byCountry: Array<{ isoCode: string | null; name: string } & Total>;
}

/** Why a line of the year is left out of the declaration, or null when it counts. */
export const exclusionOf = (
  line: Pick<FundingLine, 'flow' | 'apdCategory' | 'country'>,
): ExclusionReason | null => {
  if (line.flow !== 'disbursement') return 'not-disbursed';
  if (line.apdCategory === 'not-oda') return 'not-oda-category';
  if (line.country && line.country.odaEligible !== true) return 'country-not-oda-eligible';
  return null;
};

const nameOf = (entry: Named | null): string | null => entry?.title ?? entry?.name ?? null;

/** Totals of declared lines by category and by country, and of the excluded lines, in cents. */
export const createTotals = () => {
  const byCategory = new Map<ApdCategory, { cents: bigint; count: number }>();
  const byCountry = new Map<string, { isoCode: string | null; name: string; cents: bigint; count: number }>();
  let declared = { cents: 0n, count: 0 };
  let excluded = { cents: 0n, count: 0 };
  const bump = <T extends { cents: bigint; count: number }>(total: T, cents: bigint): T => ({
    ...total,
    cents: total.cents + cents,
    count: total.count + 1,
  });
  return {
    add(line: DeclarationLine): void {
      const cents = BigInt(line.amountCents);
      if (!line.declared) {
        excluded = bump(excluded, cents);
        return;
      }
      declared = bump(declared, cents);
      byCategory.set(line.category, bump(byCategory.get(line.category) ?? { cents: 0n, count: 0 }, cents));
      const key = line.country?.isoCode ?? '';
      const country = byCountry.get(key) ?? {
        isoCode: line.country?.isoCode ?? null,
        name: line.country?.name ?? 'Non ventilé par pays',
        cents: 0n,
        count: 0,
      };
      byCountry.set(key, bump(country, cents));
    },
    result(): DeclarationTotals {
      const total = ({ cents, count }: { cents: bigint; count: number }): Total => ({
        amountCents: cents.toString(),
        lineCount: count,
      });
      return {
        declared: total(declared),
        excluded: total(excluded),
        byCategory: (Object.keys(APD_CATEGORIES) as ApdCategory[])
          .filter((category) => byCategory.has(category))
          .map((category) => ({
            category,
            label: APD_CATEGORIES[category],
            ...total(byCategory.get(category) ?? { cents: 0n, count: 0 }),
          })),
        byCountry: [...byCountry.values()]
          .sort((a, b) =>
            a.isoCode === null ? 1 : b.isoCode === null ? -1 : a.name.localeCompare(b.name, 'fr'),
          )
          .map(({ isoCode, name, ...rest }) => ({ isoCode, name, ...total(rest) })),
      };
    },
  };
};

/** The published funding lines of `year`, classified, by category then title, a page at a time. */
export async function* declarationLines(strapi: Core.Strapi, year: number): AsyncGenerator<DeclarationLine> {
  const lines = pages<FundingLine>(strapi, FUNDING_UID, {
    filters: { fiscalYear: { $eq: year } },
    sort: ['apdCategory:asc', 'title:asc', 'id:asc'],
    fields: ['documentId', 'title', 'amountCents', 'flow', 'apdCategory'],
    populate: {
      country: { fields: ['name', 'isoCode', 'odaEligible'] },
      beneficiary: { fields: ['name'] },
      partnership: { fields: ['title'] },
      action: { fields: ['title'] },
      delegation: { fields: ['title'] },
    },
  });
  for await (const line of lines) {
    const reason = exclusionOf(line);
    yield {
      documentId: line.documentId,
      title: line.title,
      amountCents: line.amountCents,
      flow: line.flow,
      category: line.apdCategory,
      categoryLabel: APD_CATEGORIES[line.apdCategory],
      country: line.country ? { isoCode: line.country.isoCode, name: line.country.name } : null,
      beneficiary: nameOf(line.beneficiary),
      partnership: nameOf(line.partnership),
      action: nameOf(line.action),
      delegation: nameOf(line.delegation),
      declared: reason === null,
      exclusion: reason ? { reason, label: EXCLUSION_REASONS[reason] } : null,
    };
  }
}

/** The year in a request: four digits, 2000 to 2100 (as the funding lines' fiscal year). */
export const parseYear = (value: unknown): number | null => {
  if (typeof value !== 'string' || !/^\d{4}$/.test(value)) return null;
  const year = Number(value);
  return year >= 2000 && year <= 2100 ? year : null;
};
