import type * as z from 'zod/v4';
import type { mapSchema, searchSchema, statsSchema, timelineSchema } from '../../src/api/website/schemas';
import type { WebhookPayload as SentWebhookPayload } from '../../src/documents/website-webhook';
import type {
  MapResponse,
  SearchResponse,
  StatsResponse,
  TimelineResponse,
  WebhookPayload,
} from '../../types/public-api';
import { declaredKeys } from '../helpers/public-types';

/** true when each of A and B is assignable to the other, checked by `tsc` (npm run typecheck). */
type Equals<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

// If types/public-api.ts drifts from what the server sends, `npm run typecheck` fails here.
const sameAsServer: [
  Equals<TimelineResponse, z.infer<typeof timelineSchema>>,
  Equals<MapResponse, z.infer<typeof mapSchema>>,
  Equals<StatsResponse, z.infer<typeof statsSchema>>,
  Equals<SearchResponse, z.infer<typeof searchSchema>>,
  Equals<WebhookPayload, SentWebhookPayload>,
] = [true, true, true, true, true];

describe('types/public-api.ts', () => {
  it('matches the schemas the website endpoints are documented with (checked by tsc: npm run typecheck)', () => {
    expect(sameAsServer.every(Boolean)).toBe(true);
  });

  it('reads interface keys (the API test relies on it)', () => {
    expect(declaredKeys('Theme')).toEqual(
      expect.arrayContaining(['name', 'partnerships', 'id', 'documentId', 'slug', 'locale']),
    );
  });
});
