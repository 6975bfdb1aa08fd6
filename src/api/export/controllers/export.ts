import { Readable, pipeline } from 'node:stream';
import { stringify } from 'csv-stringify';
import type { Core } from '@strapi/strapi';
import { paramsOf, type Context } from '../../../http/request-state';
import { apiService } from '../../../platform/services';
import { throwIfInvalid } from '../../../validation/field-errors';
import type catalogue from '../services/catalogue';
import { parseYear } from '../services/e-apd';
import { iatiActivities } from '../services/iati';
import { MissionIncomplete } from '../services/public-money';
import { declarationCsvRows, declarationJson } from '../services/e-apd-files';
import { SCDL_COLUMNS, scdlRows } from '../services/scdl';

/** Turns rows into a streamed body: read from the database a page at a time as the client reads. */
const streamed = (rows: AsyncGenerator, writer?: NodeJS.ReadWriteStream): NodeJS.ReadableStream => {
  const source = Readable.from(rows);
  if (!writer) return source;
  return pipeline(source, writer, () => {
    // An error ends the response where it is (a client gone, the database away): nothing to add.
  });
};

/** A file's rows, once the Mission identifies the city enough for it; a 409 naming what is missing otherwise. */
const opened = async <T>(ctx: Context, rows: Promise<T>): Promise<T> => {
  try {
    return await rows;
  } catch (error) {
    if (error instanceof MissionIncomplete) return ctx.throw(409, error.message);
    throw error;
  }
};

/** The year of an e-APD route, or a 400 naming it. */
const yearOf = (ctx: Context): number => {
  const year = parseYear(paramsOf(ctx).year);
  if (year === null) {
    throwIfInvalid([{ path: ['year'], message: 'year must be a fiscal year of four digits, 2000 to 2100' }]);
    throw new Error('unreachable');
  }
  return year;
};

/** Sends the e-APD declaration of the route's year, as JSON or as a CSV for a French spreadsheet. */
export const sendDeclaration = (strapi: Core.Strapi, ctx: Context, format: 'json' | 'csv'): void => {
  const year = yearOf(ctx);
  if (format === 'json') {
    ctx.type = 'application/json; charset=utf-8';
    ctx.body = streamed(declarationJson(strapi, year));
    return;
  }
  ctx.type = 'text/csv; charset=utf-8';
  ctx.set('Content-Disposition', `attachment; filename="declaration-e-apd-${year}.csv"`);
  ctx.body = streamed(declarationCsvRows(strapi, year), stringify({ delimiter: ';', bom: true }));
};

/** The datasets of public money (the catalogue and each file) and the e-APD declaration. */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async index(ctx: Context) {
    ctx.body = await apiService<typeof catalogue>(strapi, 'api::export.catalogue').datasets();
  },

  async subventions(ctx: Context) {
    const rows = await opened(ctx, scdlRows(strapi));
    ctx.type = 'text/csv; charset=utf-8';
    ctx.set('Content-Disposition', 'inline; filename="subventions.csv"');
    ctx.body = streamed(rows, stringify({ header: true, columns: [...SCDL_COLUMNS] }));
  },

  async iati(ctx: Context) {
    const file = await opened(ctx, iatiActivities(strapi));
    ctx.type = 'application/xml; charset=utf-8';
    ctx.set('Content-Disposition', 'inline; filename="iati-activities.xml"');
    ctx.body = streamed(file);
  },

  /** For the staff's API tokens only (no public permission): the declaration in JSON. */
  eApd(ctx: Context) {
    sendDeclaration(strapi, ctx, 'json');
  },

  eApdCsv(ctx: Context) {
    sendDeclaration(strapi, ctx, 'csv');
  },
});
