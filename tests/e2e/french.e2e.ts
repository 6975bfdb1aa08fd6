/// <reference lib="dom" />
import type { Browser, Page } from 'playwright-core';
import { anonymous, dataOf, type Entry } from '../helpers/client';
import { staffMember } from '../helpers/admin';
import { adminUrl, launchBrowser, logIn } from './browser';

/**
 * The admin panel speaks French on the screens staff use: each role walks its main screens, and
 * the test fails on any of a list of English strings Strapi shows when a translation is missing
 * (src/admin/translations/fr.ts provides them). Words are matched whole and with their case, in
 * the visible text and in the labels a screen reader reads (aria-label, placeholder, title).
 */

/** English strings met on these screens before they were translated, and their close relatives. */
export const ENGLISH = [
  'Search',
  'Available in',
  'characters',
  'Open preview',
  'Set up preview',
  'French (fr)',
  'English (en)',
  'User',
  'Add Widget',
  'Drag to move',
  'Skip',
  'Filters',
  'Published',
  'Draft',
  'Modified',
  'Status',
  'Select',
  'Open in new tab',
  'Copy document ID',
  'Document ID',
  'Create a relation',
  'Last edited entries',
  'Last published entries',
  'Project statistics',
  'Entries',
  'Profile',
  'Settings',
  'Content Manager',
  'Media Library',
  'Collection Types',
  'Single Types',
  'Create new entry',
  'No content found',
  'Save',
  'Publish',
  'Cancel',
  'Delete',
  'Edit',
  'Loading',
  'Welcome',
  'Learn more',
  'Docs',
  'Read blog post',
  'Introducing',
  'Upgrade',
  'trial',
  'Preview',
  'Relations',
  'Information',
  'Created',
  'Last update',
  'Columns',
  'Export',
] as const;

const CM = '/content-manager/collection-types';

/** What a person sees and hears of the page: its text and its accessible labels. */
const visibleText = (page: Page): Promise<string> =>
  page.evaluate(() => {
    const labels = Array.from(document.querySelectorAll('[aria-label], [placeholder], [title]')).flatMap(
      (element) => ['aria-label', 'placeholder', 'title'].map((name) => element.getAttribute(name) ?? ''),
    );
    return [document.body.innerText, ...labels].join('\n');
  });

/** The English strings of the list present in `text`, each with the line it was found in. */
export const englishIn = (text: string): string[] =>
  ENGLISH.flatMap((word) => {
    const pattern = new RegExp(
      `(^|[^\\p{L}])${word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^\\p{L}])`,
      'u',
    );
    const line = text.split('\n').find((candidate) => pattern.test(candidate));
    return line === undefined ? [] : [`"${word}" in « ${line.trim().slice(0, 120)} »`];
  });

const settle = async (page: Page): Promise<void> => {
  await page.waitForLoadState('networkidle');
  // The design system's spinners carry a hidden « Loading » (the relations') or « Loading content »
  // (a page still fetching, seen on a loaded CI machine) for screen readers, written in its code
  // (no translation key): read once every spinner is gone.
  await page
    .getByText(/^Loading( content)?$/)
    .first()
    .waitFor({ state: 'detached', timeout: 30_000 })
    .catch(() => undefined);
  // The first visit's banners and tours are part of what a person sees: they are not dismissed.
  await page.waitForTimeout(300);
};

/**
 * The page's text once no spinner shows: a list can start fetching again after the network went
 * quiet (seen in CI after the other browser tests), and its table then shows the design system's
 * « Loading content » for a moment. Read again for up to 30 s; a spinner still there is reported.
 */
const loadedText = async (page: Page): Promise<string> => {
  const deadline = Date.now() + 30_000;
  let text = await visibleText(page);
  while (/^\s*Loading( content)?\.?\s*$/m.test(text) && Date.now() < deadline) {
    await page.waitForTimeout(500);
    text = await visibleText(page);
  }
  return text;
};

describe('the admin panel speaks French on the screens of each role', () => {
  let browser: Browser;
  let gabon: string;

  beforeAll(async () => {
    browser = await launchBrowser();
    const response = await anonymous().get('/api/partnerships?filters[slug][$eq]=gabon-estuaire');
    gabon = dataOf<Entry[]>(response)[0].documentId;
  });
  afterAll(async () => {
    await browser.close();
  });

  const screensOf = (role: string): Array<[name: string, path: string]> => [
    ['accueil', ''],
    ['liste des partenariats', `${CM}/api::partnership.partnership`],
    ['partenariat', `${CM}/api::partnership.partnership/${gabon}`],
    ['liste des actions', `${CM}/api::action.action`],
    ['médiathèque', '/plugins/upload'],
    ['profil', '/me'],
    ...(role === 'Chargé·e de mission'
      ? ([
          ['comptes des associations', `${CM}/plugin::users-permissions.user`],
          ['déclaration e-APD', '/declaration-e-apd'],
        ] as Array<[string, string]>)
      : []),
  ];

  it.each(['Chargé·e de mission', 'Rédacteur·rice', 'Lecture seule'])('%s', async (role) => {
    const staff = await staffMember(role);
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    try {
      await logIn(page, staff.email, staff.password);
      const found: string[] = [];
      for (const [name, path] of screensOf(role)) {
        await page.goto(adminUrl(path));
        await settle(page);
        found.push(...englishIn(await loadedText(page)).map((problem) => `${name}: ${problem}`));
      }
      expect(found).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
