import type { Core } from '@strapi/strapi';

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
