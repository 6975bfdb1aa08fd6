import crypto from 'node:crypto';
import request from 'supertest';
import { adminToken, baseUrl, dataOf, trusted } from '../helpers/client';
import { forSlug, waitFor } from '../helpers/webhook-sink';
import { eventually } from '../helpers/eventually';

const SINK = process.env.TEST_WEBHOOK_SINK_URL as string;
const SECRET = 'test-webhook-secret-0123456789';

describe('webhooks to the city website', () => {
  it('publish, update, unpublish and delete each send a signed notification with type, slug, locale and event', async () => {
    const slug = 'test-webhook-cycle';
    const draft = await trusted.post('/api/partnerships?status=draft', {
      data: { title: 'Webhook', slug, partnerName: 'x' },
    });
    const id = dataOf(draft).documentId;
    // Saving a draft changes nothing public: no notification.
    await trusted.put(`/api/partnerships/${id}?status=draft`, { data: { summary: 'brouillon' } });

    const token = await adminToken();
    const admin = (action: string) =>
      request(baseUrl())
        .post(`/content-manager/collection-types/api::partnership.partnership/${id}/actions/${action}`)
        .set('Authorization', `Bearer ${token}`)
        .send({});

    expect((await admin('publish')).status).toBe(200);
    await waitFor((hooks) => forSlug(hooks, slug).length >= 1);
    expect((await trusted.put(`/api/partnerships/${id}`, { data: { summary: 'publié' } })).status).toBe(200);
    await waitFor((hooks) => forSlug(hooks, slug).length >= 2);
    expect((await admin('unpublish')).status).toBe(200);
    await waitFor((hooks) => forSlug(hooks, slug).length >= 3);
    expect((await admin('publish')).status).toBe(200);
    await waitFor((hooks) => forSlug(hooks, slug).length >= 4);
    expect((await trusted.delete(`/api/partnerships/${id}`)).status).toBe(204);

    const hooks = forSlug(await waitFor((all) => forSlug(all, slug).length >= 5), slug);
    expect(hooks.map((hook) => hook.payload.event)).toEqual([
      'publish',
      'update',
      'unpublish',
      'publish',
      'delete',
    ]);
    for (const hook of hooks) {
      expect(hook.payload).toMatchObject({ type: 'partnership', documentId: id, slug, locale: 'fr' });
      const expected = `sha256=${crypto.createHmac('sha256', SECRET).update(hook.body).digest('hex')}`;
      expect(hook.headers['x-webhook-signature']).toBe(expected);
    }
  });

  it('a failed delivery is retried until the website accepts it', async () => {
    await request(SINK).post('/_fail/2');
    const created = await trusted.post('/api/themes', {
      data: { name: 'Webhook retry', slug: 'test-webhook-retry' },
    });
    expect(created.status).toBe(201);
    const hooks = forSlug(
      await waitFor((all) => forSlug(all, 'test-webhook-retry').some((hook) => hook.answered === 204)),
      'test-webhook-retry',
    );
    expect(hooks.map((hook) => hook.answered)).toEqual([500, 500, 204]);
    expect(hooks.map((hook) => hook.headers['x-webhook-attempt'])).toEqual(['1', '2', '3']);
    expect(new Set(hooks.map((hook) => hook.headers['x-webhook-id'])).size).toBe(1);
    await trusted.delete(`/api/themes/${dataOf(created).documentId}`);
  });

  it("a website that does not answer never blocks the editor's save", async () => {
    await request(SINK).post('/_hold');
    try {
      const created = await trusted.post('/api/themes', {
        data: { name: 'Webhook lent', slug: 'test-webhook-lent' },
      });
      // The save has answered while the notification is still waiting for the website.
      expect(created.status).toBe(201);
      const held = await eventually(
        async () => {
          const count = ((await request(SINK).get('/_held')).body as { held: number }).held;
          return count > 0 ? count : undefined;
        },
        5000,
        'a delivery held by the slow website',
        20,
      );
      expect(held).toBeGreaterThan(0);
      await trusted.delete(`/api/themes/${dataOf(created).documentId}`);
    } finally {
      await request(SINK).post('/_release');
    }
  });
});
