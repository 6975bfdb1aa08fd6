import fs from 'node:fs';
import path from 'node:path';
import type { Core } from '@strapi/strapi';
import type { Context } from '../http/request-state';
import { CONTENT_SECURITY_POLICY, PAGES, renderPage, type PortalPage } from './pages';
import { SESSION_COOKIE, isSessionActive } from './session';

const LOGIN = '/portail/connexion';

/**
 * Serves one page: its fixed document with the portal's headers. A member page without a live
 * session sends the browser to the log-in page (the page's data needs the session anyway: this
 * only spares an empty page).
 */
const servePage =
  (strapi: Core.Strapi, page: PortalPage, html: string) =>
  async (ctx: Context): Promise<void> => {
    ctx.set('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    // The invitation code is in the address of the password page: never sent to another site.
    ctx.set('Referrer-Policy', 'no-referrer');
    ctx.set('Cache-Control', 'no-store');
    ctx.set('X-Frame-Options', 'DENY');
    if (page.member) {
      const session = ctx.cookies.get(SESSION_COOKIE);
      if (!session || !(await isSessionActive(strapi, session))) {
        ctx.status = 303;
        ctx.redirect(`${LOGIN}?retour=${encodeURIComponent(`/portail${page.path}`)}`);
        return;
      }
    }
    ctx.type = 'text/html; charset=utf-8';
    ctx.body = html;
  };

/**
 * The libraries the portal's scripts import (ES modules), served from the installed packages, so
 * that their versions are the lock file's: Markdown rendering and its sanitiser, for the preview.
 */
const VENDOR: Record<string, () => string> = {
  'marked.js': () => require.resolve('marked'),
  'purify.js': () => path.join(path.dirname(require.resolve('dompurify')), 'purify.es.mjs'),
};

/**
 * The portal's pages at /portail (src/portal/pages.ts); their scripts and style sheet are files of
 * `public/portail/`, served by Strapi's public-files middleware.
 */
export const registerPortal = (strapi: Core.Strapi): void => {
  strapi.server.routes(
    PAGES.map((page) => ({
      method: 'GET' as const,
      path: `/portail${page.path}`,
      handler: servePage(strapi, page, renderPage(page)),
      config: { auth: false as const },
    })),
  );
  strapi.server.routes(
    Object.entries(VENDOR).map(([name, file]) => {
      const source = fs.readFileSync(file(), 'utf8').replace(/\n\/\/# sourceMappingURL=.*$/m, '\n');
      return {
        method: 'GET' as const,
        path: `/portail/vendor/${name}`,
        handler: (ctx: Context) => {
          ctx.type = 'text/javascript; charset=utf-8';
          ctx.set('Cache-Control', 'public, max-age=86400');
          ctx.body = source;
        },
        config: { auth: false as const },
      };
    }),
  );
};
