import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { SUBMITTED } from '../../../contributions';
import { contribution as association } from '../../association/contributions';
import { paramsOf, type Context } from '../../../http/request-state';
import { DEFAULT_LOCALE } from '../../../i18n/locales';
import { associationOf } from '../../../submissions/account';
import {
  findOwnDraft,
  limitSubmissions,
  ownSubmissions,
  ownView,
  populateOf,
  submitChange,
} from '../../../submissions/submit';
import { runtimePopulate } from '../../../documents/runtime-params';

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

  /**
   * GET /api/me/submissions/:type/:documentId: one of the association's own entries as its draft
   * stands (what it may send, its review, whether a version is published), to edit it; another
   * association's entry, or an unknown type, is a 404.
   */
  async submission(ctx: Context) {
    const own = await associationOf(strapi, ctx);
    const { type = '', documentId = '' } = paramsOf(ctx);
    const spec = SUBMITTED.find((each) => each.name === type);
    if (!spec) throw new errors.NotFoundError('Not Found');
    await findOwnDraft(strapi, spec.uid, documentId, own);
    const attributes = strapi.getModel(spec.uid).attributes as Record<string, { type: string }>;
    const components = spec.rules.fields.filter((field) => attributes[field]?.type === 'component');
    const entry = await strapi.documents(spec.uid).findOne({
      documentId,
      locale: DEFAULT_LOCALE,
      status: 'draft',
      populate: runtimePopulate({
        ...populateOf(spec.rules),
        ...Object.fromEntries(components.map((field) => [field, true])),
      }),
    });
    const published = await strapi
      .documents(spec.uid)
      .findOne({ documentId, locale: DEFAULT_LOCALE, status: 'published', fields: ['documentId'] });
    ctx.body = {
      data: entry ? { type, ...ownView(entry, spec.rules), published: published !== null } : null,
      meta: {},
    };
  },

  /** GET /api/me/submissions: the association's own entries, drafts and published, with their review. */
  async submissions(ctx: Context) {
    const data = await ownSubmissions(strapi, await associationOf(strapi, ctx));
    ctx.body = { data, meta: { total: data.length } };
  },
});
