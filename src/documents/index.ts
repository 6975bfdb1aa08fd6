/**
 * Every Document Service middleware of the project, in the order a call passes through them
 * (the first is the outermost: it runs first and sees the result last). Each file of this folder
 * holds one, guarded by `uid`/`action` at its top; `model.ts` is their shared reading of schemas.
 *
 * A write from an association (src/submissions/submit.ts), staff or code thus goes through:
 * validation → session revocation → default populate → query shape → published only →
 * content version → website webhook → invitations → review notifications → count cache → plain
 * reads → Strapi.
 */
import type { Core } from '@strapi/strapi';
import { contentVersionLayer } from './content-version';
import { countCache } from './count-cache';
import { defaultPopulate } from './default-populate';
import { invitations } from './invitations';
import type { DocumentLayer } from './layer';
import { plainReads } from './plain-reads';
import { publishedOnly } from './published-only';
import { queryShape } from './query-shape';
import { reviewNotifications } from './review-notifications';
import { sessionRevocation } from './session-revocation';
import { validation } from './validation';
import { websiteWebhook } from './website-webhook';

export const DOCUMENT_LAYERS: ReadonlyArray<readonly [name: string, layer: DocumentLayer]> = [
  // Each type's rules (its contributions.ts), before anything else is done or written.
  ['validation', validation],
  // A password change ends the account's sessions.
  ['session-revocation', sessionRevocation],
  // Reads: a curated route's population, then the query checks (400s), then the published-only rule.
  ['default-populate', defaultPopulate],
  ['query-shape', queryShape],
  ['published-only', publishedOnly],
  // Writes: the content version moves once the change has committed (the HTTP cache follows it),
  // then notifications saved in the change's own transaction (rows of the outbox).
  ['content-version', contentVersionLayer],
  ['website-webhook', websiteWebhook],
  ['invitations', invitations],
  ['review-notifications', reviewNotifications],
  // Reads, innermost: a list's total kept for the content version (the parameters are final here).
  ['count-cache', countCache],
  // Reads outside a transaction: none opened for them (two round trips fewer each).
  ['plain-reads', plainReads],
];

/** Registers them all, in that order (at register, before any document is read or written). */
export const registerDocumentLayers = (strapi: Core.Strapi): void => {
  for (const [, layer] of DOCUMENT_LAYERS) strapi.documents.use(layer(strapi));
};
