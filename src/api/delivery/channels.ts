import crypto from 'node:crypto';
import type { Core } from '@strapi/strapi';
import { getSecrets } from '../../platform/secrets';
import { enqueue, type Sender } from './outbox';
import { pluginService } from '../../platform/services';

export const SIGNATURE_HEADER = 'x-webhook-signature';

/** `sha256=<hex>`: HMAC-SHA256 of the exact body with the shared secret. */
export const sign = (body: string, secret: string): string =>
  `sha256=${crypto.createHmac('sha256', secret).update(body).digest('hex')}`;

/**
 * A notification to the city website: POST of the payload as JSON to WEBSITE_WEBHOOK_URL, signed,
 * with the delivery's stable identifier and the attempt number; anything but a 2xx is a failure.
 */
export const sendWebhook: Sender = async (delivery) => {
  const url = process.env.WEBSITE_WEBHOOK_URL;
  if (!url) throw new Error('WEBSITE_WEBHOOK_URL is not set any more');
  const body = JSON.stringify(delivery.payload);
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      [SIGNATURE_HEADER]: sign(body, process.env.WEBSITE_WEBHOOK_SECRET ?? ''),
      'x-webhook-id': delivery.documentId,
      'x-webhook-attempt': String(delivery.attempts),
    },
    body,
    signal: AbortSignal.timeout(Number(process.env.WEBSITE_WEBHOOK_TIMEOUT_MS ?? 5000)),
  });
  await response.body?.cancel();
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
};

/** What the e-mail plugin is asked to send (JSON only: no attachment streams). */
export interface MailOptions {
  to: string | string[];
  subject: string;
  text?: string;
  html?: string;
  from?: string;
  replyTo?: string;
  [key: string]: unknown;
}

interface EmailService {
  send(options: MailOptions): Promise<unknown>;
}

// An e-mail may hold a link to choose a password: its content is kept sealed (AES-256-GCM with a key
// derived from ENCRYPTION_KEY), so staff who read the outbox see the recipients and the subject only.
const key = (): Buffer =>
  crypto.createHash('sha256').update(`outbox:${getSecrets().ENCRYPTION_KEY}`).digest();

export const seal = (value: unknown): string => {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', key(), iv);
  const data = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), data]).toString('base64');
};

export const unseal = (sealed: string): unknown => {
  const raw = Buffer.from(sealed, 'base64');
  const decipher = crypto.createDecipheriv('aes-256-gcm', key(), raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(12, 28));
  return JSON.parse(Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8'));
};

const recipients = (to: MailOptions['to']): string[] => (Array.isArray(to) ? to : [to]);

/**
 * Every e-mail sent through the e-mail plugin's `send` (ours, and Users & Permissions' password
 * reset and confirmation e-mails) goes through the outbox: `send` only queues it, in the caller's
 * transaction, and returns; the worker hands it to the real provider. Returns the sender for the
 * worker.
 */
export const routeEmailsThroughOutbox = (strapi: Core.Strapi): Sender => {
  const service = pluginService<EmailService>(strapi, 'email', 'email');
  const send = service.send.bind(service);
  service.send = async (options: MailOptions) => {
    const to = recipients(options.to);
    await enqueue(strapi, 'email', `${options.subject} → ${to.join(', ')}`, {
      to,
      subject: options.subject,
      sealed: seal(options),
    });
  };
  return async (delivery) => {
    const sealed = delivery.payload.sealed;
    if (typeof sealed !== 'string') throw new Error('the message has no content (already delivered?)');
    await send(unseal(sealed) as MailOptions);
    strapi.log.info(
      `[mail] "${String(delivery.payload.subject)}" sent to ${recipients(delivery.payload.to as string[]).join(', ')}`,
    );
  };
};

/** Queues an e-mail (see `routeEmailsThroughOutbox`); nothing when there is no recipient. */
export const queueMail = async (
  strapi: Core.Strapi,
  to: string[],
  subject: string,
  text: string,
): Promise<void> => {
  if (to.length === 0) return;
  const service = pluginService<EmailService>(strapi, 'email', 'email');
  await service.send({ to, subject, text });
};
