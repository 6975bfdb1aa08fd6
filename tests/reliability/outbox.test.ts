import crypto from 'node:crypto';
import type { TestDatabaseClient } from '../helpers/database';
import {
  adminOf,
  createMember,
  eventually,
  ownDatabase,
  type AdminClient,
  type OwnDatabase,
} from '../helpers/instances';
import { startMailSink, type ReceivedMail } from '../helpers/mail-sink';
import { freePort } from '../helpers/second-instance';
import { startWebhookSink, type ReceivedHook } from '../helpers/webhook-sink';

/**
 * Webhooks and e-mails survive outages and restarts: they are rows of the outbox, written with the
 * change that caused them, and delivered once the receiver is back, by whichever instance runs.
 */
const CLIENT: TestDatabaseClient = process.env.TEST_DATABASE === 'postgres' ? 'postgres' : 'sqlite';
const CM = '/content-manager/collection-types';

interface DeliveryRow {
  channel: string;
  summary: string;
  deliveryState: string;
  attempts: number;
  lastError: string | null;
  payload: Record<string, unknown>;
}

/** The outbox as staff see it in the admin panel. */
const outbox = async (admin: AdminClient): Promise<DeliveryRow[]> => {
  const response = await admin.get(`${CM}/api::delivery.delivery?page=1&pageSize=100&sort=id:ASC`);
  if (response.status !== 200) throw new Error(`outbox: HTTP ${response.status}`);
  return (response.body as { results: DeliveryRow[] }).results;
};

/** Environment of a server whose website and SMTP server are at the given (possibly closed) ports. */
const receiversAt = (hookPort: number, smtpPort: number): Record<string, string> => ({
  WEBSITE_WEBHOOK_URL: `http://127.0.0.1:${hookPort}/hook`,
  WEBSITE_WEBHOOK_SECRET: 'outbox-test-secret-0123456789',
  WEBSITE_WEBHOOK_RETRY_MS: '100',
  WEBSITE_WEBHOOK_MAX_ATTEMPTS: '1000',
  EMAIL_RETRY_MS: '100',
  EMAIL_MAX_ATTEMPTS: '1000',
  OUTBOX_MAX_RETRY_DELAY_MS: '400',
  OUTBOX_POLL_MS: '100',
  // A delivery leased by the killed process is taken over when its lease ends: 5 s here instead
  // of 2 min, so that a kill in the middle of an attempt (likely on a loaded machine) is recovered
  // within the test's wait.
  OUTBOX_LEASE_MS: '5000',
  SMTP_HOST: '127.0.0.1',
  SMTP_PORT: String(smtpPort),
  SMTP_IGNORE_TLS: 'true',
  MISSION_EMAIL: 'mission@example.test',
});

const hooksAt = async (url: string): Promise<Array<ReceivedHook & { payload: { slug: string } }>> => {
  const hooks = (await (await fetch(`${url}/_received`)).json()) as ReceivedHook[];
  return hooks.map((hook) => ({ ...hook, payload: JSON.parse(hook.body) as { slug: string } }));
};
const mailsAt = async (url: string): Promise<ReceivedMail[]> =>
  (await (await fetch(url)).json()) as ReceivedMail[];

const createTheme = async (admin: AdminClient, slug: string) => {
  const response = await admin.post(`${CM}/api::theme.theme`, { name: `Thème ${slug}`, slug });
  expect(response.status).toBe(201);
};

