/**
 * types/public-api.ts against what the server sends: each line compiles only while the two
 * types are the same. Compiled by tests/unit/public-types.test.ts (and by `npm run typecheck`).
 */
import type * as z from 'zod/v4';
import type { mapSchema, searchSchema, statsSchema, timelineSchema } from '../../../src/api/website/schemas';
import type { WebhookPayload as SentWebhookPayload } from '../../../src/documents/website-webhook';
import type {
  MapResponse,
  SearchResponse,
  StatsResponse,
  TimelineResponse,
  WebhookPayload,
} from '../../../types/public-api';

/** true when each of A and B is assignable to the other. */
export type Equals<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

export const sameAsServer: [
  Equals<TimelineResponse, z.infer<typeof timelineSchema>>,
  Equals<MapResponse, z.infer<typeof mapSchema>>,
  Equals<StatsResponse, z.infer<typeof statsSchema>>,
  Equals<SearchResponse, z.infer<typeof searchSchema>>,
  Equals<WebhookPayload, SentWebhookPayload>,
] = [true, true, true, true, true];
