import type { Core } from '@strapi/strapi';
import { adminService } from '../platform/services';

interface AdminUserService {
  exists(): Promise<boolean>;
  createFirstAdmin(attributes: Record<string, unknown>): Promise<{ id: number; email: string }>;
}

/**
 * Development only: creates the first administrator from ADMIN_EMAIL and ADMIN_PASSWORD when the
 * panel has none yet, so that a demo starts ready to log in (in French). In any other environment
 * no account is ever created from the environment.
 */
export const createDevelopmentAdmin = async (strapi: Core.Strapi): Promise<void> => {
  if ((process.env.NODE_ENV ?? 'development') !== 'development') return;
  const email = process.env.ADMIN_EMAIL;
  const password = process.env.ADMIN_PASSWORD;
  if (!email || !password) return;

  const users = adminService<AdminUserService>(strapi, 'user');
  if (await users.exists()) return;
  await users.createFirstAdmin({
    email: email.toLowerCase(),
    password,
    firstname: process.env.ADMIN_FIRSTNAME ?? 'Admin',
    lastname: process.env.ADMIN_LASTNAME ?? 'Mission',
    preferedLanguage: 'fr',
  });
  strapi.log.info(`[admin] development administrator ${email} created`);
};
