import type { Core } from '@strapi/strapi';

interface EmailService {
  send(message: { to: string | string[]; subject: string; text: string; html?: string }): Promise<unknown>;
}

/**
 * Sends an e-mail in the background: a notification must never fail or delay what the person was
 * doing. A failure is logged as an error with what was not sent.
 */
export const sendInBackground = (strapi: Core.Strapi, to: string[], subject: string, text: string): void => {
  if (to.length === 0) return;
  const email = strapi.plugin('email').service('email') as unknown as EmailService;
  email.send({ to, subject, text }).then(
    () => strapi.log.info(`[mail] "${subject}" sent to ${to.join(', ')}`),
    (error: unknown) =>
      strapi.log.error(`[mail] "${subject}" to ${to.join(', ')} not sent: ${(error as Error).message}`),
  );
};

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

export const portalUrl = (): string => (process.env.ASSOCIATION_PORTAL_URL ?? '').replace(/\/+$/, '');
export const missionEmail = (): string[] => (process.env.MISSION_EMAIL ? [process.env.MISSION_EMAIL] : []);
