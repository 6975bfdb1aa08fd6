import crypto from 'node:crypto';
import { queueMail } from '../api/delivery/channels';
import { portalUrl } from '../submissions/mail';
import type { DocumentLayer } from './layer';

const ACCOUNT_UID = 'plugin::users-permissions.user';

/**
 * Invitation: when staff create an account linked to an association, the person receives an
 * e-mail with a link to choose a password (the standard reset-password flow).
 */
export const invitations: DocumentLayer = (strapi) => async (context, next) => {
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
        `Ce lien ouvre le portail des associations, où vous pourrez proposer des actions, des ` +
        `délégations et des échanges scolaires, que la Mission relira avant leur publication.\n\n` +
        `Si vous n'attendiez pas ce message, ignorez-le : aucun accès n'est ouvert sans ce choix.`,
    );
    return result;
  });
};
