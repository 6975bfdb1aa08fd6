import type { Core } from '@strapi/strapi';
import { syncAdminRoles } from './bootstrap/admin-roles';
import { syncAssociationRole } from './bootstrap/association-role';
import { applyContentManagerViews } from './bootstrap/content-manager';
import { checkContributions } from './bootstrap/contributions';
import { createDevelopmentAdmin } from './bootstrap/dev-admin';
import { ensureLocales } from './bootstrap/locales';
import { syncPublicPermissions } from './bootstrap/public-permissions';
import { registerDocumentLayers } from './documents';
import { closeRateLimitStore, rateLimitStore } from './rate-limit/limits';
import { seedIfEmpty } from './seed/loader';
import { prepareOpenApi } from './api/openapi/services/openapi';
import { ensureSearchIndex } from './api/website/search-index';
import httpCache from './middlewares/http-cache';
import { contentVersion } from './cache/content-version';
import { followOtherChanges } from './cache/other-changes';
import queryLimits from './middlewares/query-limits';
import { outboxCounts, startOutboxWorker, type OutboxWorker, type Sender } from './api/delivery/outbox';
import { routeEmailsThroughOutbox, sendWebhook } from './api/delivery/channels';
import { drainRequests, trackRequests } from './platform/shutdown';
import { pluginService } from './platform/services';
import { registerPortal } from './portal/routes';
import { lightenStockMiddlewares } from './platform/stock-middlewares';
import { registerCustomFields } from './content-manager/custom-fields';
import { registerDeclarationAdminRoutes } from './api/export/admin-routes';
import { registerReviewQueueRoute } from './submissions/review-queue';
import { configurePasswordEmails } from './portal/mail';
import {
  commitsOrFails,
  holdStartupLock,
  survivesDatabaseOutages,
  waitForDatabase,
  waitForIdleDatabase,
} from './platform/database';

let sendEmail: Sender | undefined;
let releaseStartupLock: (() => Promise<void>) | undefined;
let outbox: OutboxWorker | undefined;

export default {
  async register({ strapi }: { strapi: Core.Strapi }) {
    // Enumerations shown with French labels in the admin (src/admin/fields/choice.tsx); the stored
    // values and the API stay as they are.
    registerCustomFields(strapi);
    // Strapi's security headers and body parser, built once instead of at every request.
    lightenStockMiddlewares(strapi);
    // Before Strapi opens the database: a database still starting is waited for, not a crash.
    await waitForDatabase(strapi);
    // Instances starting together on one PostgreSQL database take turns (until the end of bootstrap).
    releaseStartupLock = await holdStartupLock(strapi);
    // Middlewares of the content API's own router: they run for every one of its routes (the
    // router matches each spelling of a path), and for nothing else.
    strapi.server.api('content-api').use(httpCache(strapi)).use(queryLimits());
    // The association portal's pages (/portail).
    registerPortal(strapi);
    // The e-APD declaration for the admin panel's page, and the review queue of its home page.
    registerDeclarationAdminRoutes(strapi);
    registerReviewQueueRoute(strapi);
    // Each type's declaration (src/api/<type>/contributions.ts) fits its schema.
    checkContributions(strapi);
    // Every Document Service middleware, in their order (src/documents/index.ts).
    registerDocumentLayers(strapi);
    sendEmail = routeEmailsThroughOutbox(strapi);
    trackRequests(strapi);
    survivesDatabaseOutages(strapi);
    commitsOrFails(strapi);
    // A graceful stop (SIGTERM, SIGINT, or any call of strapi.destroy): the requests under way finish,
    // the outbox worker finishes the deliveries it started, and the writes Strapi started in the
    // background after a save are done — all before Strapi stops its plugins (the `destroy`
    // lifecycles run after the plugins' own, too late for a request still being answered).
    const destroy = strapi.destroy.bind(strapi);
    strapi.destroy = async () => {
      await drainRequests(strapi);
      await outbox?.stop();
      outbox = undefined;
      await contentVersion(strapi).stop();
      await waitForIdleDatabase(strapi);
      return destroy();
    };
  },

  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    // The count of public changes that the HTTP cache follows (before anything is written).
    await contentVersion(strapi).start();
    followOtherChanges(strapi);
    await ensureLocales(strapi);
    await rateLimitStore(strapi).ensureTable();
    await syncPublicPermissions(strapi);
    await syncAssociationRole(strapi);
    await configurePasswordEmails(strapi);
    await syncAdminRoles(strapi);
    await applyContentManagerViews(strapi);
    await createDevelopmentAdmin(strapi);
    // Before the seed: the build holds the event loop for seconds, and the seed's webhook deliveries
    // would time out while it runs.
    prepareOpenApi(strapi);
    // The search index's triggers, before anything is written (the seed included).
    await ensureSearchIndex(strapi);
    await seedIfEmpty(strapi);
    const counts = await outboxCounts(strapi);
    if (counts.pending || counts.failed)
      strapi.log.info(`[outbox] ${counts.pending ?? 0} pending, ${counts.failed ?? 0} failed deliveries`);
    if (!sendEmail) throw new Error('the e-mail plugin was not routed through the outbox at register');
    // OUTBOX_WORKER=false: this instance only writes to the outbox; others deliver.
    if (process.env.OUTBOX_WORKER !== 'false') {
      outbox = startOutboxWorker(strapi, { webhook: sendWebhook, email: sendEmail });
    }
    // The Media Library's "API Uploads" folder is created by the first upload through the content
    // API; two first uploads at once both created it and one failed (a unique-index violation, 500).
    // Created here, once, under the start-up lock.
    await pluginService<{ getAPIUploadFolder(): Promise<unknown> }>(
      strapi,
      'upload',
      'api-upload-folder',
    ).getAPIUploadFolder();
    await releaseStartupLock?.();
  },

  async destroy() {
    await closeRateLimitStore();
  },
};
