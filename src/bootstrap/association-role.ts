import type { Core } from '@strapi/strapi';
import { SUBMITTED } from '../contributions';
import { publicContentActions, syncRolePermissions } from './public-permissions';

const ROLE_UID = 'plugin::users-permissions.role';

/** The Users & Permissions role of association accounts. */
export const ASSOCIATION_ROLE = {
  type: 'association',
  name: 'Association',
  description: "Membre d'une association",
};

/**
 * What an association account may call: read what the public reads; submit actions, delegations
 * and school exchanges (drafts it owns, enforced by the controllers); its own space; its own account and password.
 */
const associationActions = (strapi: Core.Strapi): string[] => [
  ...publicContentActions(strapi),
  ...SUBMITTED.flatMap(({ uid }) => [`${uid}.create`, `${uid}.update`, `${uid}.delete`]),
  'api::me.me.association',
  'api::me.me.updateAssociation',
  'api::me.me.submissions',
  'api::me.me.submission',
  // Images for its submissions (checked by the upload guard: JPEG, PNG, WebP, 5 MB).
  'plugin::upload.content-api.upload',
  'plugin::users-permissions.user.me',
  'plugin::users-permissions.auth.changePassword',
  // Its sessions: log out (this device or all), list them, end one.
  'plugin::users-permissions.auth.logout',
  'plugin::users-permissions.auth.getSessions',
  'plugin::users-permissions.auth.revokeSession',
];

/** Creates the role and sets its permissions from the code (extra ones removed). Idempotent. */
export const syncAssociationRole = async (strapi: Core.Strapi): Promise<void> => {
  const roles = strapi.db.query(ROLE_UID);
  const existing = (await roles.findOne({ where: { type: ASSOCIATION_ROLE.type } })) as { id: number } | null;
  const role = existing ?? ((await roles.create({ data: ASSOCIATION_ROLE })) as { id: number });
  await syncRolePermissions(
    strapi,
    { id: role.id, type: ASSOCIATION_ROLE.type },
    new Set(associationActions(strapi)),
  );
};
