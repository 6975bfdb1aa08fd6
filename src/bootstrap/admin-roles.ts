import type { Core } from '@strapi/strapi';
import { DELIVERY_UID } from '../api/delivery/outbox';
import { LOCALES } from '../i18n/locales';
import { adminService } from '../platform/services';

const CM = 'plugin::content-manager.explorer';
const ACCOUNTS = 'plugin::users-permissions.user';
/** Read access to the account roles, to choose one when creating an account. */
const ACCOUNT_ROLES = 'plugin::users-permissions.role';

/** A Content Manager action on some subjects, every field and locale. */
interface Grant {
  actions: Array<'create' | 'read' | 'update' | 'delete' | 'publish'>;
  subjects: string[];
}

export interface AdminRoleSpec {
  name: string;
  description: string;
  /** Content Manager grants. */
  content: (mission: string[]) => Grant[];
  /** Other admin actions (media library...). */
  extra: string[];
}

/** The outbox (type « Envoi »): read by the Chargé·e de mission, who may set a failed one back to pending. */
const OUTBOX = DELIVERY_UID;

const MEDIA_READ = [
  'plugin::upload.read',
  'plugin::upload.assets.download',
  'plugin::upload.assets.copy-link',
];
const MEDIA_WRITE = [...MEDIA_READ, 'plugin::upload.assets.create', 'plugin::upload.assets.update'];

/**
 * The Mission's admin roles. None has access to settings, roles or the Content-Type Builder (those
 * actions are simply not granted); the Super Admin role stays for the technical team.
 */
export const ADMIN_ROLES: AdminRoleSpec[] = [
  {
    name: 'Chargé·e de mission',
    description:
      'Crée, modifie, publie et supprime tout le contenu de la Mission ; gère les comptes des associations et relit leurs propositions.',
    content: (mission) => [
      { actions: ['create', 'read', 'update', 'delete', 'publish'], subjects: mission },
      { actions: ['create', 'read', 'update', 'delete'], subjects: [ACCOUNTS] },
      { actions: ['read'], subjects: [ACCOUNT_ROLES] },
      { actions: ['read', 'update'], subjects: [OUTBOX] },
    ],
    extra: MEDIA_WRITE,
  },
  {
    name: 'Rédacteur·rice',
    description: 'Crée et modifie des brouillons ; ne peut ni publier ni supprimer.',
    content: (mission) => [{ actions: ['create', 'read', 'update'], subjects: mission }],
    extra: MEDIA_WRITE,
  },
  {
    name: 'Lecture seule',
    description: 'Consulte tout le contenu, sans rien modifier.',
    content: (mission) => [{ actions: ['read'], subjects: mission }],
    extra: MEDIA_READ,
  },
];

interface RoleService {
  findOne(params: { name: string } | { code: string }): Promise<{ id: number; name: string } | null>;
  getUsersCount(roleId: number): Promise<number>;
  deleteByIds(ids: number[]): Promise<unknown>;
  create(attributes: { name: string; description: string }): Promise<{ id: number }>;
  update(params: { id: number }, attributes: { description: string }): Promise<unknown>;
  assignPermissions(roleId: number, permissions: unknown[]): Promise<unknown>;
}

interface ContentTypeService {
  getPermissionsWithNestedFields(
    actions: unknown[],
    options: { restrictedSubjects: string[] },
  ): Array<{ action: string; subject: string; properties: Record<string, unknown> }>;
}

interface PermissionService {
  actionProvider: { values(): Array<{ actionId: string; section: string; subjects?: string[] }> };
}

/**
 * Creates the Mission's admin roles and sets their permissions from the code, at every start-up:
 * a permission granted by hand is removed, a missing one added.
 */
export const syncAdminRoles = async (strapi: Core.Strapi): Promise<void> => {
  const roles = adminService<RoleService>(strapi, 'role');
  const contentTypes = adminService<ContentTypeService>(strapi, 'content-type');
  const permissions = adminService<PermissionService>(strapi, 'permission');

  const missionTypes = Object.keys(strapi.contentTypes).filter(
    (uid) => uid.startsWith('api::') && uid !== OUTBOX,
  );
  const contentActions = permissions.actionProvider
    .values()
    .filter((action) => action.section === 'contentTypes');
  const locales = LOCALES.map((locale) => locale.code);

  for (const spec of ADMIN_ROLES) {
    const existing = await roles.findOne({ name: spec.name });
    const role = existing ?? (await roles.create({ name: spec.name, description: spec.description }));
    if (existing) await roles.update({ id: role.id }, { description: spec.description });

    const wanted = spec.content(missionTypes).flatMap((grant) => {
      const actions = contentActions.filter((action) =>
        grant.actions.some((name) => action.actionId === `${CM}.${name}`),
      );
      const everyOther = Object.keys(strapi.contentTypes).filter((uid) => !grant.subjects.includes(uid));
      return contentTypes
        .getPermissionsWithNestedFields(actions, { restrictedSubjects: everyOther })
        .map((permission) => {
          const model = strapi.contentTypes[permission.subject as keyof typeof strapi.contentTypes] as
            | { pluginOptions?: { i18n?: { localized?: boolean } } }
            | undefined;
          return model?.pluginOptions?.i18n?.localized
            ? { ...permission, properties: { ...permission.properties, locales } }
            : permission;
        });
    });
    const extra = spec.extra.map((action) => ({ action, subject: null, properties: {}, conditions: [] }));
    await roles.assignPermissions(role.id, [...wanted, ...extra]);
  }

  await removeUnusedDefaultRoles(strapi, roles);
};

/** The roles Strapi creates on a new database, which the Mission's three roles replace. */
const STRAPI_DEFAULT_ROLES = ['strapi-editor', 'strapi-author'];

/**
 * Strapi's "Editor" and "Author" roles, removed when nobody has them (a new database always); one
 * that somebody still has stays, with a warning in the log, until that person is given a Mission
 * role — removing it would lock them out.
 */
const removeUnusedDefaultRoles = async (strapi: Core.Strapi, roles: RoleService): Promise<void> => {
  for (const code of STRAPI_DEFAULT_ROLES) {
    const role = await roles.findOne({ code });
    if (!role) continue;
    const users = await roles.getUsersCount(role.id);
    if (users === 0) {
      await roles.deleteByIds([role.id]);
      strapi.log.info(`[roles] removed Strapi's unused "${role.name}" role`);
    } else {
      strapi.log.warn(
        `[roles] Strapi's "${role.name}" role is kept: ${users} user(s) still have it; give them a Mission role`,
      );
    }
  }
};
