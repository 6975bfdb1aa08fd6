/// <reference lib="dom" />
import crypto from 'node:crypto';
import fs from 'node:fs';
import request from 'supertest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { associationWithAccount, createAccount, logInAccount, updateAccount } from '../helpers/accounts';
import { staffMember, superAdmin } from '../helpers/admin';
import { authenticated, baseUrl, dataOf, trusted } from '../helpers/client';
import { image } from '../helpers/images';
import { waitForMail } from '../helpers/mail-sink';
import { eventually } from '../helpers/eventually';
import { adminUrl, dismissGuides, launchBrowser, logIn, pickRelation, screenshot } from './browser';

const ACTIONS_ADMIN = '/content-manager/collection-types/api::action.action';
const ACCOUNTS_ADMIN = '/content-manager/collection-types/plugin::users-permissions.user';
const AXE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

const portalUrl = (path: string): string => `${baseUrl()}/portail${path}`;

interface AxeViolation {
  id: string;
  help: string;
  nodes: Array<{ target: string[] }>;
}

/** axe-core run inside the page (evaluated by the browser's debugger, so the page's CSP stays on). */
const axeViolations = async (page: Page): Promise<string[]> => {
  await page.evaluate(AXE);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(): Promise<{ violations: AxeViolation[] }> } }).axe;
    return (await axe.run()).violations;
  });
  return violations.map(
    (violation) =>
      `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join(', ')})`,
  );
};

/** Checks a page as a person with any device would meet it: axe, a unique title, and 320 px. */
const checkPage = async (page: Page, name: string, titles: Set<string>): Promise<void> => {
  expect(await axeViolations(page)).toEqual([]);
  expect(await page.getAttribute('html', 'lang')).toBe('fr');
  const title = await page.title();
  expect(titles.has(title)).toBe(false);
  titles.add(title);
  await screenshot(page, `portail-${name}`);
  const size = page.viewportSize();
  await page.setViewportSize({ width: 320, height: 640 });
  // Nothing wider than the phone's screen (a table scrolls in its own region).
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
  expect(await axeViolations(page)).toEqual([]);
  await screenshot(page, `portail-${name}-320px`);
  if (size) await page.setViewportSize(size);
};

/**
 * Moves the focus with Tab (and nothing else) to the control named `name` (its label, or its text
 * for a link or a button); fails when it is not reached, i.e. not reachable by keyboard.
 */
const tabTo = async (page: Page, name: string | RegExp): Promise<void> => {
  const nameOf = () =>
    page.evaluate(() => {
      const active = document.activeElement as HTMLInputElement | null;
      if (!active || active === document.body) return '';
      return (active.labels?.[0]?.textContent ?? active.textContent ?? '').replace(/\s+/g, ' ').trim();
    });
  const matches = (found: string) =>
    typeof name === 'string' ? found.replace(/ \(obligatoire\)$/, '') === name : name.test(found);
  const seen: string[] = [];
  for (let step = 0; step < 80; step += 1) {
    await page.keyboard.press('Tab');
    const found = await nameOf();
    if (matches(found)) return;
    seen.push(found);
  }
  throw new Error(`"${String(name)}" not reached with Tab; went through: ${seen.join(' | ')}`);
};

