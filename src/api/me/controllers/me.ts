import type { Core } from '@strapi/strapi';
import { contribution as association } from '../../association/contributions';
import type { Context } from '../../../http/request-state';
import { DEFAULT_LOCALE } from '../../../i18n/locales';
import { associationOf } from '../../../submissions/account';
import {
  limitSubmissions,
  ownSubmissions,
  ownView,
  populateOf,
  submitChange,
} from '../../../submissions/submit';

/** An association's own space: its profile (what it may change of it) and its submissions. */
const PROFILE = association.profile;

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /** GET /api/me/association: the association's profile as it stands (draft), private fields included. */
  async association(ctx: Context) {
    const own = await associationOf(strapi, ctx);
    const profile = await strapi.documents(association.uid).findOne({
      documentId: own,
      locale: DEFAULT_LOCALE,
      status: 'draft',
      populate: populateOf(PROFILE),
    });
    ctx.body = { data: profile ? ownView(profile, PROFILE) : null, meta: {} };
  },

  /** PUT /api/me/association: saved as a draft for the staff to review; the public profile stays. */
  async updateAssociation(ctx: Context) {
    const own = await associationOf(strapi, ctx);
    await limitSubmissions(strapi, ctx);
    ctx.body = { data: await submitChange(strapi, ctx, association.uid, PROFILE, own, own), meta: {} };
  },

  /** GET /api/me/submissions: the association's own entries, drafts and published, with their review. */
  async submissions(ctx: Context) {
    const data = await ownSubmissions(strapi, await associationOf(strapi, ctx));
    ctx.body = { data, meta: { total: data.length } };
  },
});
