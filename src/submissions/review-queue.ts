import type { Core, UID } from '@strapi/strapi';
import { CONTRIBUTIONS, SUBMITTED, type Contribution } from '../contributions';
import { runtimeFilters } from '../documents/runtime-params';
import { DEFAULT_LOCALE } from '../i18n/locales';
import type { Context } from '../http/request-state';

/** One submission awaiting review, as the admin home page's widget lists it. */
export interface QueuedSubmission {
  /** The type's name and its French label (Action, Délégation, Échange scolaire, Association). */
  type: string;
  typeLabel: string;
  documentId: string;
  title: string;
  association: string | null;
  /** When the association last sent it (ISO 8601). */
  submittedAt: string;
  /** The entry in the admin's Content Manager (a path of the admin panel). */
  href: string;
}

/** Every type's declaration, read through the interface every key of which is optional. */
const DECLARED: readonly Contribution[] = CONTRIBUTIONS;

/** At most this many entries are listed (the count says how many wait in all). */
export const QUEUE_LIMIT = 50;

interface Row {
  documentId: string;
  title?: string;
  name?: string;
  updatedAt: string;
  ownerAssociation?: { name?: string } | null;
}

/**
 * Every submission awaiting review (`reviewState = submitted`) across the types associations submit
 * and the associations' profiles, the oldest first; changes requested, approved or rejected leave
 * the queue. Drafts are read in French, the language associations write in.
 */
export const reviewQueue = async (
  strapi: Core.Strapi,
): Promise<{ count: number; entries: QueuedSubmission[] }> => {
  const sources = [
    ...SUBMITTED.map(({ uid, name }): { uid: UID.ContentType; name: string; profile: boolean } => ({
      uid,
      name,
      profile: false,
    })),
    ...DECLARED.filter((contribution) => contribution.profile !== undefined).map(({ uid, name }) => ({
      uid,
      name,
      profile: true,
    })),
  ];
  let count = 0;
  const entries: QueuedSubmission[] = [];
  for (const { uid, name, profile } of sources) {
    const model = strapi.getModel(uid);
    const label = 'title' in model.attributes ? 'title' : 'name';
    const params = {
      locale: DEFAULT_LOCALE,
      status: 'draft' as const,
      filters: runtimeFilters({ reviewState: { $eq: 'submitted' } }),
    };
    count += await strapi.documents(uid).count(params);
    const rows = (await strapi.documents(uid).findMany({
      ...params,
      fields: ['documentId', label, 'updatedAt'],
      ...(profile ? {} : { populate: { ownerAssociation: { fields: ['name'] } } }),
      sort: ['updatedAt:asc'],
      limit: QUEUE_LIMIT,
    } as never)) as Row[];
    for (const row of rows) {
      const title = row[label] ?? '';
      entries.push({
        type: name,
        typeLabel: model.info.displayName,
        documentId: row.documentId,
        title,
        association: profile ? title : (row.ownerAssociation?.name ?? null),
        submittedAt: new Date(row.updatedAt).toISOString(),
        href: `/content-manager/collection-types/${uid}/${row.documentId}?plugins[i18n][locale]=${DEFAULT_LOCALE}`,
      });
    }
  }
  entries.sort((a, b) => a.submittedAt.localeCompare(b.submittedAt));
  return { count, entries: entries.slice(0, QUEUE_LIMIT) };
};

/** `GET /admin/mission/review-queue`, for staff who may publish (src/policies/may-review.ts). */
export const registerReviewQueueRoute = (strapi: Core.Strapi): void => {
  strapi.server.routes({
    type: 'admin',
    prefix: '/admin',
    routes: [
      {
        method: 'GET',
        path: '/mission/review-queue',
        handler: async (ctx: Context) => {
          ctx.set('Cache-Control', 'no-store');
          ctx.body = { data: await reviewQueue(strapi) };
        },
        config: { policies: ['admin::isAuthenticatedAdmin', 'global::may-review'] },
        info: { pluginName: 'admin' },
      },
    ],
  });
};
