import type { Core } from '@strapi/strapi';
import { centsToDecimal } from '../../../validation/money';
import { createTotals, declarationLines, type DeclarationTotals } from './e-apd';

/**
 * The e-APD declaration as files, each written as its lines are read: JSON for an integration, CSV
 * for a spreadsheet in French. The totals come last, once every line has been counted (one pass
 * over the lines, so that totals and lines always agree).
 */

/** `{ data: { year, currency, lines: [...], totals: {...} } }`, in pieces. */
export async function* declarationJson(strapi: Core.Strapi, year: number): AsyncGenerator<string> {
  const totals = createTotals();
  yield `{"data":{"year":${JSON.stringify(year)},"currency":"EUR","lines":[`;
  let separator = '';
  for await (const line of declarationLines(strapi, year)) {
    totals.add(line);
    yield separator + JSON.stringify(line);
    separator = ',';
  }
  yield `],"totals":${JSON.stringify(totals.result())}}}`;
}

/**
 * A cell a spreadsheet shows as text, never runs: text starting with `=`, `+`, `-`, `@`, a tab or a
 * carriage return is prefixed with an apostrophe (OWASP, CSV injection) — a beneficiary's name
 * comes from an association.
 */
export const textCell = (value: string | null | undefined): string => {
  const text = value ?? '';
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
};

const euros = (cents: string | bigint): string => centsToDecimal(BigInt(cents), ',');

export const CSV_HEADER = [
  'Catégorie e-APD',
  'Pays',
  'Code pays',
  'Objet',
  'Bénéficiaire',
  'Partenariat',
  'Action',
  'Délégation',
  'Flux',
  'Montant (€)',
  'Déclarée',
  'Motif d’exclusion',
];

const totalRows = (totals: DeclarationTotals): string[][] => [
  [],
  ['Total par catégorie', 'Catégorie', 'Lignes', 'Montant (€)'],
  ...totals.byCategory.map((total) => ['', total.label, String(total.lineCount), euros(total.amountCents)]),
  [],
  ['Total par pays', 'Pays', 'Code pays', 'Lignes', 'Montant (€)'],
  ...totals.byCountry.map((total) => [
    '',
    textCell(total.name),
    total.isoCode ?? '',
    String(total.lineCount),
    euros(total.amountCents),
  ]),
  [],
  ['Total déclaré', '', String(totals.declared.lineCount), euros(totals.declared.amountCents)],
  ['Lignes exclues', '', String(totals.excluded.lineCount), euros(totals.excluded.amountCents)],
];

/** The rows of the CSV (header, one row per line, then the totals), for csv-stringify. */
export async function* declarationCsvRows(strapi: Core.Strapi, year: number): AsyncGenerator<string[]> {
  const totals = createTotals();
  yield CSV_HEADER;
  for await (const line of declarationLines(strapi, year)) {
    totals.add(line);
    yield [
      line.categoryLabel,
      textCell(line.country?.name),
      line.country?.isoCode ?? '',
      textCell(line.title),
      textCell(line.beneficiary),
      textCell(line.partnership),
      textCell(line.action),
      textCell(line.delegation),
      line.flow === 'disbursement' ? 'Versement' : 'Engagement',
      euros(line.amountCents),
      line.declared ? 'oui' : 'non',
      line.exclusion?.label ?? '',
    ];
  }
  yield* totalRows(totals.result());
}
