/**
 * The one submission service: everything an association writes goes through here, from the
 * standard REST routes of a type (src/submissions/controller.ts) and from its own space
 * (src/api/me). Writes are drafts owned by the account's association, "submitted" for review, each
 * in one transaction; then the Document Service middlewares apply (src/documents/index.ts).
 */
import type { Core, Modules, UID } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { SUBMITTED, type ProfileUid, type SubmissionRules, type SubmittedUid } from '../contributions';
import { DEFAULT_LOCALE } from '../i18n/locales';
import { paramsOf, stateOf, type Context } from '../http/request-state';
import { throwIfInvalid, type FieldError } from '../validation/field-errors';
import { enforce, submissionLimit } from '../rate-limit/limits';
import { accountAssociation, associationOf, UPLOADED_BY } from './account';
import { notifyNewSubmission } from './mail';

type Data = Record<string, unknown>;
type Entry = Data & { documentId: string };

/** What an association sees of its own entry, besides the fields it may write. */
const OWN_VIEW = ['documentId', 'locale', 'createdAt', 'updatedAt', 'reviewState', 'reviewComment'];

const targetOf = (strapi: Core.Strapi, uid: UID.ContentType, relation: string): UID.ContentType =>
  (strapi.getModel(uid).attributes as Record<string, { target?: string }>)[relation]
    .target as UID.ContentType;

const asIds = (value: unknown): unknown[] => (Array.isArray(value) ? value : [value]);

/** Who submits: the account's association (documentId) and the account itself (id). */
export interface Submitter {
  association: string;
  account: number;
}

/** The id of the logged-in account (the route requires one). */
export const accountIdOf = (ctx: Context): number => {
  const user = stateOf(ctx).user;
  if (!user) throw new errors.UnauthorizedError('Log in first.');
  return user.id;
};

/**
 * Checks what an association sent: only the fields it may write (a 400 lists the others), and
 * relations only to existing public taxonomies, to its own association, or to images this very
 * account uploaded (a 400 names the field).
 */
export const checkSubmission = async (
  strapi: Core.Strapi,
  uid: UID.ContentType,
  rules: SubmissionRules,
  body: unknown,
  submitter: Submitter,
): Promise<Data> => {
  const ownAssociation = submitter.association;
  const data = (body as { data?: unknown } | null)?.data;
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new errors.ValidationError('The body must be { "data": { ... } }', {
      errors: [{ path: ['data'], message: 'must be an object', name: 'ValidationError' }],
    });
  }
  const allowed = new Set([...rules.fields, ...Object.keys(rules.relations)]);
  const refused = Object.keys(data).filter((key) => !allowed.has(key));
  if (refused.length > 0) {
    throw new errors.ValidationError(`These fields may not be sent: ${refused.join(', ')}`, {
      errors: refused.map((key) => ({
        path: [key],
        message: `${key} may not be sent`,
        name: 'ValidationError',
      })),
    });
  }

  const problems: FieldError[] = [];
  for (const [relation, kind] of Object.entries(rules.relations)) {
    if (!(relation in data)) continue;
    const value = (data as Data)[relation];
    if (value === null) continue;
    for (const id of asIds(value)) {
      if (kind === 'image') {
        const file = Number.isInteger(id)
          ? ((await strapi.db.query('plugin::upload.file').findOne({
              where: { id, [UPLOADED_BY]: submitter.account },
              select: ['mime'],
            })) as { mime: string } | null)
          : null;
        if (!file?.mime.startsWith('image/'))
          problems.push({ path: [relation], message: `${relation}: no image ${String(id)} uploaded by you` });
        continue;
      }
      if (typeof id !== 'string') {
        problems.push({ path: [relation], message: `${relation} takes documentIds` });
        continue;
      }
      if (kind === 'own-association') {
        if (id !== ownAssociation)
          problems.push({ path: [relation], message: `${relation} may only name your association` });
        continue;
      }
      const found = await strapi
        .documents(targetOf(strapi, uid, relation))
        .findOne({ documentId: id, locale: DEFAULT_LOCALE, fields: ['documentId'] });
      if (!found) problems.push({ path: [relation], message: `${relation}: no entry ${id}` });
    }
  }
  throwIfInvalid(problems);
  return data as Data;
};

/** The entry as its association sees it: what it may write, plus review state and comment. */
export const ownView = (entry: Data, rules: SubmissionRules): Data =>
  Object.fromEntries(
    Object.entries(entry).filter(
      ([key]) => OWN_VIEW.includes(key) || rules.fields.includes(key) || key in rules.relations,
    ),
  );

export const populateOf = (rules: SubmissionRules) =>
  Object.fromEntries(
    Object.entries(rules.relations).map(([relation, kind]) => [
      relation,
      { fields: kind === 'image' ? ['url', 'mime'] : ['documentId'] },
    ]),
  );