describe('the outbox: nothing is lost when the process stops', () => {
  let own: OwnDatabase | undefined;
  afterEach(async () => {
    await own?.drop();
    own = undefined;
  });

  it('receiver and SMTP server down → server killed → restarted → both back: every event delivered once', async () => {
    const hookPort = await freePort();
    const smtpPort = await freePort();
    own = await ownDatabase(CLIENT, receiversAt(hookPort, smtpPort));
    const first = await own.start();
    const admin = await adminOf(first.url);

    const slugs = ['outbox-un', 'outbox-deux', 'outbox-trois'];
    for (const slug of slugs) await createTheme(admin, slug);
    const member = `membre-${crypto.randomBytes(3).toString('hex')}@example.org`;
    await createMember(admin, {
      email: member,
      password: 'Membre-Passw0rd!',
      association: `Association ${member}`,
    });

    // Staff see every delivery pending, tried and failing, with the reason.
    const pending = await eventually(
      async () => {
        const rows = await outbox(admin);
        return rows.length === 4 && rows.every((row) => row.attempts >= 1 && row.lastError)
          ? rows
          : undefined;
      },
      30_000,
      'four failing deliveries',
    );
    expect(pending.map((row) => [row.channel, row.deliveryState])).toEqual([
      ['webhook', 'pending'],
      ['webhook', 'pending'],
      ['webhook', 'pending'],
      ['email', 'pending'],
    ]);
    // An invitation holds a link to choose a password: staff see its recipient and subject only.
    const invitation = pending[3];
    expect(invitation.payload.to).toEqual([member]);
    expect(JSON.stringify(invitation)).not.toMatch(/code=|mot-de-passe/);

    await first.kill();
    const second = await own.start();
    const hooks = await startWebhookSink(hookPort);
    const mail = await startMailSink(smtpPort);
    try {
      await eventually(
        async () => {
          const got = await hooksAt(hooks.url);
          const mails = await mailsAt(mail.url);
          const done = slugs.every((slug) =>
            got.some((hook) => hook.payload.slug === slug && hook.answered === 204),
          );
          return done && mails.some((message) => message.to.includes(member)) ? true : undefined;
        },
        30_000,
        'deliveries after the restart',
      );
      // Time for a duplicate to show up, if there were one.
      await new Promise((resolve) => setTimeout(resolve, 1500));
      const got = await hooksAt(hooks.url);
      for (const slug of slugs) expect(got.filter((hook) => hook.payload.slug === slug)).toHaveLength(1);
      expect(new Set(got.map((hook) => hook.headers['x-webhook-id'])).size).toBe(got.length);
      const invitations = (await mailsAt(mail.url)).filter((message) => message.to.includes(member));
      expect(invitations).toHaveLength(1);
      expect(invitations[0].text).toMatch(/mot-de-passe\?code=[0-9a-f]{96}/);

      const after = await outbox(await adminOf(second.url));
      expect(after.map((row) => row.deliveryState)).toEqual([
        'delivered',
        'delivered',
        'delivered',
        'delivered',
      ]);
      expect(after[3].payload.sealed).toBeUndefined();
    } finally {
      await hooks.close();
      await mail.close();
    }
  });

  it('two instances on one PostgreSQL database deliver each event exactly once', async () => {
    const hookPort = await freePort();
    own = await ownDatabase('postgres', receiversAt(hookPort, await freePort()));
    const [one, two] = [await own.start(), await own.start()];
    const [adminOne, adminTwo] = [await adminOf(one.url), await adminOf(two.url)];

    // Changes through both instances while the website is down, then the website comes back.
    const slugs = Array.from({ length: 24 }, (_, index) => `outbox-double-${index}`);
    for (const [index, slug] of slugs.entries()) await createTheme(index % 2 ? adminTwo : adminOne, slug);
    const hooks = await startWebhookSink(hookPort);
    try {
      await eventually(
        async () => {
          const got = await hooksAt(hooks.url);
          return slugs.every((slug) =>
            got.some((hook) => hook.payload.slug === slug && hook.answered === 204),
          )
            ? true
            : undefined;
        },
        30_000,
        'deliveries by two instances',
      );
      await new Promise((resolve) => setTimeout(resolve, 1500));
      const got = await hooksAt(hooks.url);
      for (const slug of slugs) expect(got.filter((hook) => hook.payload.slug === slug)).toHaveLength(1);
      expect((await outbox(adminOne)).every((row) => row.deliveryState === 'delivered')).toBe(true);
    } finally {
      await hooks.close();
    }
  });
});
