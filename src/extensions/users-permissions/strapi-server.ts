import crypto from 'node:crypto';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import authRateLimit from '../../middlewares/auth-rate-limit';

/**
 * Users & Permissions, extended:
 * - its accounts are named « Compte d’association » in the admin (they are the associations';
 *   staff have admin accounts);
 * - an account of an association belongs to exactly one Association (`association`), set by staff;
 *   it is private, like the rest of the account;
 * - the plugin's own `rateLimit` route middleware (carried by the log-in, registration and password
 *   routes) is replaced by ours, shared by every instance and counted per address and per
 *   identifier: bound to those routes, whatever the spelling of their path;
 * - an access token is valid only while its session is (see config/plugins.ts, `jwtManagement:
 *   'refresh'`): a password change or reset ends every session of the account at once;
 * - `forgot-password` answers before it looks the address up, so that its timing does not tell
 *   whether an account exists;
 * - staff create an account in the admin without typing a password (the plugin requires one): the
 *   account gets a random one that nobody knows, and the person chooses theirs from the invitation.
 */
type Context = Parameters<Core.MiddlewareHandler>[0];
type Factory<T> = (deps: { strapi: Core.Strapi }) => T;

interface JwtService {
  verify(token: string): Promise<{ id?: number; sessionId?: string }>;
  [name: string]: unknown;
}
interface AuthController {
  forgotPassword(ctx: Context): Promise<unknown>;
  [name: string]: unknown;
}
/** The Content Manager's controller for accounts (a plain object, not a factory). */
interface AccountsController {
  create(ctx: Context): Promise<unknown>;
  [name: string]: unknown;
}
interface Plugin {
  contentTypes: Record<
    string,
    { schema: { attributes: Record<string, unknown>; info: { displayName: string; description?: string } } }
  >;
  middlewares: Record<string, unknown>;
  services: Record<string, unknown> & { jwt: Factory<JwtService> };
  controllers: Record<string, unknown> & {
    auth: Factory<AuthController>;
    contentmanageruser: AccountsController;
  };
}

/** A loose e-mail shape check, like the plugin's own: the rest is the SMTP server's business. */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export default (plugin: Plugin): Plugin => {
  // The accounts are the associations' (staff have admin accounts): named so in the admin's menu.
  plugin.contentTypes.user.schema.info.displayName = 'Compte d’association';
  plugin.contentTypes.user.schema.attributes.association = {
    type: 'relation',
    relation: 'manyToOne',
    target: 'api::association.association',
    inversedBy: 'accounts',
    private: true,
  };

  plugin.middlewares.rateLimit = authRateLimit;

  const jwtFactory = plugin.services.jwt;
  plugin.services.jwt = (deps) => {
    const service = jwtFactory(deps);
    const verify = service.verify.bind(service);
    service.verify = async (token) => {
      const payload = await verify(token);
      const { sessionId } = payload;
      const active =
        typeof sessionId === 'string' &&
        (await deps.strapi.sessionManager('users-permissions').isSessionActive(sessionId));
      if (!active) throw new Error('Invalid token.');
      return payload;
    };
    return service;
  };

  const authFactory = plugin.controllers.auth;
  plugin.controllers.auth = (deps) => {
    const controller = authFactory(deps);
    const forgotPassword = controller.forgotPassword.bind(controller);
    controller.forgotPassword = (ctx) => {
      const email = (ctx.request.body as { email?: unknown } | undefined)?.email;
      if (typeof email !== 'string' || !EMAIL.test(email)) {
        throw new errors.ValidationError('email must be a valid e-mail address', {
          errors: [{ path: ['email'], message: 'must be a valid e-mail address', name: 'ValidationError' }],
        });
      }
      // The look-up, the token and the e-mail happen once the answer is sent, with a context of
      // their own (on SQLite, queries hold the event loop: done earlier, they would delay it).
      const detached = { request: { body: { email } }, state: {}, send: () => undefined };
      ctx.res.once('finish', () => {
        forgotPassword(detached as unknown as Context).catch((error: unknown) =>
          deps.strapi.log.error(`[auth] forgot-password: ${(error as Error).message}`),
        );
      });
      ctx.body = { ok: true };
      return Promise.resolve();
    };
    return controller;
  };

  const accounts = plugin.controllers.contentmanageruser;
  const createAccount = accounts.create.bind(accounts);
  accounts.create = (ctx) => {
    const body = ctx.request.body as { password?: unknown } | undefined;
    if (body && (body.password === undefined || body.password === null || body.password === '')) {
      body.password = crypto.randomBytes(32).toString('base64url');
    }
    return createAccount(ctx);
  };

  return plugin;
};
