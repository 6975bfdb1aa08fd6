/**
 * Class 7: smaller leaks. A deleted draft's slug is not sent to the website; an association sees
 * when its entries were published; production refuses secrets that are long but not random, and
 * `npm start` is production.
 */
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import path from 'node:path';
import request from 'supertest';
import { associationWithAccount } from '../helpers/accounts';
import { adminToken, baseUrl, dataOf, trusted } from '../helpers/client';
import { BOOT_SCRIPT, runNode } from '../helpers/run-node';
import { TEST_SECRETS } from '../helpers/secrets';
import { forSlug, waitFor } from '../helpers/webhook-sink';

const publishInAdmin = async (uid: string, documentId: string) =>
  request(baseUrl())
    .post(`/content-manager/collection-types/${uid}/${documentId}/actions/publish`)
    .set('Authorization', `Bearer ${await adminToken()}`)
    .send({});

describe('the website is told only of public changes', () => {
  it("deleting a draft that was never published sends no webhook, so the draft's slug stays private", async () => {
    const account = await associationWithAccount('leak-delete');
    const secretSlug = `test-brouillon-secret-${crypto.randomBytes(3).toString('hex')}`;
    const submitted = await account.api.post('/api/actions', {
      data: { title: 'Projet pas encore public', slug: secretSlug, actionType: 'event' },
    });
    expect(submitted.status).toBe(201);
    expect((await account.api.delete(`/api/actions/${dataOf(submitted).documentId}`)).status).toBe(204);
    const staffDraft = await trusted.post('/api/partnerships?status=draft', {
      data: { title: 'Brouillon de la Mission', slug: `${secretSlug}-mission`, partnerName: 'x' },
    });
    expect((await trusted.delete(`/api/partnerships/${dataOf(staffDraft).documentId}`)).status).toBe(204);

    // A public change made afterwards is delivered: had the deletions been sent, they would be here.
    const marker = `test-repere-${crypto.randomBytes(3).toString('hex')}`;
    const theme = await trusted.post('/api/themes', { data: { name: 'Repère', slug: marker } });
    const hooks = await waitFor((all) => forSlug(all, marker).length >= 1);
    await trusted.delete(`/api/themes/${dataOf(theme).documentId}`);
    expect(hooks.filter((hook) => (hook.payload.slug ?? '').startsWith(secretSlug))).toEqual([]);
  });
});

describe("an association's own list", () => {
  it('shows the publication date of its published entries', async () => {
    const account = await associationWithAccount('leak-published');
    const submitted = await account.api.post('/api/actions', {
      data: {
        title: 'Action publiée',
        slug: `test-publiee-${crypto.randomBytes(3).toString('hex')}`,
        actionType: 'event',
      },
    });
    const documentId = dataOf(submitted).documentId;
    expect((await publishInAdmin('api::action.action', documentId)).status).toBe(200);
    const mine = await account.api.get('/api/me/submissions');
    const entry = (mine.body as { data: Array<Record<string, unknown>> }).data.find(
      (e) => e.documentId === documentId,
    );
    expect(entry).toMatchObject({
      published: true,
      publishedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/) as unknown,
    });
    // Published content counts in the website's figures: the entry goes once checked.
    expect((await trusted.delete(`/api/actions/${documentId}`)).status).toBe(204);
  });
});

describe('production secrets', () => {
  it('a long secret that is not random (one character repeated, a short pattern) is refused, and named', async () => {
    const run = await runNode(['-e', BOOT_SCRIPT], {
      NODE_ENV: 'production',
      ...TEST_SECRETS,
      JWT_SECRET: 'a'.repeat(32),
      ADMIN_JWT_SECRET: 'ab'.repeat(16),
      DATABASE_FILENAME: path.join('.tmp', 'never-created.db'),
    });
    expect(run.code).not.toBe(0);
    expect(run.stdout).not.toContain('BOOTED');
    expect(run.stderr + run.stdout).toContain('JWT_SECRET is not random enough');
    expect(run.stderr + run.stdout).toContain('ADMIN_JWT_SECRET is not random enough');
  });

  it('`npm start` runs in production: without secrets it refuses to start', async () => {
    const unset = new Set(['NODE_ENV', ...Object.keys(TEST_SECRETS)]);
    const env: NodeJS.ProcessEnv = {
      ...Object.fromEntries(Object.entries(process.env).filter(([name]) => !unset.has(name))),
      DATABASE_FILENAME: path.join('.tmp', 'never-created.db'),
    };
    const output = await new Promise<{ code: number | null; text: string }>((resolve) => {
      const child = spawn('npm', ['start'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
      let text = '';
      child.stdout.on('data', (chunk: Buffer) => (text += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (text += chunk.toString()));
      const timer = setTimeout(() => child.kill('SIGKILL'), 90_000);
      child.on('close', (code) => {
        clearTimeout(timer);
        resolve({ code, text });
      });
    });
    expect(output.code).not.toBe(0);
    expect(output.text).toContain('Refusing to start in production');
  });
});
