import crypto from 'node:crypto';
import type { Core, UID } from '@strapi/strapi';
import { SUBMITTED_TYPES } from './rules';
import { queueMail } from '../api/delivery/channels';
import { accountEmails, missionEmail, portalUrl } from './mail';

const ACCOUNT_UID = 'plugin::users-permissions.user';
const SUBMITTED_UIDS = new Set<string>(SUBMITTED_TYPES.map(({ uid }) => uid));

interface Owned {
  id: number;
  title?: string;
  reviewState?: string | null;
  reviewComment?: string | null;
  ownerAssociation?: { documentId: string; name: string } | null;
}

/** The draft of a submitted entry with its owner, read straight from the database. */
const ownedDraft = (strapi: Core.Strapi, uid: string, documentId: string): Promise<Owned | null> =>
  strapi.db.query(uid as UID.Schema).findOne({
    where: { documentId, publishedAt: null },
    populate: { ownerAssociation: { select: ['documentId', 'name'] } },
  }) as Promise<Owned | null>;

/** A new submission: the Mission is told (call it in the submission's transaction). */
export const notifyNewSubmission = (strapi: Core.Strapi, type: string, title: string, association: string) =>
  queueMail(
    strapi,
    missionEmail(),
    `Nouvelle proposition à relire : ${title}`,
    `L'association ${association} a proposé « ${title} » (${type}).\n\n` +
      `Elle attend votre relecture dans le panneau d'administration (filtre « État de la relecture » = submitted).`,
  );

/**
 * Staff decisions on a submission, whatever the path (admin panel, API token): publishing approves
 * it (review state `approved`) and tells the association; setting `changes-requested` sends it the
 * staff's comment.
 */
export const registerReviewNotifications = (strapi: Core.Strapi): void => {
  strapi.documents.use(async (context, next) => {
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
            .query(context.uid as UID.Schema)
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
  });
};

/**
 * Invitation: when staff create an account linked to an association, the person receives an
 * e-mail with a link to choose a password (the standard reset-password flow).
 */
export const registerInvitations = (strapi: Core.Strapi): void => {
  strapi.documents.use(async (context, next) => {
    if (context.uid !== ACCOUNT_UID || context.action !== 'create') return next();
    // The account, its code and the invitation e-mail are saved together.
    return strapi.db.transaction(async () => {
      const result = await next();
      const id = (result as { id?: number } | null)?.id;
      if (!id) return result;
      const account = (await strapi.db.query(ACCOUNT_UID).findOne({
        where: { id },
        populate: { association: { select: ['name'] } },
      })) as { id: number; email: string; association?: { name: string } | null } | null;
      if (!account?.association) return result;

      const code = crypto.randomBytes(48).toString('hex');
      await strapi.db
        .query(ACCOUNT_UID)
        .update({ where: { id: account.id }, data: { resetPasswordToken: code } });
      await queueMail(
        strapi,
        [account.email],
        'Votre accès au portail des associations de Courcouronnes',
        `Bonjour,\n\nLa Mission des relations extérieures de Courcouronnes vous a ouvert un accès pour ` +
          `l'association ${account.association.name}.\n\nChoisissez votre mot de passe : ` +
          `${portalUrl()}/mot-de-passe?code=${code}\n\n` +
          `(Le lien envoie POST /api/auth/reset-password avec { "code": "${code}", "password": …, "passwordConfirmation": … }.)`,
      );
      return result;
    });
  });
};
