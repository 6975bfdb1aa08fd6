import type { Core } from '@strapi/strapi';
import type { ServerResponse } from 'node:http';
import { SANDBOX_HEADERS } from '../src/middlewares/uploads-sandbox';
import { getSecrets } from '../src/platform/secrets';
import { PASSWORD_MIN_LENGTH } from '../src/portal/pages';

const config = ({ env }: Core.Config.Shared.ConfigParams): Core.Config.Plugin => ({
  // E-mail through SMTP (nodemailer). Without SMTP_HOST (development), messages are not sent but
  // rendered as JSON and logged by nodemailer's JSON transport.
  email: {
    config: {
      provider: 'nodemailer',
      providerOptions: env('SMTP_HOST', '')
        ? {
            host: env('SMTP_HOST'),
            port: env.int('SMTP_PORT', 587),
            secure: env.bool('SMTP_SECURE', false),
            ignoreTLS: env.bool('SMTP_IGNORE_TLS', false),
            ...(env('SMTP_USERNAME', '')
              ? { auth: { user: env('SMTP_USERNAME'), pass: env('SMTP_PASSWORD') } }
              : {}),
          }
        : { jsonTransport: true },
      settings: {
        defaultFrom: env('EMAIL_FROM', 'Mission des relations extérieures <relations-exterieures@localhost>'),
        defaultReplyTo: env('EMAIL_REPLY_TO', env('MISSION_EMAIL', 'relations-exterieures@localhost')),
      },
    },
  },
  // Uploaded files are served sandboxed: no script runs from them, even an HTML or SVG file.
  upload: {
    config: {
      providerOptions: {
        localServer: {
          setHeaders: (res: ServerResponse) => {
            for (const [name, value] of Object.entries(SANDBOX_HEADERS)) res.setHeader(name, value);
          },
        },
      },
    },
  },
  'users-permissions': {
    config: {
      jwtSecret: getSecrets().JWT_SECRET,
      // Sessions (refresh tokens) kept in the database: a short-lived access token is accepted only
      // while its session exists, and a password change or reset ends every session of the account.
      jwtManagement: 'refresh',
      // Every password chosen through the API (invitation, reset, change): at least 12 characters.
      validatePassword: (password: string) => password.length >= PASSWORD_MIN_LENGTH,
      sessions: {
        accessTokenLifespan: env.int('ACCESS_TOKEN_LIFESPAN', 15 * 60),
        maxRefreshTokenLifespan: env.int('REFRESH_TOKEN_LIFESPAN', 30 * 24 * 60 * 60),
        idleRefreshTokenLifespan: env.int('REFRESH_TOKEN_IDLE_LIFESPAN', 14 * 24 * 60 * 60),
      },
    },
  },
});

export default config;
