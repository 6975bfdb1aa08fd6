import type { Core } from '@strapi/strapi';
import { PUBLIC_UIDS } from '../contributions';

const PERMISSION_UID = 'plugin::users-permissions.permission';
const ROLE_UID = 'plugin::users-permissions.role';

/**
 * What an anonymous visitor may do besides reading content: log in and recover a password.
 * Self-registration (`auth.register`) is deliberately absent.
 */
const PUBLIC_AUTH_ACTIONS = [
  'plugin::users-permissions.auth.callback',
  'plugin::users-permissions.auth.forgotPassword',
  'plugin::users-permissions.auth.resetPassword',
  'plugin::users-permissions.auth.refresh',
];

/**
 * The content types declared public in their contributions.ts (the outbox, api::delivery, is
 * internal) are read-only for everyone, published entries only. Collection types get `find` and
 * `findOne`, single types `find`.
 */
export const publicContentActions = (strapi: Core.Strapi): string[] =>
  PUBLIC_UIDS.flatMap((uid) =>
    strapi.contentType(uid).kind === 'singleType' ? [`${uid}.find`] : [`${uid}.find`, `${uid}.findOne`],
  );

/**
 * Makes a Users & Permissions role hold exactly the `wanted` actions: adds the missing ones and
 * removes any other (for instance one granted by a click in the admin). Idempotent.
 */
export const syncRolePermissions = async (
  strapi: Core.Strapi,
  role: { id: number; type: string },
  wanted: Set<string>,
): Promise<void> => {
  const current = (await strapi.db
    .query(PERMISSION_UID)
    .findMany({ where: { role: role.id }, select: ['id', 'action'] })) as Array<{
    id: number;
    action: string;
  }>;

  const present = new Set(current.map((permission) => permission.action));
  const extra = current.filter((permission) => !wanted.has(permission.action));
  const missing = [...wanted].filter((action) => !present.has(action));

  if (extra.length > 0) {
    await strapi.db
      .query(PERMISSION_UID)
      .deleteMany({ where: { id: { $in: extra.map((permission) => permission.id) } } });
    strapi.log.info(`[permissions] ${role.type} role: removed ${extra.map((p) => p.action).join(', ')}`);
  }
  for (const action of missing) {
    await strapi.db.query(PERMISSION_UID).create({ data: { action, role: role.id } });
  }
  if (missing.length > 0)
    strapi.log.info(`[permissions] ${role.type} role: granted ${missing.length} actions`);
};

/** The Public role: read every content type, log in, recover a password; nothing else. */
export const syncPublicPermissions = async (strapi: Core.Strapi): Promise<void> => {
  const role = (await strapi.db.query(ROLE_UID).findOne({ where: { type: 'public' } })) as {
    id: number;
  } | null;
  if (!role) throw new Error('The Users & Permissions "public" role is missing.');
  await syncRolePermissions(
    strapi,
    { id: role.id, type: 'public' },
    new Set([...publicContentActions(strapi), ...PUBLIC_AUTH_ACTIONS]),
  );
};
