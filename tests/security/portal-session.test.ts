import crypto from 'node:crypto';
import request from 'supertest';
import { associationWithAccount, createAccount, type AssociationAccount } from '../helpers/accounts';
import { superAdmin } from '../helpers/admin';
import { baseUrl, dataOf, trusted } from '../helpers/client';
import { waitForMail } from '../helpers/mail-sink';

/**
 * The association portal's cookie session (src/portal/session.ts), tried from the outside: the
 * browser never receives a token, the cookie alone (without its CSRF header) does nothing, the
 * session can do nothing the API refuses to the same account, and log-out ends it on the server.
 */

interface PortalSession {
  /** The Cookie header a browser would send. */
  cookie: string;
  csrf: string;
  setCookies: string[];
  body: Record<string, unknown>;
}

const cookiesOf = (setCookies: string[]): Record<string, string> =>
  Object.fromEntries(
    setCookies.map((line) => {
      const [pair] = line.split(';');
      const index = pair.indexOf('=');
      return [pair.slice(0, index), pair.slice(index + 1)];
    }),
  );

const setCookiesOf = (response: request.Response): string[] => {
  const header = response.headers['set-cookie'] as string[] | string | undefined;
  return header === undefined ? [] : Array.isArray(header) ? header : [header];
};

const portalLogin = async (email: string, password: string): Promise<PortalSession> => {
  const response = await request(baseUrl())
    .post('/api/auth/local')
    .set('X-Portail', '1')
    .send({ identifier: email, password });
  expect(response.status).toBe(200);
  const setCookies = setCookiesOf(response);
  const cookies = cookiesOf(setCookies);
  return {
    cookie: `ri_portail=${cookies.ri_portail}; ri_portail_csrf=${cookies.ri_portail_csrf}`,
    csrf: cookies.ri_portail_csrf,
    setCookies,
    body: response.body as Record<string, unknown>,
  };
};

/** A request as the portal's script sends it: cookies, CSRF header, X-Portail. */
const asPortal = (
  session: Pick<PortalSession, 'cookie' | 'csrf'>,
  method: 'get' | 'post' | 'put' | 'delete',
  path: string,
) =>
  request(baseUrl())
    [method](path)
    .set('Cookie', session.cookie)
    .set('X-CSRF-Token', session.csrf)
    .set('X-Portail', '1');

let member: AssociationAccount;

beforeAll(async () => {
  member = await associationWithAccount('portail-session');
});

describe('the portal pages', () => {
  it('are French documents with a strict Content-Security-Policy and no referrer', async () => {
    for (const path of [
      '/portail/connexion',
      '/portail/mot-de-passe?code=abc',
      '/portail/mot-de-passe-oublie',
    ]) {
      const response = await request(baseUrl()).get(path);
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toMatch(/^text\/html/);
      expect(response.text).toMatch(/<html lang="fr">/);
      expect(response.text).toMatch(/<a class="evitement" href="#contenu">/);
      expect(response.text).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/); // no inline script
      expect(response.text).not.toMatch(/\sstyle=|<style/); // no inline style
      const csp = response.headers['content-security-policy'];
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
      expect(response.headers['referrer-policy']).toBe('no-referrer');
      expect(response.headers['cache-control']).toBe('no-store');
    }
    const titles = await Promise.all(
      ['/portail/connexion', '/portail/mot-de-passe', '/portail/mot-de-passe-oublie'].map(
        async (path) => /<title>([^<]+)<\/title>/.exec((await request(baseUrl()).get(path)).text)?.[1],
      ),
    );
    expect(new Set(titles).size).toBe(titles.length);
  });

  it('the scripts and style sheet they load are served from this server', async () => {
    const page = await request(baseUrl()).get('/portail/connexion');
    const assets = [...page.text.matchAll(/(?:src|href)="(\/portail\/[^"]+\.(?:js|css))"/g)].map(
      (match) => match[1],
    );
    expect(assets).toEqual(['/portail/portail.css', '/portail/connexion.js']);
    for (const asset of [
      ...assets,
      '/portail/portail.js',
      '/portail/accueil.js',
      '/portail/libelles.js',
      '/portail/proposer.js',
      '/portail/champs.js',
      '/portail/choix.js',
      '/portail/vendor/marked.js',
      '/portail/vendor/purify.js',
    ]) {
      const response = await request(baseUrl()).get(asset);
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toMatch(asset.endsWith('.css') ? /text\/css/ : /javascript/);
    }
  });

  it("the member's home page sends a browser without a session to the log-in page, whatever the spelling", async () => {
    for (const form of ['action', 'delegation', 'echange-scolaire']) {
      const proposal = await request(baseUrl()).get(`/portail/proposer/${form}`);
      expect(proposal.status).toBe(303);
      expect(proposal.headers.location).toBe(`/portail/connexion?retour=%2Fportail%2Fproposer%2F${form}`);
    }
    for (const path of ['/portail', '/portail/', '/PORTAIL']) {
      const response = await request(baseUrl()).get(path);
      expect(response.status).toBe(303);
      expect(response.headers.location).toBe('/portail/connexion?retour=%2Fportail');
    }
    const forged = await request(baseUrl()).get('/portail').set('Cookie', 'ri_portail=forged-session');
    expect(forged.status).toBe(303);
  });
});