/** Logs a member in through the portal's own page, as a person would. */
const logInPortal = async (page: Page, email: string, password: string): Promise<void> => {
  await page.goto(portalUrl('/connexion'));
  await page.getByLabel('Adresse e-mail').fill(email);
  await page.getByLabel('Mot de passe').fill(password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.waitForURL(/\/portail$/);
};

describe('the association portal, in a real browser', () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const problems: string[] = [];
  const titles = new Set<string>();

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser.close();
  });
  beforeEach(async () => {
    context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'fr-FR' });
    page = await context.newPage();
    // A script or style the page's own CSP refuses, or a script error, fails the test.
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));
  });
  afterEach(async () => {
    await context.close();
    // The API's refusals (4xx) are expected answers; anything else the console reports is a fault.
    const faults = problems.filter((problem) => !/status of 4\d\d/.test(problem));
    problems.length = 0;
    expect(faults).toEqual([]);
  });

  it('an invited member chooses a password, sees the association and its submissions in French, logs out and in', async () => {
    const suffix = crypto.randomBytes(3).toString('hex');
    const association = await trusted.post('/api/associations', {
      data: {
        name: `Les Amis de Kristiansund ${suffix}`,
        slug: `test-portail-e2e-${suffix}`,
        summary: 'Échanges de jeunes avec la Norvège.',
      },
    });
    expect(association.status).toBe(201);
    const email = `benevole-${suffix}@example.org`;
    await createAccount(await superAdmin(), {
      email,
      password: crypto.randomBytes(12).toString('base64'),
      associationId: dataOf(association).documentId,
    });
    const invitation = await waitForMail((mail) => mail.to.includes(email));
    const code = /mot-de-passe\?code=([0-9a-f]+)/.exec(invitation.text)?.[1] as string;

    // Choosing a password: the rules are explained, a mistake is shown next to its field and at the top.
    await page.goto(portalUrl(`/mot-de-passe?code=${code}`));
    await checkPage(page, 'mot-de-passe', titles);
    await page.getByLabel('Nouveau mot de passe').fill('court');
    await page.getByLabel('Confirmez le mot de passe').fill('autre');
    await page.getByRole('button', { name: 'Enregistrer mon mot de passe' }).click();
    const summary = page.locator('#resume-erreurs');
    await summary.waitFor();
    expect(await summary.textContent()).toContain('au moins 12 caractères');
    expect(await page.locator('#password-erreur').textContent()).toContain('au moins 12 caractères');
    expect(await page.getByLabel('Nouveau mot de passe').getAttribute('aria-invalid')).toBe('true');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('resume-erreurs');
    expect(await page.getByLabel('Nouveau mot de passe').inputValue()).toBe('court'); // nothing typed is lost
    await screenshot(page, 'portail-mot-de-passe-erreurs');
    expect(await axeViolations(page)).toEqual([]);

    const password = 'Une phrase facile à retenir';
    await page.getByLabel('Nouveau mot de passe').fill(password);
    await page.getByLabel('Confirmez le mot de passe').fill(password);
    await page.getByRole('button', { name: 'Enregistrer mon mot de passe' }).click();
    await page.waitForURL(/\/portail\?bienvenue=1$/);
    await page.getByText('Votre mot de passe est enregistré').waitFor();
    await page.getByText("Vous n'avez encore rien proposé.").waitFor();
    expect(await page.locator('#profil').textContent()).toContain(`Les Amis de Kristiansund ${suffix}`);
    // No token where a script could read it.
    expect(await page.evaluate(() => document.cookie)).not.toMatch(/ri_portail=/);
    expect(await page.evaluate(() => localStorage.length + sessionStorage.length)).toBe(0);

    // Three submissions in three states (sent through the API; the portal's forms come next).
    const jwt = await logInAccount(email, password);
    const member = authenticated(jwt);
    const titlesOf = ['Envoyée', 'À reprendre', 'Publiée'].map(
      (word) => `Action ${word.toLowerCase()} ${suffix}`,
    );
    const ids: string[] = [];
    for (const [index, title] of titlesOf.entries()) {
      const created = await member.post('/api/actions', {
        data: { title, slug: `test-portail-e2e-${index}-${suffix}`, actionType: 'event', startDate: '2026' },
      });
      expect(created.status).toBe(201);
      ids.push(dataOf(created).documentId);
    }
    const admin = await superAdmin();
    expect(
      (
        await admin.put(`${ACTIONS_ADMIN}/${ids[1]}`, {
          reviewState: 'changes-requested',
          reviewComment: 'Merci de préciser les dates.',
        })
      ).status,
    ).toBe(200);
    expect((await admin.post(`${ACTIONS_ADMIN}/${ids[2]}/actions/publish`)).status).toBe(200);

    await page.goto(portalUrl(''));
    const table = page.getByRole('table');
    await table.waitFor();
    const rowOf = (title: string) =>
      page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: title }) });
    expect(await rowOf(titlesOf[0]).textContent()).toContain('Brouillon envoyé');
    expect(await rowOf(titlesOf[1]).textContent()).toContain('Modifications demandées');
    expect(await rowOf(titlesOf[1]).textContent()).toContain('Merci de préciser les dates.');
    expect(await rowOf(titlesOf[2]).textContent()).toContain('Publiée');
    await checkPage(page, 'tableau-de-bord', titles);

    // A draft never published can be withdrawn (after a confirmation); a published one cannot.
    expect(await rowOf(titlesOf[2]).getByRole('button').count()).toBe(0);
    page.once('dialog', (dialog) => void dialog.accept());
    await rowOf(titlesOf[0])
      .getByRole('button', { name: `Retirer « ${titlesOf[0]} »` })
      .click();
    await page.getByText(`La proposition « ${titlesOf[0]} » est retirée.`).waitFor();
    await rowOf(titlesOf[0]).waitFor({ state: 'detached' });
    expect((await trusted.get(`/api/actions/${ids[0]}?status=draft`)).status).toBe(404);
    ids.shift();

    // A second association, in its own browser, never sees the first one's entries.
    const other = await associationWithAccount('portail-e2e-voisine');
    const otherContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const otherPage = await otherContext.newPage();
    await logInPortal(otherPage, other.email, other.password);
    await otherPage.getByText("Vous n'avez encore rien proposé.").waitFor();
    expect(await otherPage.content()).not.toContain(suffix);
    await otherContext.close();

    // Log-out, then the home page is closed; log in again, with the keyboard alone.
    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    await page.waitForURL(/\/portail\/connexion\?deconnecte=1$/);
    await page.getByText('Vous êtes déconnecté·e.').waitFor();
    await page.goto(portalUrl(''));
    await page.waitForURL(/\/portail\/connexion\?retour=%2Fportail$/);
    await checkPage(page, 'connexion', titles);

    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Aller au contenu');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('contenu');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('identifier');
    // The focus is visible (an outline of its own, not the browser's default alone).
    expect(await page.evaluate(() => getComputedStyle(document.activeElement as Element).outlineStyle)).toBe(
      'solid',
    );
    await page.keyboard.type(email);
    await page.keyboard.press('Tab');
    await page.keyboard.type('pas le bon mot de passe');
    await page.keyboard.press('Enter');
    await page.getByText('Adresse e-mail ou mot de passe incorrect.').first().waitFor();
    await screenshot(page, 'portail-connexion-erreur');
    await page.getByLabel('Mot de passe').fill(password);
    await page.getByLabel('Mot de passe').press('Enter');
    await page.waitForURL(/\/portail$/);
    await table.waitFor();

    for (const id of ids) await trusted.delete(`/api/actions/${id}`);
  });

  it('the whole journey: staff open an account in the admin; the member proposes an action with an image and two themes; staff ask for changes, then publish it', async () => {
    // Staff, in the admin panel: a new account for an association, with the role Association.
    const suffix = crypto.randomBytes(3).toString('hex');
    const associationName = `Comité de jumelage ${suffix}`;
    expect(
      (
        await trusted.post('/api/associations', {
          data: { name: associationName, slug: `test-portail-parcours-${suffix}` },
        })
      ).status,
    ).toBe(201);
    const staffContext = await browser.newContext({
      viewport: { width: 1400, height: 1000 },
      locale: 'fr-FR',
    });
    const staffPage = await staffContext.newPage();
    const staff = await staffMember('Chargé·e de mission');
    await logIn(staffPage, staff.email, staff.password);
    await staffPage.goto(adminUrl(`${ACCOUNTS_ADMIN}/create`));
    await staffPage.getByRole('textbox', { name: 'Nom d’utilisateur' }).waitFor();
    await staffPage.waitForLoadState('networkidle');
    await dismissGuides(staffPage);
    const email = `parcours-${suffix}@example.org`;
    await staffPage.getByRole('textbox', { name: 'Nom d’utilisateur' }).fill(email);
    await staffPage.getByRole('textbox', { name: 'Adresse e-mail' }).fill(email);
    await pickRelation(staffPage, 'Association', suffix, new RegExp(`^${associationName}`));
    await pickRelation(staffPage, 'Rôle', 'Asso', 'Association');
    await staffPage.getByLabel('Compte activé').check();
    await screenshot(staffPage, 'portail-admin-compte-creation');
    // No password typed: the person chooses it from the invitation.
    await staffPage.getByRole('button', { name: 'Enregistrer' }).click();

    // The member: the invitation e-mail, a password, the portal.
    const invitation = await waitForMail((mail) => mail.to.includes(email));
    expect(invitation.text).toContain(associationName);
    const code = /mot-de-passe\?code=([0-9a-f]+)/.exec(invitation.text)?.[1] as string;
    await page.goto(portalUrl(`/mot-de-passe?code=${code}`));
    const password = 'Un mot de passe pour le comité';
    await page.getByLabel('Nouveau mot de passe').fill(password);
    await page.getByLabel('Confirmez le mot de passe').fill(password);
    await page.getByRole('button', { name: 'Enregistrer mon mot de passe' }).click();
    await page.waitForURL(/\/portail\?bienvenue=1$/);
    await page.locator('#profil', { hasText: associationName }).waitFor();
    await page.getByRole('link', { name: 'Proposer une action' }).click();
    await page.waitForURL(/\/portail\/proposer\/action$/);
    const send = page.getByRole('button', { name: 'Envoyer à la Mission' });
    await send.waitFor();
    await checkPage(page, 'proposer-action', titles);

    // Empty: the required fields are named, next to them and at the top.
    await send.click();
    const summary = page.locator('#resume-erreurs');
    await summary.waitFor();
    expect(await summary.textContent()).toContain('Titre : Ce champ est obligatoire.');
    expect(await summary.textContent()).toContain("Type d'action : Ce champ est obligatoire.");
    expect(await page.locator('#title-erreur').textContent()).toBe('Ce champ est obligatoire.');

    const title = `Une tonne de matériel pour l'Estuaire ${suffix}`;
    await page.getByLabel('Titre').fill(title);
    await page.getByLabel("Type d'action").selectOption({ label: 'Don de matériel' });
    await page.getByLabel('En bref').fill('Du matériel socio-éducatif pour les écoles de la province.');
    const start = page.getByRole('group', { name: 'Début' });
    await start.getByLabel('Année').fill('2011');
    await start.getByLabel('Mois').selectOption({ label: 'mai' });
    const end = page.getByRole('group', { name: 'Fin' });
    await end.getByLabel('Année').fill('2010');
    await page.getByLabel('Pays').selectOption({ label: 'Gabon' });
    await page.getByLabel('Éducation', { exact: true }).check();
    await page.getByLabel('Solidarité', { exact: true }).check();
    const quantity = page.getByRole('group', { name: 'Quantité' });
    await quantity.getByLabel('Nombre').fill('1');
    await quantity.getByLabel('Unité').fill('tonne');
    await page
      .getByLabel('Description')
      .fill('Un envoi **préparé** par les bénévoles :\n\n- livres\n- cahiers');
    await page.getByRole('button', { name: "Voir l'aperçu" }).click();
    await page.locator('#description-apercu strong', { hasText: 'préparé' }).waitFor();
    // An image over 5 MB is refused before anything is sent (the server refuses it too: tests/api/uploads.test.ts).
    const heavy = Buffer.concat([await image('png', 64, 48), Buffer.alloc(5 * 1024 * 1024)]);
    await page
      .getByLabel('Image')
      .setInputFiles({ name: 'lourde.png', mimeType: 'image/png', buffer: heavy });
    await page.locator('#image-erreur', { hasText: 'Cette image pèse 5,0 Mo : 5 Mo au plus.' }).waitFor();
    await page
      .getByLabel('Image')
      .setInputFiles({ name: 'envoi.png', mimeType: 'image/png', buffer: await image('png', 64, 48) });

    // The end before the start: said at once, next to the end date, nothing lost.
    await send.click();
    await page.locator('#endDate-erreur', { hasText: 'La fin ne peut pas précéder le début.' }).waitFor();
    expect(await page.getByLabel('Titre').inputValue()).toBe(title);
    await screenshot(page, 'portail-proposer-action-erreurs');
    await end.getByLabel('Année').fill('');

    // What only the server knows (a title over 200 characters, past the field's own limit).
    await page.evaluate(() => document.getElementById('title')?.removeAttribute('maxlength'));
    await page.getByLabel('Titre').fill('x'.repeat(201));
    await send.click();
    await page.locator('#title-erreur:not([hidden])').waitFor();
    expect(await page.getByLabel('Titre').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByLabel('Pays').inputValue()).not.toBe(''); // nothing typed is lost
    await page.getByLabel('Titre').fill(title);

    await send.click();
    await page.waitForURL(/\/portail\?envoye=1$/);
    await page.getByText('Votre proposition est envoyée à la Mission').waitFor();
    const row = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: title }) });
    expect(await row.textContent()).toContain('Brouillon envoyé');

    // Staff find it in the awaiting-review list, and ask for changes with a comment.
    await staffPage.goto(adminUrl(`${ACTIONS_ADMIN}?filters[$and][0][reviewState][$eq]=submitted`));
    await staffPage.getByText(title).waitFor();
    await dismissGuides(staffPage);
    await screenshot(staffPage, 'portail-admin-a-relire');
    await staffPage.getByText(title).click();
    await staffPage.waitForURL(/api::action\.action\/[a-z0-9]+/);
    const id = /api::action\.action\/([a-z0-9]+)/.exec(staffPage.url())?.[1] as string;
    await staffPage
      .getByRole('textbox', { name: 'Titre' })
      .and(staffPage.locator(`[value="${title}"]`))
      .waitFor();
    await staffPage.waitForLoadState('networkidle');
    await staffPage.getByRole('combobox', { name: 'État de la relecture' }).click();
    await staffPage.getByRole('option', { name: 'Modifications demandées', exact: true }).click();
    await staffPage
      .getByRole('textbox', { name: 'Commentaire de relecture' })
      .fill('Précisez le mois de fin.');
    await staffPage.getByRole('button', { name: 'Enregistrer' }).click();
    await staffPage.getByText('Sauvegardé').first().waitFor();
    await screenshot(staffPage, 'portail-admin-modifications-demandees');
    await page.reload();
    await page.getByRole('cell', { name: 'Précisez le mois de fin.' }).waitFor();

    // The member edits it: the form holds what was sent, with the Mission's comment above it.
    await row.getByRole('link', { name: `Modifier « ${title} »` }).click();
    await page.waitForURL(/\/portail\/proposer\/action\?id=/);
    await page.getByRole('heading', { level: 1, name: `Modifier « ${title} »` }).waitFor();
    await page.getByText('La Mission demande des modifications : « Précisez le mois de fin. »').waitFor();
    expect(await page.getByLabel('Titre').inputValue()).toBe(title);
    expect(await start.getByLabel('Mois').inputValue()).toBe('05');
    expect(await page.getByLabel('Éducation', { exact: true }).isChecked()).toBe(true);
    expect(await quantity.getByLabel('Unité').inputValue()).toBe('tonne');
    await page.getByRole('img', { name: 'Image actuelle de la proposition' }).waitFor();
    await checkPage(page, 'modifier-action', titles);
    await end.getByLabel('Année').fill('2011');
    await end.getByLabel('Mois').selectOption({ label: 'juin' });
    await page.getByRole('button', { name: 'Envoyer à la Mission' }).click();
    await page.waitForURL(/\/portail\?envoye=1$/);
    await row.waitFor();
    expect(await row.textContent()).toContain('Brouillon envoyé');

    // Staff read the new version and publish it.
    await staffPage.reload();
    // The end date the member corrected, June 2011, in the admin's month-and-year date input.
    await staffPage.locator('[aria-label="Date de fin : mois"]').filter({ hasText: 'juin' }).waitFor();
    expect(await staffPage.locator('[aria-label="Date de fin : année"]').inputValue()).toBe('2011');
    await staffPage.waitForLoadState('networkidle');
    await dismissGuides(staffPage);
    await staffPage.getByRole('button', { name: 'Publier' }).click();
    await eventually(async () =>
      (await request(baseUrl()).get(`/api/actions/${id}`)).status === 200 ? true : undefined,
    );
    await screenshot(staffPage, 'portail-admin-publiee');
    await staffContext.close();
    await page.reload();
    await row.waitFor();
    expect(await row.textContent()).toContain('Publiée');

    const published = await request(baseUrl()).get(
      `/api/actions/${id}?populate[quantity]=true&populate[themes][fields][0]=name&populate[image][fields][0]=mime&populate[country][fields][0]=name`,
    );
    expect(published.status).toBe(200);
    const data = dataOf(published);
    expect(data).toMatchObject({
      title,
      actionType: 'material-donation',
      startDate: '2011-05',
      endDate: '2011-06',
    });
    expect(data.quantity).toMatchObject({ unit: 'tonne' });
    expect(Number((data.quantity as { amount: unknown }).amount)).toBe(1);
    expect((data.themes as Array<{ name: string }>).map((theme) => theme.name).sort()).toEqual([
      'Solidarité',
      'Éducation',
    ]);
    expect((data.image as { mime: string }).mime).toBe('image/png');
    expect((data.country as { name: string }).name).toBe('Gabon');

    // A published action is edited as a new draft: the public keeps the published version meanwhile.
    await row.getByRole('link', { name: `Modifier « ${title} »` }).click();
    await page.waitForURL(/\/portail\/proposer\/action\?id=/);
    await page.getByLabel('En bref').fill('Un envoi de 2011, complété en 2012.');
    await page.getByRole('button', { name: 'Envoyer à la Mission' }).click();
    await page.waitForURL(/\/portail\?envoye=1$/);
    await row.waitFor();
    expect(await row.textContent()).toContain('Publiée — modifications envoyées');
    const still = await request(baseUrl()).get(`/api/actions/${id}`);
    expect(dataOf(still).summary).toBe('Du matériel socio-éducatif pour les écoles de la province.');
    await trusted.delete(`/api/actions/${id}`);
  });

  it('a member proposes a delegation with its members and place, and a school exchange', async () => {
    const member = await associationWithAccount('portail-e2e-delegation');
    await logInPortal(page, member.email, member.password);
    await page.getByRole('link', { name: 'Proposer une délégation' }).click();
    const send = page.getByRole('button', { name: 'Envoyer à la Mission' });
    await send.waitFor();

    const suffix = crypto.randomBytes(3).toString('hex');
    const title = `Délégation de l'Estuaire reçue ${suffix}`;
    await page.getByLabel('Titre').fill(title);
    await page.getByLabel('Sens').selectOption({ label: 'Délégation reçue à Courcouronnes' });
    await page.getByRole('group', { name: 'Début' }).getByLabel('Année').fill('2011');
    await page.getByRole('group', { name: 'Début' }).getByLabel('Mois').selectOption({ label: 'mai' });
    await page.getByLabel('Pays').selectOption({ label: 'Gabon' });
    const place = page.getByRole('group', { name: 'Lieu' });
    await place.getByLabel('Nom du lieu').fill('Hôtel de ville de Courcouronnes');
    await place.getByLabel('Latitude').fill('48,62');
    // A place without both coordinates is said at once.
    await send.click();
    await page.locator('#place-erreur', { hasText: 'latitude et sa longitude' }).waitFor();
    await place.getByLabel('Longitude').fill('2,41');

    // Members: added and removed with the keyboard's focus where a person expects it.
    const add = page.getByRole('button', { name: 'Ajouter un membre' });
    await add.click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('members-1-nom');
    await page.keyboard.type('Le gouverneur de la province');
    await page.getByRole('group', { name: 'Membre 1' }).getByLabel('Fonction').fill('Chef de la délégation');
    await add.click();
    await page.keyboard.type('À retirer');
    await page.getByRole('button', { name: 'Retirer le membre 2' }).click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('members');
    expect(await page.getByRole('group', { name: /^Membre \d$/ }).count()).toBe(1);
    await checkPage(page, 'proposer-delegation', titles);

    await send.click();
    await page.waitForURL(/\/portail\?envoye=1$/);
    const sent = await trusted.get(
      `/api/delegations?status=draft&filters[title][$eq]=${encodeURIComponent(title)}&populate[members]=true&populate[place]=true`,
    );
    const [delegation] = (sent.body as { data: Array<Record<string, unknown>> }).data;
    expect(delegation).toMatchObject({
      direction: 'incoming',
      startDate: '2011-05',
    });
    expect(delegation.members).toEqual([
      expect.objectContaining({ name: 'Le gouverneur de la province', role: 'Chef de la délégation' }),
    ]);
    expect(delegation.place).toMatchObject({
      placeName: 'Hôtel de ville de Courcouronnes',
      latitude: 48.62,
      longitude: 2.41,
    });
    await trusted.delete(`/api/delegations/${delegation.documentId as string}`);

    // A school exchange, with the keyboard alone: from the home page's link to the sending, through
    // the errors found before sending and the summary's links back to the fields.
    await page.goto(portalUrl(''));
    await page.getByRole('table').or(page.getByText("Vous n'avez encore rien proposé.")).first().waitFor();
    await tabTo(page, 'Proposer un échange scolaire');
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Envoyer à la Mission' }).waitFor();
    await page.locator('#school option', { hasText: 'Collège Paul Fort' }).waitFor({ state: 'attached' });
    await checkPage(page, 'proposer-echange-scolaire', titles);
    const exchangeTitle = `Correspondance avec Libreville ${suffix}`;
    await tabTo(page, 'Titre');
    await page.keyboard.type(exchangeTitle);
    await tabTo(page, "Type d'échange");
    await page.keyboard.press('ArrowDown');
    expect(await page.getByLabel("Type d'échange").inputValue()).toBe('correspondence');
    await tabTo(page, 'Établissement de Courcouronnes');
    for (let step = 0; step < 10; step += 1) {
      if ((await page.locator('#school option:checked').textContent()) === 'Collège Paul Fort') break;
      await page.keyboard.press('ArrowDown');
    }
    expect(await page.locator('#school option:checked').textContent()).toBe('Collège Paul Fort');
    await tabTo(page, 'Année scolaire');
    await page.keyboard.type('2010/2011');
    await tabTo(page, "Nombre d'élèves");
    await page.keyboard.type('vingt-quatre');
    await tabTo(page, 'Éducation');
    await page.keyboard.press('Space');
    await tabTo(page, 'Envoyer à la Mission');
    await page.keyboard.press('Enter');
    await page.locator('#schoolYear-erreur', { hasText: 'par exemple 2010-2011' }).waitFor();
    expect(await page.locator('#pupilCount-erreur').textContent()).toContain('nombre entier');
    // The summary has the focus; its links lead to the fields.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('resume-erreurs');
    await tabTo(page, /^Année scolaire : /);
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('schoolYear');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('2010-2011');
    await tabTo(page, "Nombre d'élèves");
    await page.keyboard.press('Control+A');
    await page.keyboard.type('24');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/portail\?envoye=1$/);
    const exchange = await trusted.get(
      `/api/school-exchanges?status=draft&filters[title][$eq]=${encodeURIComponent(exchangeTitle)}&populate[school][fields][0]=name&populate[themes][fields][0]=name`,
    );
    const [saved] = (exchange.body as { data: Array<Record<string, unknown>> }).data;
    expect(saved).toMatchObject({
      schoolYear: '2010-2011',
      pupilCount: 24,
      exchangeType: 'correspondence',
      school: { name: 'Collège Paul Fort' },
    });
    expect((saved.themes as Array<{ name: string }>).map((theme) => theme.name)).toEqual(['Éducation']);
    await trusted.delete(`/api/school-exchanges/${saved.documentId as string}`);
  });

  it("a member edits the association's profile and logo; the public profile waits for the review", async () => {
    const member = await associationWithAccount('portail-e2e-fiche');
    await logInPortal(page, member.email, member.password);
    await page.getByRole('link', { name: 'Modifier notre fiche' }).click();
    await page.waitForURL(/\/portail\/fiche$/);
    const send = page.getByRole('button', { name: 'Envoyer à la Mission' });
    await send.waitFor();
    expect(await page.getByLabel("Nom de l'association").inputValue()).toBe('Association portail-e2e-fiche');
    await checkPage(page, 'fiche', titles);

    await page.getByLabel('En bref').fill('Des échanges de jeunes avec Kristiansund depuis 2009.');
    await page.getByLabel('Téléphone').fill('appelez-nous');
    await page.getByLabel('Norvège', { exact: true }).check();
    // A file that is not an image is refused before anything is sent.
    await page
      .getByLabel('Logo')
      .setInputFiles({ name: 'statuts.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4') });
    await page
      .locator('#logo-erreur', { hasText: "Ce fichier n'est pas une image JPEG, PNG ou WebP." })
      .waitFor();
    await page
      .getByLabel('Logo')
      .setInputFiles({ name: 'logo.webp', mimeType: 'image/webp', buffer: await image('webp', 32, 32) });
    await send.click();
    await page.locator('#phone-erreur', { hasText: 'avec des chiffres' }).waitFor();
    await page.getByLabel('Téléphone').fill('01 23 45 67 89');
    // A SIRET of the right shape whose check digit is wrong: only the server knows, said on the field.
    await page.getByLabel('Numéro SIRET').fill('52499120500014');
    await send.click();
    await page.locator('#siret-erreur', { hasText: "Ce numéro SIRET n'existe pas" }).waitFor();
    expect(await page.getByLabel('Téléphone').inputValue()).toBe('01 23 45 67 89'); // nothing lost
    await page.getByLabel('Numéro SIRET').fill('52499120500013');
    await send.click();
    await page.waitForURL(/\/portail\?fiche=1$/);
    await page.getByText('Les modifications de votre fiche sont envoyées à la Mission').waitFor();
    await page.getByText('Modifications en attente de relecture : En bref.').waitFor();

    // The public still reads the published profile; the draft holds the change, the phone stays private.
    const published = await request(baseUrl()).get(`/api/associations/${member.associationId}`);
    expect(dataOf(published).summary).not.toBe('Des échanges de jeunes avec Kristiansund depuis 2009.');
    expect(JSON.stringify(published.body)).not.toContain('01 23 45 67 89');
    const draft = await trusted.get(
      `/api/associations/${member.associationId}?status=draft&populate[logo][fields][0]=mime&populate[countries][fields][0]=name`,
    );
    expect(dataOf(draft)).toMatchObject({
      summary: 'Des échanges de jeunes avec Kristiansund depuis 2009.',
      siret: '52499120500013',
    });
    expect((dataOf(draft).logo as { mime: string }).mime).toBe('image/webp');
    expect((dataOf(draft).countries as Array<{ name: string }>).map((country) => country.name)).toContain(
      'Norvège',
    );
  });

  it('"mot de passe oublié" gives the same answer whether or not the address has an account', async () => {
    await page.goto(portalUrl('/mot-de-passe-oublie'));
    await checkPage(page, 'mot-de-passe-oublie', titles);
    const answers: string[] = [];
    for (const email of [
      'personne-inconnue@example.org',
      (await associationWithAccount('portail-e2e-oubli')).email,
    ]) {
      await page.getByLabel('Adresse e-mail').fill(email);
      await page.getByRole('button', { name: 'Recevoir un lien' }).click();
      await page.getByText('Si un compte existe pour cette adresse').waitFor();
      answers.push((await page.locator('#message').textContent()) ?? '');
      await page.evaluate(() => {
        (document.getElementById('message') as HTMLElement).textContent = '';
      });
    }
    expect(answers[0]).toBe(answers[1]);
  });

  it('a blocked account is told so in French, and cannot open the portal', async () => {
    const member = await associationWithAccount('portail-e2e-bloque');
    expect((await updateAccount(member.accountId, { blocked: true })).status).toBe(200);
    await page.goto(portalUrl('/connexion'));
    await page.getByLabel('Adresse e-mail').fill(member.email);
    await page.getByLabel('Mot de passe').fill(member.password);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByText('Ce compte est bloqué.').waitFor();
    expect(page.url()).toContain('/portail/connexion');

    // Past the log-in limit, the API answers 429 with Retry-After (tests/api/rate-limits.test.ts):
    // the portal says how long to wait. The answer is the API's own shape, played back here so as
    // not to lock the test machine's address out of every log-in.
    await page.route('**/api/auth/local', (route) =>
      route.fulfill({
        status: 429,
        headers: { 'Content-Type': 'application/json', 'Retry-After': '120' },
        body: JSON.stringify({
          data: null,
          error: {
            status: 429,
            name: 'RateLimitError',
            message: 'Too many requests: try again in 120 s.',
            details: { retryAfter: 120 },
          },
        }),
      }),
    );
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByText('Trop de tentatives. Réessayez dans 2 minutes.').waitFor();
  });

  it('an expired or used link says so in French', async () => {
    await page.goto(portalUrl('/mot-de-passe?code=0123456789abcdef'));
    await page.getByLabel('Nouveau mot de passe').fill('Une phrase assez longue');
    await page.getByLabel('Confirmez le mot de passe').fill('Une phrase assez longue');
    await page.getByRole('button', { name: 'Enregistrer mon mot de passe' }).click();
    await page.getByText("Ce lien n'est plus valable").waitFor();
    expect(await axeViolations(page)).toEqual([]);
  });
});
