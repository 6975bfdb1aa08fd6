/**
 * Funding lines as the tests send them (the seed has none: the source gives no amount), and the
 * documented sample identifiers the tests give the city.
 */

/** The sample SIRET of the SCDL schema's own documentation (its `idAttribuant` example), not the city's. */
export const SAMPLE_CITY_SIRET = '23350001600040';

/** A published-ready line: a 2024 disbursement for decentralised cooperation, 23,000.50 €. */
export const fundingLine = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  title: 'Ligne de test des financements',
  fiscalYear: 2024,
  amountCents: '2300050',
  flow: 'disbursement',
  apdCategory: 'decentralised-cooperation',
  ...overrides,
});

/** A grant's commitment with every agreement field the SCDL asks for (its beneficiary to add). */
export const grantLine = (overrides: Record<string, unknown> = {}): Record<string, unknown> =>
  fundingLine({
    grant: true,
    flow: 'commitment',
    apdCategory: 'development-grant',
    agreementDate: '2024-03-15',
    decisionReference: 'DEL-2024-03-12',
    nature: 'cash',
    paymentTerms: 'single',
    paymentStart: '2024-04-02',
    ...overrides,
  });
