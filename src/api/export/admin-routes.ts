import type { Core } from '@strapi/strapi';
import type { Context } from '../../http/request-state';
import { sendDeclaration } from './controllers/export';

/**
 * The e-APD declaration for the admin panel's page (src/admin/pages/e-apd.tsx): the same files as
 * the token routes, for a logged-in member of staff who may publish (the Chargé·e de mission, the
 * technical team's Super Admin) — not the Rédacteur·rice nor the Lecture seule roles.
 */
export const ADMIN_DECLARATION_PATH = '/mission/e-apd';

export const registerDeclarationAdminRoutes = (strapi: Core.Strapi): void => {
  // src/api/export/policies/may-publish-fundings.ts
  const config = { policies: ['admin::isAuthenticatedAdmin', 'api::export.may-publish-fundings'] };
  strapi.server.routes({
    type: 'admin',
    prefix: '/admin',
    routes: [
      {
        method: 'GET',
        path: `${ADMIN_DECLARATION_PATH}/:year.csv`,
        handler: (ctx: Context) => {
          sendDeclaration(strapi, ctx, 'csv');
        },
        config,
        info: { pluginName: 'admin' },
      },
      {
        method: 'GET',
        path: `${ADMIN_DECLARATION_PATH}/:year`,
        handler: (ctx: Context) => {
          sendDeclaration(strapi, ctx, 'json');
        },
        config,
        info: { pluginName: 'admin' },
      },
    ],
  });
};
