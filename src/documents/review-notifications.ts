import type { Core } from '@strapi/strapi';
import { queueMail } from '../api/delivery/channels';
import { SUBMITTED } from '../contributions';
import { accountEmails } from '../submissions/mail';
import type { DocumentLayer } from './layer';

const SUBMITTED_UIDS = new Set<string>(SUBMITTED.map(({ uid }) => uid));

interface Owned {
  id: number;
  title?: string;
  reviewState?: string | null;
  reviewComment?: string | null;
  ownerAssociation?: { documentId: string; name: string } | null;
}

/** The draft of a submitted entry with its owner, read straight from the database. */
const ownedDraft = (strapi: Core.Strapi, uid: string, documentId: string): Promise<Owned | null> =>
  strapi.db.query(uid).findOne({
    where: { documentId, publishedAt: null },
    populate: { ownerAssociation: { select: ['documentId', 'name'] } },
  }) as Promise<Owned | null>;

/**
 * Staff decisions on a submission, whatever the path (admin panel, API token): publishing approves
 * it (review state `approved`) and tells the association; setting `changes-requested` sends it the
 * staff's comment.
 */
export const reviewNotifications: DocumentLayer = (strapi) => async (context, next) => {
  if (!SUBMITTED_UIDS.has(context.uid)) return next();
  const params = context.params as { documentId?: string; data?: Record<string, unknown> };
  if (!params.documentId || (context.action !== 'publish' && context.action !== 'update')) return next();

  const documentId = params.documentId;
  // The decision and its e-mail are saved together (the e-mail is a row of the outbox).
  return strapi.db.transaction(async () => {
    const before = await ownedDraft(strapi, context.uid, documentId);
    const owner = before?.ownerAssociation;
    if (!before || !owner) return next();

    if (context.action === 'publish') {
      // Approved by publishing: the state is set on the draft first, so it is published with it.
      if (before.reviewState !== 'approved') {
        await strapi.db
          .query(context.uid)
          .update({ where: { id: before.id }, data: { reviewState: 'approved' } });
      }
      const result = await next();
      await queueMail(
        strapi,
        await accountEmails(strapi, owner.documentId),
        `Votre proposition est publiée : ${before.title ?? ''}`,
        `Bonne nouvelle : la Mission des relations extérieures a publié « ${before.title ?? ''} ».`,
      );
      return result;
    }

    const result = await next();
    const requested =
      params.data?.reviewState === 'changes-requested' && before.reviewState !== 'changes-requested';
    if (requested) {
      const after = await ownedDraft(strapi, context.uid, documentId);
      await queueMail(
        strapi,
        await accountEmails(strapi, owner.documentId),
        `Modifications demandées : ${after?.title ?? before.title ?? ''}`,
        `La Mission des relations extérieures demande des modifications à « ${after?.title ?? ''} » :\n\n` +
          `${after?.reviewComment ?? '(sans commentaire)'}\n\n` +
          `Retrouvez-la dans vos propositions (GET /api/me/submissions) pour la corriger.`,
      );
    }
    return result;
  });
};
