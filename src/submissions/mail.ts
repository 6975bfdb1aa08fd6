import type { Core } from '@strapi/strapi';
import { queueMail } from '../api/delivery/channels';

/** The e-mail addresses of the accounts of an association. */
export const accountEmails = async (
  strapi: Core.Strapi,
  associationDocumentId: string,
): Promise<string[]> => {
  const accounts = (await strapi.db.query('plugin::users-permissions.user').findMany({
    where: { association: { documentId: associationDocumentId }, blocked: false },
    select: ['email'],
  })) as Array<{ email: string }>;
  return accounts.map((account) => account.email);
};

/** Where the association portal is: ASSOCIATION_PORTAL_URL, by default this server's `/portail`. */
export const portalUrl = (): string =>
  (
    process.env.ASSOCIATION_PORTAL_URL ||
    `${strapi.config.get<string>('server.absoluteUrl', 'http://localhost:1337')}/portail`
  ).replace(/\/+$/, '');
export const missionEmail = (): string[] => (process.env.MISSION_EMAIL ? [process.env.MISSION_EMAIL] : []);

/** A new submission: the Mission is told (call it in the submission's transaction). */
export const notifyNewSubmission = (strapi: Core.Strapi, type: string, title: string, association: string) =>
  queueMail(
    strapi,
    missionEmail(),
    `Nouvelle proposition à relire : ${title}`,
    `L'association ${association} a proposé « ${title} » (${type}).\n\n` +
      `Elle attend votre relecture dans le panneau d'administration (filtre « État de la relecture » = submitted).`,
  );
