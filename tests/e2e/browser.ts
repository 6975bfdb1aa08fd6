import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { baseUrl } from '../helpers/client';

/** Where the screenshots go, for a person to look at (CI keeps them as artifacts). */
export const ARTIFACTS = path.join(__dirname, '..', 'artifacts');

/**
 * Debian's Chromium, headless. The flags keep it from reaching for the network, which this
 * machine does not have.
 */
export const launchBrowser = (): Promise<Browser> =>
  chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });

export const adminUrl = (path: string): string => `${baseUrl()}/admin${path}`;

/** Logs in through the admin panel's form, as a person would. */
export const logIn = async (page: Page, email: string, password: string): Promise<void> => {
  await page.goto(adminUrl(''));
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Mot de passe').fill(password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.waitForURL((url) => !url.pathname.includes('/auth/'));
};

/** Closes the first-visit guided tour and announcement banner when they show. */
export const dismissGuides = async (page: Page): Promise<void> => {
  for (const name of ['Skip', 'Passer', 'Close the banner.']) {
    const button = page.getByRole('button', { name, exact: true });
    if (await button.isVisible().catch(() => false)) await button.click();
  }
};

/**
 * A full-page screenshot in tests/artifacts/ (emptied at the start of each run), taken once the
 * admin's notifications (« Enregistré », « Publié »: sonner toasts, a few seconds each) are gone, so
 * that they hide nothing of the screen.
 */
export const screenshot = async (page: Page, name: string): Promise<string> => {
  await page
    .locator('[data-sonner-toast]')
    .first()
    .waitFor({ state: 'detached', timeout: 15_000 })
    .catch(() => undefined);
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, `${name}.png`);
  // The admin scrolls inside its own containers, not the document: `fullPage` alone stops at the
  // viewport. The viewport is made as tall as the tallest scrolling content for the shot.
  const viewport = page.viewportSize();
  const height = await page.evaluate(() =>
    Math.max(
      document.documentElement.scrollHeight,
      ...Array.from(document.querySelectorAll<HTMLElement>('body *'))
        .filter((element) => ['auto', 'scroll'].includes(getComputedStyle(element).overflowY))
        .map((element) => element.scrollHeight + element.getBoundingClientRect().top),
    ),
  );
  if (viewport && height > viewport.height) {
    await page.setViewportSize({ width: viewport.width, height: Math.min(Math.ceil(height), 8000) });
  }
  await page.screenshot({ path: file, fullPage: true });
  if (viewport) await page.setViewportSize(viewport);
  return file;
};

/**
 * Picks an entry in a relation field by typing the start of its name. An option of a type with
 * drafts also carries its state (« Publié »): match it with a RegExp.
 */
export const pickRelation = async (
  page: Page,
  field: string,
  search: string,
  option: string | RegExp,
): Promise<void> => {
  // The label counts the entries already chosen: "Thématiques (1)".
  const combobox = page.getByRole('combobox', { name: new RegExp(`^${field}( \\(\\d+\\))?$`) });
  await combobox.click();
  await combobox.fill(search);
  await page
    .getByRole('option', typeof option === 'string' ? { name: option, exact: true } : { name: option })
    .click();
};
