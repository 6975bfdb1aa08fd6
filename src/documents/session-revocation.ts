import type { DocumentLayer } from './layer';

/** Ends every session of an account whose password changed, whoever changed it (staff included). */
export const sessionRevocation: DocumentLayer = (strapi) => async (context, next) => {
  if (context.uid !== 'plugin::users-permissions.user' || context.action !== 'update') return next();
  const data = (context.params as { data?: Record<string, unknown> }).data;
  const result = await next();
  const id = (result as { id?: number } | null)?.id;
  if (data?.password !== undefined && id !== undefined) {
    await strapi.sessionManager('users-permissions').invalidateRefreshToken(String(id));
  }
  return result;
};
