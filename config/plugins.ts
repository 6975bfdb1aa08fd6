import type { Core } from '@strapi/strapi';
import { getSecrets } from '../src/utils/secrets';

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
  'users-permissions': {
    config: {
      jwtSecret: getSecrets().JWT_SECRET,
      jwt: { expiresIn: env('JWT_EXPIRES_IN', '7d') },
    },
  },
});

export default config;