describe('the portal session', () => {
  it('log-in in portal mode: no token in the answer, an HttpOnly SameSite=Strict session cookie', async () => {
    const session = await portalLogin(member.email, member.password);
    expect(session.body).not.toHaveProperty('jwt');
    expect(session.body).not.toHaveProperty('refreshToken');
    expect(JSON.stringify(session.body)).not.toMatch(/eyJ[\w-]+\.[\w-]+\.[\w-]+/); // no JWT anywhere
    const sessionCookie = session.setCookies.find((line) => line.startsWith('ri_portail='));
    const csrfCookie = session.setCookies.find((line) => line.startsWith('ri_portail_csrf='));
    expect(sessionCookie).toMatch(/;\s*httponly/i);
    expect(sessionCookie).toMatch(/;\s*samesite=strict/i);
    expect(sessionCookie).toMatch(/;\s*path=\//i);
    expect(csrfCookie).toMatch(/;\s*samesite=strict/i);
    expect(csrfCookie).not.toMatch(/httponly/i); // the page's own script reads it

    const home = await request(baseUrl()).get('/portail').set('Cookie', session.cookie);
    expect(home.status).toBe(200);
    expect(home.text).toContain('Tableau de bord');
    const mine = await asPortal(session, 'get', '/api/me/submissions');
    expect(mine.status).toBe(200);
  });

  it('the cookie alone, or with a wrong or another session’s CSRF token, is anonymous', async () => {
    const session = await portalLogin(member.email, member.password);
    const other = await associationWithAccount('portail-autre');
    const otherSession = await portalLogin(other.email, other.password);

    const cookieOnly = await request(baseUrl()).get('/api/me/submissions').set('Cookie', session.cookie);
    expect([401, 403]).toContain(cookieOnly.status);
    const wrong = await request(baseUrl())
      .get('/api/me/submissions')
      .set('Cookie', session.cookie)
      .set('X-CSRF-Token', 'x'.repeat(43));
    expect([401, 403]).toContain(wrong.status);
    const crossed = await request(baseUrl())
      .get('/api/me/submissions')
      .set('Cookie', session.cookie)
      .set('X-CSRF-Token', otherSession.csrf);
    expect([401, 403]).toContain(crossed.status);
    // A write without the header: refused, nothing created.
    const slug = `test-portail-csrf-${crypto.randomBytes(3).toString('hex')}`;
    const forgedWrite = await request(baseUrl())
      .post('/api/actions')
      .set('Cookie', session.cookie)
      .send({ data: { title: 'Écrit par un autre site', slug, actionType: 'event' } });
    expect([401, 403]).toContain(forgedWrite.status);
    const found = await trusted.get(`/api/actions?status=draft&filters[slug][$eq]=${slug}`);
    expect((found.body as { data: unknown[] }).data).toHaveLength(0);
  });

  it('can do what the API lets the account do, and nothing the API refuses it', async () => {
    const session = await portalLogin(member.email, member.password);
    const other = await associationWithAccount('portail-voisine');

    // A submission through the portal session: a draft awaiting review, whatever is asked.
    const slug = `test-portail-action-${crypto.randomBytes(3).toString('hex')}`;
    const forced = await asPortal(session, 'post', '/api/actions').send({
      data: { title: 'Publiée de force', slug, actionType: 'event', publishedAt: new Date().toISOString() },
    });
    expect(forced.status).toBe(400); // a field the API refuses, refused here too
    expect(JSON.stringify(forced.body)).toContain('publishedAt');
    const created = await asPortal(session, 'post', '/api/actions?status=published').send({
      data: { title: 'Action proposée par le portail', slug, actionType: 'event' },
    });
    expect(created.status).toBe(201);
    const id = dataOf(created).documentId;
    expect((await request(baseUrl()).get(`/api/actions/${id}`)).status).toBe(404); // not public
    const mine = await asPortal(session, 'get', '/api/me/submissions');
    expect((mine.body as { data: Array<{ documentId: string; reviewState: string }> }).data).toContainEqual(
      expect.objectContaining({ documentId: id, reviewState: 'submitted' }),
    );

    // Another association's entry: invisible and untouchable, as through the API.
    const theirs = await other.api.post('/api/actions', {
      data: { title: 'Action de la voisine', slug: `${slug}-voisine`, actionType: 'event' },
    });
    expect(theirs.status).toBe(201);
    const theirId = dataOf(theirs).documentId;
    const edit = await asPortal(session, 'put', `/api/actions/${theirId}`).send({ data: { title: 'Pris' } });
    expect(edit.status).toBe(404);
    const listed = await asPortal(session, 'get', '/api/me/submissions');
    expect(JSON.stringify(listed.body)).not.toContain(theirId);

    // Staff-only and admin routes: the portal session is an association account, no more.
    expect([401, 403]).toContain((await asPortal(session, 'get', '/api/users')).status);
    expect([401, 403]).toContain((await asPortal(session, 'get', '/admin/users/me')).status);
    expect([401, 403]).toContain(
      (await asPortal(session, 'post', '/api/partnerships').send({ data: { title: 'x', slug: `${slug}-p` } }))
        .status,
    );
  });

  it('is never given the answer kept for the public: its reads are its own, private', async () => {
    // An anonymous answer kept for the URL (served at the front of the stack) must not stand for
    // the session's: the session cookie is credentials.
    const path = '/api/themes?fields[0]=name&sort=name';
    for (let i = 0; i < 2; i++) {
      const anonymousAnswer = await request(baseUrl()).get(path);
      expect(anonymousAnswer.status).toBe(200);
      expect(anonymousAnswer.headers['cache-control']).toMatch(/^public/);
    }
    const session = await portalLogin(member.email, member.password);
    const own = await asPortal(session, 'get', path);
    expect(own.status).toBe(200);
    expect(own.headers['cache-control']).toBe('private, no-cache');
  });

  it('no portal answer carries a token: refresh and password change included', async () => {
    const session = await portalLogin(member.email, member.password);
    const refresh = await asPortal(session, 'post', '/api/auth/refresh').send({});
    expect(JSON.stringify(refresh.body)).not.toMatch(/"jwt"|"refreshToken"|eyJ[\w-]+\.[\w-]+\.[\w-]+/);

    const account = await associationWithAccount('portail-changement');
    const own = await portalLogin(account.email, account.password);
    const changed = await asPortal(own, 'post', '/api/auth/change-password').send({
      currentPassword: account.password,
      password: 'Nouveau-Passw0rd!',
      passwordConfirmation: 'Nouveau-Passw0rd!',
    });
    expect(changed.status).toBe(200);
    expect(JSON.stringify(changed.body)).not.toMatch(/"jwt"|"refreshToken"|eyJ[\w-]+\.[\w-]+\.[\w-]+/);
    // The change ended the old session; the answer's new one is in the cookies.
    expect([401, 403]).toContain((await asPortal(own, 'get', '/api/me/submissions')).status);
    const renewed = cookiesOf(setCookiesOf(changed));
    expect(renewed.ri_portail).toBeTruthy();
    const next = {
      cookie: `ri_portail=${renewed.ri_portail}; ri_portail_csrf=${renewed.ri_portail_csrf}`,
      csrf: renewed.ri_portail_csrf,
    };
    expect((await asPortal(next, 'get', '/api/me/submissions')).status).toBe(200);
  });

  it('log-out ends the session on the server: the same cookie no longer works', async () => {
    const session = await portalLogin(member.email, member.password);
    const logout = await asPortal(session, 'post', '/api/auth/logout').send({});
    expect(logout.status).toBe(200);
    const cleared = cookiesOf(setCookiesOf(logout));
    expect(cleared.ri_portail).toBe('');
    // A copy of the old cookies (kept by an attacker, or another tab) is worth nothing now.
    const replay = await asPortal(session, 'get', '/api/me/submissions');
    expect([401, 403]).toContain(replay.status);
    expect((await request(baseUrl()).get('/portail').set('Cookie', session.cookie)).status).toBe(303);
  });

  it('a wrong password in portal mode is the API’s 400, and opens no session', async () => {
    const wrong = await request(baseUrl())
      .post('/api/auth/local')
      .set('X-Portail', '1')
      .send({ identifier: member.email, password: 'pas-le-bon-mot-de-passe' });
    expect(wrong.status).toBe(400);
    expect(setCookiesOf(wrong).some((line) => line.startsWith('ri_portail='))).toBe(false);
  });
});

describe('choosing a password from the invitation, through the portal', () => {
  it('the e-mail links to the portal page and shows no JSON; the chosen password logs the person in', async () => {
    const suffix = crypto.randomBytes(3).toString('hex');
    const association = await trusted.post('/api/associations', {
      data: { name: `Association du portail ${suffix}`, slug: `test-portail-invitee-${suffix}` },
    });
    const email = `portail-${suffix}@example.org`;
    await createAccount(await superAdmin(), {
      email,
      password: crypto.randomBytes(12).toString('base64'),
      associationId: dataOf(association).documentId,
    });
    const invitation = await waitForMail((mail) => mail.to.includes(email));
    expect(invitation.text).toMatch(/\/mot-de-passe\?code=[0-9a-f]{96}\n/);
    expect(invitation.text).not.toMatch(/POST|\/api\/|[{}]/);
    const code = /mot-de-passe\?code=([0-9a-f]+)/.exec(invitation.text)?.[1];

    const tooShort = await request(baseUrl())
      .post('/api/auth/reset-password')
      .set('X-Portail', '1')
      .send({ code, password: 'court', passwordConfirmation: 'court' });
    expect(tooShort.status).toBe(400);

    const chosen = await request(baseUrl())
      .post('/api/auth/reset-password')
      .set('X-Portail', '1')
      .send({ code, password: 'Choisi-par-moi-2026', passwordConfirmation: 'Choisi-par-moi-2026' });
    expect(chosen.status).toBe(200);
    expect(chosen.body).not.toHaveProperty('jwt');
    const cookies = cookiesOf(setCookiesOf(chosen));
    const home = await request(baseUrl())
      .get('/portail')
      .set('Cookie', `ri_portail=${cookies.ri_portail}; ri_portail_csrf=${cookies.ri_portail_csrf}`);
    expect(home.status).toBe(200);
  });

  it('"mot de passe oublié" e-mails a link to the same portal page, in French', async () => {
    const account = await associationWithAccount('portail-oubli');
    const asked = await request(baseUrl())
      .post('/api/auth/forgot-password')
      .set('X-Portail', '1')
      .send({ email: account.email });
    expect(asked.status).toBe(200);
    const mail = await waitForMail(
      (each) => each.to.includes(account.email) && /mot de passe/i.test(each.subject),
    );
    expect(mail.subject).toBe('Portail des associations : choisir un nouveau mot de passe');
    expect(mail.text).toMatch(/https:\/\/associations\.example\.test\/mot-de-passe\?code=[0-9a-f]{128}/);
  });
});
