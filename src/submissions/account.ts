import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { stateOf, type Context } from '../http/request-state';

/** The private attribute of an upload that names the account which sent it (see src/extensions/upload). */
export const UPLOADED_BY = 'uploadedByAccount';

/** Whether the request comes from a logged-in Users & Permissions account (an association member). */
export const isAccountRequest = (ctx: Context): boolean => {
  const state = stateOf(ctx);
  return state.auth?.strategy?.name === 'users-permissions' && state.user !== undefined;
};

/**
 * The Association the logged-in account belongs to, read from the database at every request: an
 * account whose link is removed loses access at once (blocked accounts are refused earlier by
 * Users & Permissions). Lets the request read drafts, since everything it reads next is limited to
 * what this association owns.
 */
export const accountAssociation = async (
  strapi: Core.Strapi,
  ctx: Context,
): Promise<{ documentId: string; name: string }> => {
  const state = stateOf(ctx);
  if (!state.user) throw new errors.UnauthorizedError('Log in first.');
  const account = (await strapi.db.query('plugin::users-permissions.user').findOne({
    where: { id: state.user.id },
    populate: { association: { select: ['documentId', 'name'] } },
  })) as { association?: { documentId: string; name: string } | null } | null;
  const association = account?.association;
  // A PolicyError keeps its message (Strapi blanks other 403 messages).
  if (!association) throw new errors.PolicyError('This account is not linked to an association.');
  state.allowDrafts = true;
  return association;
};

/** The documentId of the account's Association (see accountAssociation). */
export const associationOf = async (strapi: Core.Strapi, ctx: Context): Promise<string> =>
  (await accountAssociation(strapi, ctx)).documentId;
