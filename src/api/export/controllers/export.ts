import { Readable, pipeline } from 'node:stream';
import { stringify } from 'csv-stringify';
import type { Core } from '@strapi/strapi';
import type { Context } from '../../../http/request-state';
import { apiService } from '../../../platform/services';
import type catalogue from '../services/catalogue';
import { CityNotIdentified, SCDL_COLUMNS, scdlRows } from '../services/scdl';

/** Turns rows into a streamed body: read from the database a page at a time as the client reads. */
const streamed = (rows: AsyncGenerator, writer: NodeJS.ReadWriteStream): NodeJS.ReadableStream =>
  pipeline(Readable.from(rows), writer, () => {
    // An error ends the response where it is (a client gone, the database away): nothing to add.
  });

/** The public datasets of public money: the catalogue and each file. */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async index(ctx: Context) {
    ctx.body = await apiService<typeof catalogue>(strapi, 'api::export.catalogue').datasets();
  },

  async subventions(ctx: Context) {
    let rows;
    try {
      rows = await scdlRows(strapi);
    } catch (error) {
      if (error instanceof CityNotIdentified) ctx.throw(409, error.message);
      throw error;
    }
    ctx.type = 'text/csv; charset=utf-8';
    ctx.set('Content-Disposition', 'inline; filename="subventions.csv"');
    ctx.body = streamed(rows, stringify({ header: true, columns: [...SCDL_COLUMNS] }));
  },
});
