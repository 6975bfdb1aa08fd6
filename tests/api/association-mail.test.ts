import crypto from 'node:crypto';
import request from 'supertest';
import { associationWithAccount, createAccount } from '../helpers/accounts';
import { superAdmin } from '../helpers/admin';
import { anonymous, baseUrl, dataOf, trusted } from '../helpers/client';
import { waitForMail } from '../helpers/mail-sink';

const ACTIONS_ADMIN = '/content-manager/collection-types/api::action.action';

describe('association portal e-mails, through a real SMTP server', () => {
  it('staff create an account: the person is invited by e-mail, chooses a password and logs in', async () => {
    const suffix = crypto.randomBytes(3).toString('hex');
    const association = await trusted.post('/api/associations', {
      data: { name: `Association invitée ${suffix}`, slug: `test-invitee-${suffix}` },
    });
    const email = `invitee-${suffix}@example.org`;
    // No password: staff leave the field empty, the person chooses theirs from the invitation.
    await createAccount(await superAdmin(), {
      username: `invitee-${suffix}`,
      email,
      associationId: dataOf(association).documentId,
    });
    for (const password of ['', ' ', 'undefined', 'null']) {
      const guess = await request(baseUrl()).post('/api/auth/local').send({ identifier: email, password });
      expect(guess.status).toBe(400);
    }

    const invitation = await waitForMail((mail) => mail.to.includes(email));
    expect(invitation.subject).toMatch(/portail des associations/);
    expect(invitation.text).toContain(`Association invitée ${suffix}`);
    const code = /mot-de-passe\?code=([a-f0-9]+)/.exec(invitation.text)?.[1];
    expect(invitation.text).toContain('https://associations.example.test/mot-de-passe?code=');
    expect(code).toBeDefined();

    const reset = await request(baseUrl())
      .post('/api/auth/reset-password')
      .send({ code, password: 'Chosen-Passw0rd!', passwordConfirmation: 'Chosen-Passw0rd!' });
    expect(reset.status).toBe(200);
    const login = await request(baseUrl())
      .post('/api/auth/local')
      .send({ identifier: email, password: 'Chosen-Passw0rd!' });
    expect(login.status).toBe(200);
    // The code works once.
    const again = await request(baseUrl())
      .post('/api/auth/reset-password')
      .send({ code, password: 'Other-Passw0rd!', passwordConfirmation: 'Other-Passw0rd!' });
    expect(again.status).toBe(400);
  });

  it('a submission e-mails the Mission; changes requested and publication e-mail the association', async () => {
    const account = await associationWithAccount('courrier');
    const submitted = await account.api.post('/api/actions', {
      data: {
        title: 'Action à relire par courrier',
        slug: `test-courrier-${crypto.randomBytes(3).toString('hex')}`,
        actionType: 'event',
      },
    });
    expect(submitted.status).toBe(201);
    const id = dataOf(submitted).documentId;
    const toMission = await waitForMail(
      (mail) =>
        mail.to.includes('mission@example.test') && mail.subject.includes('Action à relire par courrier'),
    );
    expect(toMission.text).toContain('Association courrier');

    const admin = await superAdmin();
    const requested = await admin.put(`${ACTIONS_ADMIN}/${id}`, {
      reviewState: 'changes-requested',
      reviewComment: 'Merci de préciser les dates.',
    });
    expect(requested.status).toBe(200);
    const changes = await waitForMail(
      (mail) => mail.to.includes(account.email) && mail.subject.startsWith('Modifications demandées'),
    );
    expect(changes.text).toContain('Merci de préciser les dates.');
    const mine = await account.api.get('/api/me/submissions');
    expect(
      (mine.body as { data: Array<Record<string, unknown>> }).data.find((entry) => entry.documentId === id),
    ).toMatchObject({
      reviewState: 'changes-requested',
      reviewComment: 'Merci de préciser les dates.',
    });

    expect((await admin.post(`${ACTIONS_ADMIN}/${id}/actions/publish`)).status).toBe(200);
    await waitForMail(
      (mail) => mail.to.includes(account.email) && mail.subject.startsWith('Votre proposition est publiée'),
    );
    const after = await account.api.get('/api/me/submissions');
    expect(
      (after.body as { data: Array<Record<string, unknown>> }).data.find((entry) => entry.documentId === id),
    ).toMatchObject({
      reviewState: 'approved',
      published: true,
    });
    expect((await anonymous().get(`/api/actions/${id}`)).status).toBe(200);
    await trusted.delete(`/api/actions/${id}`);
  });
});