/** The draft of an entry this association owns, or a 404 (never a hint that another's exists). */
export const findOwnDraft = async (
  strapi: Core.Strapi,
  uid: UID.ContentType,
  documentId: string,
  ownAssociation: string,
): Promise<Entry> => {
  const entry = (await strapi.documents(uid).findFirst({
    filters: { documentId: { $eq: documentId }, ownerAssociation: { documentId: { $eq: ownAssociation } } },
    locale: DEFAULT_LOCALE,
    status: 'draft',
  })) as Entry | null;
  if (!entry) throw new errors.NotFoundError('Not Found');
  return entry;
};

/** Counts a submission of the logged-in account against its hourly limit. */
export const limitSubmissions = (strapi: Core.Strapi, ctx: Context): Promise<void> =>
  enforce(strapi, ctx, `submit:${accountIdOf(ctx)}`, submissionLimit());

/**
 * Saves what an association sent on the draft of one of its entries, "submitted" for review, once
 * checked against the type's rules; a published version stays as it is until staff publish the
 * change. The caller has found the entry among the association's own and counted the request
 * against the account's limit (limitSubmissions).
 */
export const submitChange = async (
  strapi: Core.Strapi,
  ctx: Context,
  uid: SubmittedUid | ProfileUid,
  rules: SubmissionRules,
  documentId: string,
  own: string,
): Promise<Data> => {
  const data = await checkSubmission(strapi, uid, rules, ctx.request.body, {
    association: own,
    account: accountIdOf(ctx),
  });
  const updated = await strapi.db.transaction(() =>
    strapi.documents(uid).update({
      documentId,
      data: { ...data, reviewState: 'submitted' },
      locale: DEFAULT_LOCALE,
      status: 'draft',
      populate: populateOf(rules),
    }),
  );
  return ownView(updated as Data, rules);
};

/** Submissions of an association through the standard REST routes of a type. */
export const submissions = (strapi: Core.Strapi, uid: SubmittedUid, rules: SubmissionRules) => ({
  async create(ctx: Context) {
    const association = await accountAssociation(strapi, ctx);
    const own = association.documentId;
    await limitSubmissions(strapi, ctx);
    const data = await checkSubmission(strapi, uid, rules, ctx.request.body, {
      association: own,
      account: accountIdOf(ctx),
    });
    // The submission and the Mission's e-mail about it are saved together.
    const created = await strapi.db.transaction(async () => {
      const entry = await strapi.documents(uid).create({
        // What the association sent passed checkSubmission; Strapi's own validation (a 400) checks
        // the required fields it may have left out.
        data: {
          ...data,
          ownerAssociation: own,
          reviewState: 'submitted',
        } as Modules.Documents.Params.Data.Input<typeof uid>,
        locale: DEFAULT_LOCALE,
        status: 'draft',
        populate: populateOf(rules),
      });
      await notifyNewSubmission(
        strapi,
        strapi.getModel(uid).info.singularName,
        typeof data.title === 'string' ? data.title : '',
        association.name,
      );
      return entry;
    });
    ctx.status = 201;
    ctx.body = { data: ownView(created, rules), meta: {} };
  },

  async update(ctx: Context) {
    const own = await associationOf(strapi, ctx);
    await limitSubmissions(strapi, ctx);
    const documentId = paramsOf(ctx).id ?? '';
    await findOwnDraft(strapi, uid, documentId, own);
    ctx.body = { data: await submitChange(strapi, ctx, uid, rules, documentId, own), meta: {} };
  },

  async delete(ctx: Context) {
    const own = await associationOf(strapi, ctx);
    await limitSubmissions(strapi, ctx);
    const documentId = paramsOf(ctx).id ?? '';
    await findOwnDraft(strapi, uid, documentId, own);
    const published = await strapi
      .documents(uid)
      .findOne({ documentId, locale: DEFAULT_LOCALE, status: 'published', fields: ['documentId'] });
    if (published)
      throw new errors.PolicyError('A published entry can only be removed by the Mission staff.');
    await strapi.documents(uid).delete({ documentId, locale: DEFAULT_LOCALE });
    ctx.status = 204;
    ctx.body = null;
  },
});

/** An association's own entries of every submitted type, drafts and published, with their review. */
export const ownSubmissions = async (strapi: Core.Strapi, own: string): Promise<Data[]> => {
  const data: Data[] = [];
  for (const { name, uid, rules } of SUBMITTED) {
    const filters = { ownerAssociation: { documentId: { $eq: own } } };
    const drafts = (await strapi.documents(uid).findMany({
      filters,
      fields: ['title', 'slug', 'reviewState', 'reviewComment', 'updatedAt'],
      locale: DEFAULT_LOCALE,
      status: 'draft',
      sort: 'updatedAt:desc',
    })) as Entry[];
    const published = (await strapi.documents(uid).findMany({
      filters,
      fields: ['publishedAt'],
      locale: DEFAULT_LOCALE,
      status: 'published',
    })) as Entry[];
    const publishedAt = new Map(published.map((entry) => [entry.documentId, entry.publishedAt as string]));
    for (const draft of drafts) {
      data.push({
        type: name,
        ...ownView(draft, rules),
        published: publishedAt.has(draft.documentId),
        publishedAt: publishedAt.get(draft.documentId) ?? null,
      });
    }
  }
  return data;
};
