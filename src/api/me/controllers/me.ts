import type { Core, UID } from '@strapi/strapi';
import { DEFAULT_LOCALE } from '../../../bootstrap/locales';
import { associationOf } from '../../../submissions/account';
import { ASSOCIATION_PROFILE_RULES, SUBMITTED_TYPES } from '../../../submissions/rules';
import { accountIdOf, checkSubmission, limitSubmissions, ownView } from '../../../submissions/submit';

type Context = Parameters<Core.MiddlewareHandler>[0];
type Entry = Record<string, unknown> & { documentId: string };

const ASSOCIATION = 'api::association.association';

const profilePopulate = {
  countries: { fields: ['documentId'] },
  themes: { fields: ['documentId'] },
  logo: { fields: ['url', 'mime'] },
};

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /** GET /api/me/association: the association's profile as it stands (draft), private fields included. */
  async association(ctx: Context) {
    const own = await associationOf(strapi, ctx);
    const profile = await strapi.documents(ASSOCIATION).findOne({
      documentId: own,
      locale: DEFAULT_LOCALE,
      status: 'draft',
      populate: profilePopulate,
    } as never);
    ctx.body = { data: ownView(profile as unknown as Entry, ASSOCIATION_PROFILE_RULES), meta: {} };
  },

  /** PUT /api/me/association: saved as a draft for the staff to review; the public profile stays. */
  async updateAssociation(ctx: Context) {
    const own = await associationOf(strapi, ctx);
    await limitSubmissions(strapi, ctx);
    const data = await checkSubmission(strapi, ASSOCIATION, ASSOCIATION_PROFILE_RULES, ctx.request.body, {
      association: own,
      account: accountIdOf(ctx),
    });
    const updated = await strapi.db.transaction(() =>
      strapi.documents(ASSOCIATION).update({
        documentId: own,
        data: { ...data, reviewState: 'submitted' },
        locale: DEFAULT_LOCALE,
        status: 'draft',
        populate: profilePopulate,
      } as never),
    );
    ctx.body = { data: ownView(updated as unknown as Entry, ASSOCIATION_PROFILE_RULES), meta: {} };
  },

  /** GET /api/me/submissions: the association's own entries, drafts and published, with their review. */
  async submissions(ctx: Context) {
    const own = await associationOf(strapi, ctx);
    const data = [];
    for (const { type, uid: rawUid, rules } of SUBMITTED_TYPES) {
      const uid = rawUid as UID.ContentType;
      const filters = { ownerAssociation: { documentId: { $eq: own } } };
      const fields = ['title', 'slug', 'reviewState', 'reviewComment', 'updatedAt'];
      const drafts = (await strapi.documents(uid).findMany({
        filters,
        fields,
        locale: DEFAULT_LOCALE,
        status: 'draft',
        sort: 'updatedAt:desc',
      } as never)) as unknown as Entry[];
      const published = (await strapi.documents(uid).findMany({
        filters,
        fields: ['publishedAt'],
        locale: DEFAULT_LOCALE,
        status: 'published',
      } as never)) as unknown as Entry[];
      const publishedAt = new Map(published.map((entry) => [entry.documentId, entry.publishedAt as string]));
      for (const draft of drafts) {
        data.push({
          type,
          ...ownView(draft, rules),
          published: publishedAt.has(draft.documentId),
          publishedAt: publishedAt.get(draft.documentId) ?? null,
        });
      }
    }
    ctx.body = { data, meta: { total: data.length } };
  },
});
