import { associationWithAccount, type AssociationAccount } from '../helpers/accounts';
import { staffWithRole, superAdmin } from '../helpers/admin';
import { anonymous, dataOf, trusted, type Entry } from '../helpers/client';
import type { QueuedSubmission } from '../../src/submissions/review-queue';

/**
 * The review queue of the admin home page (GET /admin/mission/review-queue): what associations
 * submitted and staff have not yet reviewed, the oldest first, for the staff who review.
 */

const CM = '/content-manager/collection-types';

let account: AssociationAccount;
const mine: Array<[plural: string, documentId: string]> = [];

const queueOf = async (): Promise<{ count: number; entries: QueuedSubmission[] }> => {
  const staff = await staffWithRole('Chargé·e de mission');
  const response = await staff.get('/admin/mission/review-queue');
  expect(response.status).toBe(200);
  return (response.body as { data: { count: number; entries: QueuedSubmission[] } }).data;
};

beforeAll(async () => {
  account = await associationWithAccount('file-relecture');
  const action = await account.api.post('/api/actions', {
    data: { title: 'Action en attente', slug: `test-file-action-${Date.now()}`, actionType: 'event' },
  });
  expect(action.status).toBe(201);
  mine.push(['actions', dataOf(action).documentId]);
  const delegation = await account.api.post('/api/delegations', {
    data: {
      title: 'Délégation en attente',
      slug: `test-file-delegation-${Date.now()}`,
      direction: 'incoming',
    },
  });
  expect(delegation.status).toBe(201);
  mine.push(['delegations', dataOf(delegation).documentId]);
  const profile = await account.api.put('/api/me/association', { data: { summary: 'Notre nouveau résumé' } });
  expect(profile.status).toBe(200);
});

afterAll(async () => {
  for (const [plural, documentId] of mine) {
    expect((await trusted.delete(`/api/${plural}/${documentId}`)).status).toBeLessThan(300);
  }
});

describe('the review queue', () => {
  it('lists every submission awaiting review, the oldest first, with its association, date and link', async () => {
    const queue = await queueOf();
    const ours = queue.entries.filter((entry) => entry.association === 'Association file-relecture');
    expect(ours.map((entry) => [entry.type, entry.title])).toEqual([
      ['action', 'Action en attente'],
      ['delegation', 'Délégation en attente'],
      ['association', 'Association file-relecture'],
    ]);
    const dates = queue.entries.map((entry) => entry.submittedAt);
    expect([...dates].sort()).toEqual(dates);
    expect(queue.count).toBeGreaterThanOrEqual(3);
    expect(ours[0].href).toBe(`${CM}/api::action.action/${mine[0][1]}?plugins[i18n][locale]=fr`);
    expect(ours[0].typeLabel).toBe('Action');
  });

  it('leaves the queue once staff request changes or approve', async () => {
    const before = await queueOf();
    const admin = await superAdmin();
    const [[, action], [, delegation]] = mine;
    expect(
      (
        await admin.put(`${CM}/api::action.action/${action}`, {
          reviewState: 'changes-requested',
          reviewComment: 'Une date ?',
        })
      ).status,
    ).toBe(200);
    expect(
      (await admin.put(`${CM}/api::delegation.delegation/${delegation}`, { reviewState: 'approved' })).status,
    ).toBe(200);
    const after = await queueOf();
    expect(after.count).toBe(before.count - 2);
    const ids = after.entries.map((entry) => entry.documentId);
    expect(ids).not.toContain(action);
    expect(ids).not.toContain(delegation);
  });

  it.each(['Rédacteur·rice', 'Lecture seule'])('is closed to the %s role', async (role) => {
    const staff = await staffWithRole(role);
    expect((await staff.get('/admin/mission/review-queue')).status).toBe(403);
  });

  it('is closed to the public, to an API token and to an association account', async () => {
    expect((await anonymous().get('/admin/mission/review-queue')).status).toBe(401);
    expect((await trusted.get('/admin/mission/review-queue')).status).toBe(401);
    expect((await account.api.get('/admin/mission/review-queue')).status).toBe(401);
  });

  it('says nothing of drafts to the public API', async () => {
    const response = await anonymous().get(`/api/actions/${mine[0][1]}`);
    expect(response.status).toBe(404);
    expect(dataOf<Entry | null>(response)).toBeNull();
  });
});
