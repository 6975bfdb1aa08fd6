import fs from 'node:fs';
import path from 'node:path';
import type * as z from 'zod/v4';
import type { mapSchema, searchSchema, statsSchema, timelineSchema } from '../../src/api/website/schemas';
import type { WebhookPayload as SentWebhookPayload } from '../../src/webhooks/website';
import type {
  MapResponse,
  SearchResponse,
  StatsResponse,
  TimelineResponse,
  WebhookPayload,
} from '../../types/public-api';

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

/** The property names an interface of types/public-api.ts declares (own and EntryBase's). */
export const declaredKeys = (name: string): string[] => {
  const source = fs.readFileSync(path.join(__dirname, '..', '..', 'types', 'public-api.ts'), 'utf8');
  const block = new RegExp(`export interface ${name}\\b([^{]*)\\{([\\s\\S]*?)\\n\\}`).exec(source);
  if (!block) throw new Error(`no interface ${name}`);
  const own = [...block[2].matchAll(/^ {2}(\w+)\??:/gm)].map((match) => match[1]);
  const base = /extends (?:Omit<)?(\w+)/.exec(block[1])?.[1];
  return base ? [...own, ...declaredKeys(base)] : own;
};

describe('types/public-api.ts', () => {
  it('matches the schemas the website endpoints are documented with', () => {
    expect(sameAsServer.every(Boolean)).toBe(true);
  });

  it('reads interface keys (the API test relies on it)', () => {
    expect(declaredKeys('Theme')).toEqual(
      expect.arrayContaining(['name', 'partnerships', 'id', 'documentId', 'slug', 'locale']),
    );
  });
});
