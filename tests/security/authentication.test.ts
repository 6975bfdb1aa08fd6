/**
 * Class 4: authentication and sessions. Tokens end with the password that issued them; the log-in
 * limiter holds per address and per identifier on every spelling and behind a proxy; a forged
 * X-Forwarded-For is ignored when the server is not told it is proxied; forgot-password does not
 * tell which addresses have accounts.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import request from 'supertest';
import { associationWithAccount, updateAccount } from '../helpers/accounts';
import { baseUrl } from '../helpers/client';
import { waitForMail } from '../helpers/mail-sink';
import { startIsolatedInstance, type Instance } from '../helpers/second-instance';
import { spellingsOf } from '../helpers/spellings';

const run = promisify(execFile);

const me = (jwt: string) => request(baseUrl()).get('/api/users/me').set('Authorization', `Bearer ${jwt}`);

describe('a token ends with the session that issued it', () => {
  it('after a password change, the tokens issued before it are refused at once; the new one works', async () => {
    const account = await associationWithAccount('session-change');
    const second = await request(baseUrl())
      .post('/api/auth/local')
      .send({ identifier: account.email, password: account.password });
    const otherDevice = (second.body as { jwt: string }).jwt;
    expect((await me(account.jwt)).status).toBe(200);
    expect((await me(otherDevice)).status).toBe(200);

    const changed = await account.api.post('/api/auth/change-password', {
      currentPassword: account.password,
      password: 'Changed-Passw0rd!',
      passwordConfirmation: 'Changed-Passw0rd!',
    });
    expect(changed.status).toBe(200);
    expect((await me(account.jwt)).status).toBe(401);
    expect((await me(otherDevice)).status).toBe(401);
    expect((await me((changed.body as { jwt: string }).jwt)).status).toBe(200);
  });

  it('after a reset through the e-mailed link, every earlier token is refused', async () => {
    const account = await associationWithAccount('session-reset');
    const forgot = await request(baseUrl()).post('/api/auth/forgot-password').send({ email: account.email });
    expect(forgot.status).toBe(200);
    // The reset e-mail (the invitation, sent when staff created the account, has a code too).
    const mail = await waitForMail((m) => m.to.includes(account.email) && !/portail/.test(m.subject));
    const code = /code=([a-f0-9]+)/.exec(mail.text)?.[1];
    const reset = await request(baseUrl())
      .post('/api/auth/reset-password')
      .send({ code, password: 'Reset-Passw0rd!', passwordConfirmation: 'Reset-Passw0rd!' });
    expect(reset.status).toBe(200);
    expect((await me(account.jwt)).status).toBe(401);
  });

  it('a password set by staff in the admin panel ends the sessions too', async () => {
    const account = await associationWithAccount('session-staff');
    expect((await updateAccount(account.accountId, { password: 'Staff-Set-Passw0rd!' })).status).toBe(200);
    expect((await me(account.jwt)).status).toBe(401);
  });

  it('log-out ends the session; a refresh token gives a new access token until then', async () => {
    const account = await associationWithAccount('session-logout');
    const login = await request(baseUrl())
      .post('/api/auth/local')
      .send({ identifier: account.email, password: account.password });
    const { jwt, refreshToken } = login.body as { jwt: string; refreshToken: string };
    const refreshed = await request(baseUrl()).post('/api/auth/refresh').send({ refreshToken });
    expect(refreshed.status).toBe(200);
    const renewed = (refreshed.body as { jwt: string }).jwt;
    expect((await me(renewed)).status).toBe(200);
    const out = await request(baseUrl())
      .post('/api/auth/logout')
      .set('Authorization', `Bearer ${renewed}`)
      .send({ scope: 'all' });
    expect(out.status).toBe(200);
    expect((await me(renewed)).status).toBe(401);
    expect((await me(jwt)).status).toBe(401);
  });

  it('a forged token, or one signed with another secret, is refused', async () => {
    const account = await associationWithAccount('session-forged');
    const [head, , signature] = account.jwt.split('.');
    const claims = Buffer.from(JSON.stringify({ userId: '1', sessionId: 'x', type: 'access' })).toString(
      'base64url',
    );
    expect((await me(`${head}.${claims}.${signature}`)).status).toBe(401);
    expect((await me(`${head}.${claims}.`)).status).toBe(401);
  });
});

describe('forgot-password does not tell which addresses have accounts', () => {
  it('answers the same body, and in the same time, for an account and for an unknown address', async () => {
    const account = await associationWithAccount('forgot-timing');
    // Timed from another process, as an attacker would: this one shares its event loop with the server.
    const script = `
      const [url, known] = process.argv.slice(1);
      const time = async (email) => {
        const started = process.hrtime.bigint();
        const response = await fetch(url, {
          method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email }),
        });
        const body = await response.text();
        const elapsed = Number(process.hrtime.bigint() - started) / 1e6;
        await new Promise((resolve) => setTimeout(resolve, 100));
        return { status: response.status, body, elapsed };
      };
      (async () => {
        const results = { known: [], unknown: [] };
        for (let round = 0; round < 15; round += 1) {
          results.known.push(await time(known));
          results.unknown.push(await time('nobody-' + round + '-' + Date.now() + '@example.org'));
        }
        console.log(JSON.stringify(results));
      })();
    `;
    const { stdout } = await run(process.execPath, [
      '-e',
      script,
      `${baseUrl()}/api/auth/forgot-password`,
      account.email,
    ]);
    const results = JSON.parse(stdout) as Record<
      'known' | 'unknown',
      Array<{ status: number; body: string; elapsed: number }>
    >;
    for (const result of [...results.known, ...results.unknown]) {
      expect(result).toMatchObject({ status: 200, body: '{"ok":true}' });
    }
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
    const known = median(results.known.map((r) => r.elapsed));
    const unknown = median(results.unknown.map((r) => r.elapsed));
    // Before, 18 ms against 10 ms; the answer now comes before the look-up, so the two are alike.
    expect(Math.abs(known - unknown)).toBeLessThan(Math.max(5, 0.4 * unknown));
  });

  it('a malformed address is a 400 naming the field', async () => {
    for (const email of ['not-an-address', '', 42, null]) {
      const response = await request(baseUrl()).post('/api/auth/forgot-password').send({ email });
      expect(response.status).toBe(400);
      expect(
        (response.body as { error: { details: { errors: Array<{ path: string[] }> } } }).error.details
          .errors[0].path,
      ).toEqual(['email']);
    }
  });
});

describe('the log-in limiter, on a server behind one trusted proxy (IS_PROXIED=true)', () => {
  let server: Instance;

  beforeAll(async () => {
    server = await startIsolatedInstance('proxied', {
      IS_PROXIED: 'true',
      TRUSTED_PROXIES: '1',
      RATE_LIMIT_AUTH_MAX: '3',
    });
  });
  afterAll(() => server?.stop());

  /** A log-in attempt from `client`, as the proxy reports it (the client may prepend lies). */
  const attempt = (route: string, client: string, identifier: string, forged?: string) =>
    request(server.url)
      .post(route)
      .set('X-Forwarded-For', forged ? `${forged}, ${client}` : client)
      .send({ identifier, password: 'wrong-password' });

  it('counts per identifier: one account is not guessed from many addresses, whatever the spelling', async () => {
    const routes = spellingsOf('/api/auth/local').filter((route) => !route.includes('%'));
    for (let i = 0; i < 3; i += 1) {
      expect((await attempt(routes[i], `203.0.113.${i + 1}`, 'Victim@Example.org')).status).toBe(400);
    }
    const refused = await attempt(routes[3], '203.0.113.50', 'victim@example.org ');
    expect(refused.status).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    const forgot = await request(server.url)
      .post('/API/AUTH/FORGOT-PASSWORD/')
      .set('X-Forwarded-For', '203.0.113.51')
      .send({ email: 'victim@example.org' });
    expect(forgot.status).toBe(429);
  });

  it('counts per client address as the proxy gives it, and ignores what the client prepends', async () => {
    for (let i = 0; i < 3; i += 1) {
      const response = await attempt(
        '/api/auth/local',
        '198.51.100.7',
        `user-${i}@example.org`,
        `10.9.9.${i}`,
      );
      expect(response.status).toBe(400);
    }
    expect((await attempt('/Api/Auth/Local/', '198.51.100.7', 'user-9@example.org', '10.9.9.9')).status).toBe(
      429,
    );
    // Another client of the proxy is not held back by the first.
    expect((await attempt('/api/auth/local', '198.51.100.8', 'user-10@example.org')).status).toBe(400);
  });
});
