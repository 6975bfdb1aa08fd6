import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { anonymous, dataOf, trusted, type Entry } from '../helpers/client';
import { associationWithAccount } from '../helpers/accounts';
import { staffMember } from '../helpers/admin';
import {
  adminUrl,
  ARTIFACTS,
  dismissGuides,
  launchBrowser,
  logIn,
  pickRelation,
  screenshot,
} from './browser';

const PARTNERSHIPS = '/content-manager/collection-types/api::partnership.partnership';
const ACTIONS = '/content-manager/collection-types/api::action.action';

describe('the admin panel, in a real browser', () => {
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser.close();
  });
  beforeEach(async () => {
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  });
  afterEach(async () => {
    await page.close();
  });

  it('speaks French on the log-in page by default', async () => {
    await page.goto(adminUrl(''));
    await page.getByRole('button', { name: 'Se connecter' }).waitFor();
    await page.getByLabel('Mot de passe').waitFor();
    expect(await page.getByText('Bienvenue !').count()).toBe(1);
    await screenshot(page, '01-connexion');
  });

  it('a Chargé·e de mission creates a partnership with a country and two themes, publishes it, and the public API returns it with them', async () => {
    const staff = await staffMember('Chargé·e de mission');
    await logIn(page, staff.email, staff.password);
    await page.goto(adminUrl(`${PARTNERSHIPS}/create`));
    // The form is ready once the slug field holds its generated default.
    await page.waitForLoadState('networkidle');
    await page.locator('input[name="slug"]:not([value=""])').waitFor();
    await dismissGuides(page);

    await page.getByRole('textbox', { name: 'Titre' }).fill('Coopération saisie dans le navigateur');
    await page.getByRole('textbox', { name: 'Identifiant d’URL (slug)' }).fill('test-navigateur');
    await page.getByRole('textbox', { name: 'Partenaire', exact: true }).fill('Commune partenaire');
    await pickRelation(page, 'Pays', 'Gab', 'Gabon');
    await pickRelation(page, 'Thématiques', 'Éduc', 'Éducation');
    await pickRelation(page, 'Thématiques', 'Sant', 'Santé');
    await screenshot(page, '02-partenariat-edition');
    await page.getByRole('button', { name: 'Publier' }).click();

    let published: Entry | undefined;
    for (let attempt = 0; attempt < 150 && !published; attempt += 1) {
      const response = await anonymous().get(
        '/api/partnerships?filters[slug][$eq]=test-navigateur&populate[country][fields][0]=isoCode&populate[themes][fields][0]=slug',
      );
      published = dataOf<Entry[]>(response)[0];
      if (!published) await page.waitForTimeout(100);
    }
    if (!published) await screenshot(page, 'echec-publication');
    expect(published).toBeDefined();
    expect((published?.country as Entry).isoCode).toBe('GA');
    expect(((published?.themes as Entry[]) ?? []).map((theme) => theme.slug).sort()).toEqual([
      'education',
      'sante',
    ]);

    await page.goto(adminUrl(PARTNERSHIPS));
    await page.getByText('Coopération saisie dans le navigateur').waitFor();
    await dismissGuides(page);
    await screenshot(page, '03-partenariats-liste');
  });

  it('a Rédacteur·rice edits a draft and finds no way to publish it', async () => {
    const draft = await trusted.post('/api/partnerships?status=draft', {
      data: { title: 'Brouillon à relire', slug: 'test-brouillon-redacteur', partnerName: 'Partenaire' },
    });
    expect(draft.status).toBe(201);
    const id = dataOf(draft).documentId;

    const staff = await staffMember('Rédacteur·rice');
    await logIn(page, staff.email, staff.password);
    await page.goto(adminUrl(`${PARTNERSHIPS}/${id}`));
    await page.waitForLoadState('networkidle');
    await page
      .getByRole('textbox', { name: 'Titre' })
      .and(page.locator('[value="Brouillon à relire"]'))
      .waitFor();
    await dismissGuides(page);
    const summary = page.getByRole('textbox', { name: 'Résumé' });
    await summary.fill('Résumé écrit par la rédaction.');
    await page.getByRole('button', { name: 'Enregistrer' }).click();

    let saved = '';
    for (let attempt = 0; attempt < 50 && saved !== 'Résumé écrit par la rédaction.'; attempt += 1) {
      saved = String(dataOf(await trusted.get(`/api/partnerships/${id}?status=draft`)).summary);
      if (saved !== 'Résumé écrit par la rédaction.') await page.waitForTimeout(100);
    }
    expect(saved).toBe('Résumé écrit par la rédaction.');

    const publish = page.getByRole('button', { name: 'Publier' });
    const canPublish = (await publish.count()) > 0 && (await publish.first().isEnabled());
    expect(canPublish).toBe(false);
    await screenshot(page, '04-redacteur-brouillon');
    expect((await anonymous().get(`/api/partnerships/${id}`)).status).toBe(404);
  });

  it('a Chargé·e de mission finds a submission in the awaiting-review list and requests changes with a comment', async () => {
    const association = await associationWithAccount('navigateur');
    const submitted = await association.api.post('/api/actions', {
      data: {
        title: 'Proposition à relire dans le navigateur',
        slug: 'test-relecture-navigateur',
        actionType: 'event',
      },
    });
    expect(submitted.status).toBe(201);
    const id = dataOf(submitted).documentId;

    const staff = await staffMember('Chargé·e de mission');
    await logIn(page, staff.email, staff.password);
    await page.goto(adminUrl(`${ACTIONS}?filters[$and][0][reviewState][$eq]=submitted`));
    await page.getByText('Proposition à relire dans le navigateur').waitFor();
    await dismissGuides(page);
    await screenshot(page, '05-propositions-a-relire');

    await page.getByText('Proposition à relire dans le navigateur').click();
    await page.locator('input[name="slug"][value="test-relecture-navigateur"]').waitFor();
    await page.waitForLoadState('networkidle');
    await page.getByRole('combobox', { name: 'État de la relecture' }).click();
    await page.getByRole('option', { name: 'Modifications demandées', exact: true }).click();
    await page.getByRole('textbox', { name: 'Commentaire de relecture' }).fill('Merci de préciser la date.');
    await page.getByRole('button', { name: 'Enregistrer' }).click();

    let review: Record<string, unknown> | undefined;
    for (let attempt = 0; attempt < 100 && review?.reviewState !== 'changes-requested'; attempt += 1) {
      const mine = await association.api.get('/api/me/submissions');
      review = (mine.body as { data: Array<Record<string, unknown>> }).data.find(
        (entry) => entry.documentId === id,
      );
      if (review?.reviewState !== 'changes-requested') await page.waitForTimeout(100);
    }
    expect(review).toMatchObject({
      reviewState: 'changes-requested',
      reviewComment: 'Merci de préciser la date.',
    });
    await screenshot(page, '06-modifications-demandees');
  });

  it('a Chargé·e de mission finds the submissions to review on the home page and opens one', async () => {
    const association = await associationWithAccount('accueil');
    const submitted = await association.api.post('/api/actions', {
      data: {
        title: 'Proposition vue depuis l’accueil',
        slug: 'test-accueil-relecture',
        actionType: 'event',
      },
    });
    expect(submitted.status).toBe(201);
    const id = dataOf(submitted).documentId;

    const staff = await staffMember('Chargé·e de mission');
    await logIn(page, staff.email, staff.password);
    await dismissGuides(page);
    await page.getByText('Propositions à relire', { exact: true }).waitFor();
    await page
      .getByTestId('review-queue-count')
      .filter({ hasText: /\d+ propositions? à relire/ })
      .waitFor();
    const link = page.getByRole('link', { name: 'Proposition vue depuis l’accueil' });
    await link.waitFor();
    await page.getByText('Association accueil').first().waitFor();
    await screenshot(page, '08-accueil-propositions');
    await link.click();
    await page.waitForURL((url) => url.pathname.endsWith(`/api::action.action/${id}`));
    await page
      .getByRole('textbox', { name: 'Titre' })
      .and(page.locator('[value="Proposition vue depuis l’accueil"]'))
      .waitFor();
    expect((await trusted.delete(`/api/actions/${id}`)).status).toBeLessThan(300);
  });

  it('choices show their French labels in the lists and the edit view, and are saved as their values', async () => {
    const staff = await staffMember('Chargé·e de mission');
    await logIn(page, staff.email, staff.password);
    await page.goto(adminUrl(ACTIONS));
    await page.waitForLoadState('networkidle');
    await dismissGuides(page);
    // The seed's actions: « Don de matériel », not `material-donation`.
    await page.getByRole('gridcell', { name: 'Don de matériel' }).first().waitFor();
    expect(await page.getByRole('gridcell', { name: 'material-donation' }).count()).toBe(0);
    // The filters offer the same labels.
    await page.getByRole('button', { name: 'Filtres' }).click();
    await page.locator('[aria-label="Sélectionner un champ"]').click();
    await page.getByRole('option', { name: 'Type d’action', exact: true }).click();
    await page.locator('[role="combobox"][aria-label="Type d’action"]').click();
    await page.getByRole('option', { name: 'Don de matériel' }).waitFor();
    expect(await page.getByRole('option', { name: 'material-donation' }).count()).toBe(0);
    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');

    const gabon = dataOf<Entry[]>(
      await anonymous().get('/api/actions?filters[slug][$eq]=materiel-socio-educatif-gabon'),
    )[0].documentId;
    await page.goto(adminUrl(`${ACTIONS}/${gabon}`));
    await page.waitForLoadState('networkidle');
    const select = page.getByRole('combobox', { name: 'Type d’action' });
    await select.filter({ hasText: 'Don de matériel' }).waitFor();
    await select.click();
    await page.getByRole('option', { name: 'Formation', exact: true }).click();
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    let saved = '';
    for (let attempt = 0; attempt < 100 && saved !== 'training'; attempt += 1) {
      saved = String(dataOf(await trusted.get(`/api/actions/${gabon}?status=draft`)).actionType);
      if (saved !== 'training') await page.waitForTimeout(100);
    }
    expect(saved).toBe('training');
    await screenshot(page, '09-choix-en-francais');
    // Back as it was (the draft only: the published action never changed).
    expect(
      (await trusted.put(`/api/actions/${gabon}?status=draft`, { data: { actionType: 'material-donation' } }))
        .status,
    ).toBe(200);
  });

  it('dates are entered as a year, a month or a day, and an end before the start is said at once', async () => {
    const id = dataOf<Entry[]>(
      await anonymous().get('/api/delegations?filters[slug][$eq]=delegation-quebec-2010'),
    )[0].documentId;
    const staff = await staffMember('Chargé·e de mission');
    await logIn(page, staff.email, staff.password);
    await page.goto(adminUrl(`/content-manager/collection-types/api::delegation.delegation/${id}`));
    await page.waitForLoadState('networkidle');
    await dismissGuides(page);
    // The seed's start, "2010": known to the year.
    await page
      .locator('[aria-label="Date de début : précision"]')
      .filter({ hasText: 'Année seulement' })
      .waitFor();
    expect(await page.locator('[aria-label="Date de début : année"]').inputValue()).toBe('2010');

    // An end in May 2009: said before saving.
    await page.locator('[aria-label="Date de fin : précision"]').click();
    await page.getByRole('option', { name: 'Mois et année' }).click();
    await page.locator('[aria-label="Date de fin : année"]').fill('2009');
    await page.locator('[aria-label="Date de fin : mois"]').click();
    await page.getByRole('option', { name: 'mai', exact: true }).click();
    await page.getByText('La fin (2009-05) ne peut pas précéder le début (2010).').waitFor();
    await screenshot(page, '10-date-avant-debut');

    // May 2010 is fine, and is saved as "2010-05".
    await page.locator('[aria-label="Date de fin : année"]').fill('2010');
    expect(await page.getByText('ne peut pas précéder le début').count()).toBe(0);
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    let saved: unknown;
    for (let attempt = 0; attempt < 100 && saved !== '2010-05'; attempt += 1) {
      saved = dataOf(await trusted.get(`/api/delegations/${id}?status=draft`)).endDate;
      if (saved !== '2010-05') await page.waitForTimeout(100);
    }
    expect(saved).toBe('2010-05');
    expect(
      (await trusted.put(`/api/delegations/${id}?status=draft`, { data: { endDate: null } })).status,
    ).toBe(200);
  });

  it('amounts are typed in euros and kept in cents', async () => {
    const staff = await staffMember('Chargé·e de mission');
    await logIn(page, staff.email, staff.password);
    await page.goto(adminUrl('/content-manager/collection-types/api::funding.funding/create'));
    await page.waitForLoadState('networkidle');
    await dismissGuides(page);
    await page.locator('input[name="title"]').fill('Ligne saisie en euros');
    await page.locator('input[name="fiscalYear"]').fill('2018');
    const amount = page.locator('input[name="amountCents"]');
    await amount.fill('12,345');
    await page.getByText('Un montant en euros, avec deux décimales au plus').waitFor();
    await amount.fill('23 000,50');
    expect(await page.getByText('Un montant en euros, avec deux décimales au plus').count()).toBe(0);
    await page.locator('[role="combobox"][name="flow"]').click();
    await page.getByRole('option', { name: 'Versement', exact: true }).click();
    await page.locator('[role="combobox"][name="apdCategory"]').click();
    await page.getByRole('option', { name: 'Sensibilisation en France', exact: true }).click();
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    let saved: Entry | undefined;
    for (let attempt = 0; attempt < 100 && !saved; attempt += 1) {
      saved = dataOf<Entry[]>(
        await trusted.get('/api/fundings?status=draft&filters[title][$eq]=Ligne saisie en euros'),
      )[0];
      if (!saved) await page.waitForTimeout(100);
    }
    expect(saved?.amountCents).toBe('2300050');
    await page.goto(adminUrl('/content-manager/collection-types/api::funding.funding'));
    await page.getByRole('gridcell', { name: '23\u202f000,50\u00a0€' }).waitFor();
    expect((await trusted.delete(`/api/fundings/${saved?.documentId}`)).status).toBeLessThan(300);
  });

  it('a Chargé·e de mission reads the e-APD declaration of a year and downloads it for a spreadsheet', async () => {
    const gabon = dataOf<Entry[]>(await anonymous().get('/api/countries?filters[slug][$eq]=gabon'))[0]
      .documentId;
    const lines: string[] = [];
    for (const data of [
      {
        title: 'Coopération Estuaire 2019',
        amountCents: '1234567',
        apdCategory: 'decentralised-cooperation',
        country: gabon,
      },
      { title: 'Semaine de la solidarité 2019', amountCents: '1000', apdCategory: 'awareness' },
      { title: 'Réception 2019', amountCents: '500', apdCategory: 'not-oda' },
    ]) {
      const created = await trusted.post('/api/fundings', {
        data: { fiscalYear: 2019, flow: 'disbursement', ...data },
      });
      expect(created.status).toBe(201);
      lines.push(dataOf(created).documentId);
    }

    const staff = await staffMember('Chargé·e de mission');
    await logIn(page, staff.email, staff.password);
    await dismissGuides(page);
    await page.getByRole('link', { name: 'Déclaration e-APD' }).click();
    await page.getByLabel('Exercice').selectOption('2019');
    // Narrow no-break spaces between thousands, a no-break space before the euro sign.
    await page.getByText('Total déclaré : 12\u202f355,67\u00a0€').waitFor();
    await page.getByRole('heading', { name: 'Lignes exclues — 5,00\u00a0€' }).waitFor();
    await page.getByText('Dépense hors aide publique au développement').waitFor();
    await screenshot(page, '07-declaration-e-apd');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Télécharger le tableur (CSV)' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('declaration-e-apd-2019.csv');
    const file = fs.readFileSync(await download.path());
    expect([...file.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(file.toString('utf8')).toContain('Total déclaré;;2;12355,67');

    for (const id of lines) expect((await trusted.delete(`/api/fundings/${id}`)).status).toBeLessThan(300);
  });

  it('a Rédacteur·rice has no e-APD declaration in the menu', async () => {
    const staff = await staffMember('Rédacteur·rice');
    await logIn(page, staff.email, staff.password);
    await dismissGuides(page);
    await page.locator('a[href*="content-manager"]').first().waitFor();
    await page.waitForLoadState('networkidle');
    expect(await page.getByRole('link', { name: 'Déclaration e-APD' }).count()).toBe(0);
  });

  it('leaves screenshots of the main screens for a person to look at', () => {
    for (const name of [
      '01-connexion',
      '02-partenariat-edition',
      '03-partenariats-liste',
      '04-redacteur-brouillon',
      '05-propositions-a-relire',
      '06-modifications-demandees',
      '07-declaration-e-apd',
      '08-accueil-propositions',
      '09-choix-en-francais',
      '10-date-avant-debut',
    ]) {
      expect(fs.statSync(path.join(ARTIFACTS, `${name}.png`)).size).toBeGreaterThan(10_000);
    }
  });
});
