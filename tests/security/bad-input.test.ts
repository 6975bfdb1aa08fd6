/**
 * Class 6: bad input gets a 4xx, never a 500, and changes nothing. First the inputs that were seen
 * as 500s, then a bounded, seeded fuzz: 10,000 malformed requests over every public and association
 * route (query strings, headers and bodies mutated), on loopback only, with a checksum of all the
 * content before and after.
 */
import request from 'supertest';
import { associationWithAccount, type AssociationAccount } from '../helpers/accounts';
import {
  anonymous,
  baseUrl,
  COLLECTIONS,
  dataOf,
  errorOf,
  SINGLES,
  trusted,
  type Entry,
} from '../helpers/client';

/** A small seeded generator (mulberry32): the same seed gives the same requests. */
const generator = (seed: number) => {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number): number => Math.floor(next() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)];
  return { next, int, pick };
};

/** Everything staff and the public can see, drafts included: each entry as JSON, by type and id. */
const contentSnapshot = async (): Promise<Map<string, string>> => {
  const snapshot = new Map<string, string>();
  for (const plural of [...COLLECTIONS, ...SINGLES]) {
    for (const status of ['draft', 'published']) {
      const response = await trusted.get(
        `/api/${plural}?status=${status}&pagination[pageSize]=100&sort=id:asc`,
      );
      const data = (response.body as { data: Entry[] | Entry | null }).data;
      for (const entry of Array.isArray(data) ? data : data ? [data] : []) {
        snapshot.set(
          `${plural} ${status} ${entry.documentId} ${typeof entry.slug === 'string' ? entry.slug : ''}`,
          JSON.stringify(entry),
        );
      }
    }
  }
  return snapshot;
};

/** The entries added, removed or changed between two snapshots (empty when nothing changed). */
const changes = (before: Map<string, string>, after: Map<string, string>): string[] => [
  ...[...after.keys()].filter((key) => !before.has(key)).map((key) => `added: ${key}`),
  ...[...before.keys()].filter((key) => !after.has(key)).map((key) => `removed: ${key}`),
  ...[...before.keys()]
    .filter((key) => after.has(key) && after.get(key) !== before.get(key))
    .map((key) => `changed: ${key} ${after.get(key) ?? ''}`),
];

/** Answers that must never be a 5xx. */
const failures: string[] = [];
const expectNo5xx = (label: string, status: number): void => {
  if (status >= 500) failures.push(`${status} ${label}`);
};

describe('the inputs that answered 500 now answer 400, naming what is wrong', () => {
  let account: AssociationAccount;
  beforeAll(async () => {
    account = await associationWithAccount('bad-input');
  });

  it.each([
    [
      '$between with one value',
      '/api/partnerships?filters[startDate][$between]=2010',
      'filters.startDate.$between',
    ],
    [
      '$between with three values',
      '/api/partnerships?filters[startDate][$between][0]=a&filters[startDate][$between][1]=b&filters[startDate][$between][2]=c',
      'filters.startDate.$between',
    ],
    ['$or with a plain value', '/api/partnerships?filters[$or]=x', 'filters.$or'],
    ['fields naming an inherited property', '/api/partnerships?fields[0]=constructor', 'fields.0'],
    ['fields naming __proto__', '/api/partnerships?fields[0]=__proto__', 'fields.0'],
    ['sort by toString', '/api/partnerships?sort=toString', 'sort'],
    ['a NUL byte in a filter', '/api/partnerships?filters[title][$eq]=a%00b', 'filters.title.$eq'],
    ['a NUL byte in a slug', '/api/partnerships/slug/a%00b', 'slug'],
    ['a NUL byte in the locale', '/api/partnerships?locale=%00', 'locale'],
  ])('%s', async (_label, path, param) => {
    const response = await anonymous().get(path);
    expect(response.status).toBe(400);
    expect(errorOf(response).message).toContain(param.split('.')[0]);
  });

  it('a text id where the database takes a number, or a number out of range: a 400 (PostgreSQL) or nothing found (SQLite), never a 500', async () => {
    for (const path of [
      '/api/partnerships?filters[id][$eq]=abc',
      '/api/partnerships?filters[id][$gt]=99999999999999999999999',
    ]) {
      const response = await anonymous().get(path);
      const outcome =
        response.status === 400
          ? 'refused'
          : response.status === 200 && dataOf<Entry[]>(response).length === 0
            ? 'nothing found'
            : `HTTP ${response.status}`;
      expect({ path, outcome }).toEqual({
        path,
        outcome: expect.stringMatching(/^(refused|nothing found)$/) as unknown,
      });
    }
  });

  it('deeply nested JSON, a NUL byte or a prototype key in a body are 400s naming the field, and nothing is written', async () => {
    const before = await contentSnapshot();
    const deep = `${'['.repeat(5000)}${']'.repeat(5000)}`;
    const cases: Array<[string, string]> = [
      ['/api/auth/local', deep],
      ['/api/actions', `{"data":${deep}}`],
      ['/api/actions', '{"data":{"title":"a\\u0000b","slug":"test-nul","actionType":"event"}}'],
      [
        '/api/actions',
        '{"data":{"title":"ok","slug":"test-proto","actionType":"event","__proto__":{"x":1}}}',
      ],
      ['/api/me/association', '{"data":{"name":"a\\u0000"}}'],
    ];
    for (const [path, body] of cases) {
      const response = await request(baseUrl())
        [path === '/api/me/association' ? 'put' : 'post'](path)
        .set('Authorization', `Bearer ${account.jwt}`)
        .set('Content-Type', 'application/json')
        .send(body);
      expect({ path, body: body.slice(0, 30), status: response.status }).toEqual({
        path,
        body: body.slice(0, 30),
        status: 400,
      });
    }
    expect(changes(before, await contentSnapshot())).toEqual([]);
  });

  it('a malformed multipart body is a 400 naming the body', async () => {
    for (const [type, body] of [
      ['multipart/form-data', 'garbage'],
      [
        'multipart/form-data; boundary=x',
        '--x\r\nContent-Disposition: form-data; name="files"; filename="a.png"\r\n\r\nabc',
      ],
      ['multipart/form-data; boundary=zz', '--zz\r\nbroken'],
    ]) {
      for (const path of ['/api/upload', '/api/auth/local', '/api/actions']) {
        const response = await request(baseUrl())
          .post(path)
          .set('Authorization', `Bearer ${account.jwt}`)
          .set('Content-Type', type)
          .send(body);
        expect({ path, type, status: response.status }).toEqual({ path, type, status: 400 });
        expect(errorOf(response).message).toMatch(/^body: /);
      }
    }
  });
});

describe('a seeded fuzz of 10,000 malformed requests', () => {
  const SEED = Number(process.env.FUZZ_SEED ?? 20261129);
  const TOTAL = Number(process.env.FUZZ_TOTAL ?? 10_000);
  const accounts: AssociationAccount[] = [];
  let documentIds: Record<string, string> = {};
  let ownDraft = '';

  beforeAll(async () => {
    // Several accounts, so that the submission limit (1,000 an hour each here) is not what answers.
    for (let i = 0; i < 5; i += 1) accounts.push(await associationWithAccount(`fuzz-${i}`));
    documentIds = Object.fromEntries(
      await Promise.all(
        COLLECTIONS.map(async (plural) => {
          const [first] = dataOf<Entry[]>(await anonymous().get(`/api/${plural}?pagination[pageSize]=1`));
          return [plural, first?.documentId ?? 'none'];
        }),
      ),
    ) as Record<string, string>;
    const draft = await accounts[0].api.post('/api/actions', {
      data: { title: 'Brouillon du fuzz', slug: 'test-fuzz-brouillon', actionType: 'event' },
    });
    ownDraft = dataOf(draft).documentId;
  });

  it(`answers every one with less than 500, and leaves the content as it was (seed ${SEED})`, async () => {
    const rng = generator(SEED);
    const { int, pick, next } = rng;
    const before = await contentSnapshot();

    const NASTY = [
      '\u0000',
      '%00',
      '%ff',
      '%zz',
      'constructor',
      '__proto__',
      'toString',
      'hasOwnProperty',
      '-1',
      '0',
      '1e309',
      '99999999999999999999999',
      'NaN',
      'true',
      'null',
      '[]',
      '{}',
      "' OR 1=1 --",
      '"; DROP TABLE actions; --',
      '../../etc/passwd',
      '<script>alert(1)</script>',
      '😀',
      'é',
      'ǅ',
      '\u202e',
      'a'.repeat(3000),
      '$eq',
      '$between',
      '2010-13-45',
      '2011-05',
      '*',
      ',',
      '.',
      ':asc',
      'title:desc',
      'country.name',
      'actions.title',
    ];
    const OPERATORS = [
      '$eq',
      '$ne',
      '$lt',
      '$gt',
      '$in',
      '$notIn',
      '$between',
      '$contains',
      '$startsWith',
      '$null',
      '$notNull',
      '$or',
      '$and',
      '$not',
      '$regex',
      '$unknown',
    ];
    const FIELDS = [
      'title',
      'slug',
      'id',
      'documentId',
      'startDate',
      'country',
      'themes',
      'actions',
      'name',
      'isoCode',
      'ownerAssociation',
      'email',
      'publishedAt',
      'createdBy',
      'password',
    ];
    const value = () => (next() < 0.5 ? encodeURIComponent(pick(NASTY)) : pick(NASTY).replace(/[&#]/g, ''));
    const queryPart = (): string => {
      switch (int(9)) {
        case 0:
          return `filters[${pick(FIELDS)}][${pick(OPERATORS)}]=${value()}`;
        case 1:
          return `filters[${pick(FIELDS)}][${pick(FIELDS)}][${pick(OPERATORS)}][${int(3)}]=${value()}`;
        case 2:
          return `fields[${int(3)}]=${next() < 0.5 ? pick(FIELDS) : value()}`;
        case 3:
          return `sort${next() < 0.5 ? `[${int(2)}]` : ''}=${next() < 0.5 ? pick(FIELDS) : value()}`;
        case 4:
          return `populate${next() < 0.5 ? `[${pick(FIELDS)}]` : ''}${next() < 0.3 ? `[populate][${pick(FIELDS)}]` : ''}=${next() < 0.5 ? '*' : value()}`;
        case 5:
          return `pagination[${pick(['page', 'pageSize', 'start', 'limit', 'withCount'])}]=${value()}`;
        case 6:
          return `${pick(['locale', 'status', 'q', 'type', 'from', 'to', 'id'])}=${value()}`;
        case 7:
          return `${'['.repeat(int(30))}${value()}${']'.repeat(int(30))}=${value()}`;
        default:
          return `${value()}=${value()}`;
      }
    };
    const query = (): string => Array.from({ length: 1 + int(4) }, queryPart).join('&');

    const templates: Record<string, Record<string, unknown>> = {
      actions: { title: 'Action', slug: 'test-fuzz-action', actionType: 'event', startDate: '2011-05' },
      delegations: {
        title: 'Délégation',
        slug: 'test-fuzz-delegation',
        direction: 'incoming',
        members: [{ name: 'A' }],
      },
      'school-exchanges': {
        title: 'Échange',
        slug: 'test-fuzz-echange',
        schoolYear: '2010-2011',
        pupilCount: 12,
      },
      me: { name: 'Association', summary: 'Résumé', website: 'https://example.org' },
    };
    /** A body that is always invalid: one to three corruptions of a valid one, or not JSON at all. */
    const badBody = (kind: string): { type: string; body: string } => {
      const roll = int(10);
      if (roll === 0)
        return {
          type: 'application/json',
          body: JSON.stringify({ data: templates[kind] }).slice(0, 1 + int(40)),
        };
      if (roll === 1)
        return {
          type: pick([
            'multipart/form-data',
            'multipart/form-data; boundary=b',
            'text/plain',
            'application/xml',
            'application/x-www-form-urlencoded',
          ]),
          body: pick(['garbage', '--b\r\nx', 'data[title]=x&data[reviewState]=approved', '<a/>', '\u0000']),
        };
      const data: Record<string, unknown> = { ...templates[kind] };
      const corruptions = 1 + int(3);
      for (let i = 0; i < corruptions; i += 1) {
        const field = pick(Object.keys(templates[kind]));
        switch (int(8)) {
          case 0:
            data[field] = { $ne: null };
            break;
          case 1:
            data[field] = `x\u0000${pick(NASTY)}`;
            break;
          case 2:
            data[`unknown${int(5)}`] = pick(NASTY);
            break;
          case 3: {
            let nested: unknown = 'x';
            for (let d = 0; d < 33 + int(300); d += 1) nested = [nested];
            data[field] = nested;
            break;
          }
          case 4:
            data.ownerAssociation = 'someone-else';
            break;
          case 5:
            data[field] = [2 ** 70]; // a list where one value is expected
            break;
          case 6:
            data.publishedAt = '2020-01-01';
            break;
          default:
            data.country = pick(['x', '1e309', { connect: [{ id: -1 }] }]);
            data.reviewState = 'approved';
        }
      }
      const text = JSON.stringify(kind === 'me' || next() < 0.9 ? { data } : data);
      return { type: 'application/json', body: next() < 0.1 ? text.replace('"data"', '"__proto__"') : text };
    };
    const headers = (): Record<string, string> => {
      const chosen: Record<string, string> = {};
      if (next() < 0.3) chosen['If-None-Match'] = pick(['"x"', '*', 'W/"a", "b"', '\u00e9']);
      if (next() < 0.2) chosen.Accept = pick(['text/html', '*/*', 'application/xml', 'garbage/']);
      if (next() < 0.2)
        chosen.Origin = pick(['https://website.example.test', 'null', 'https://evil.example.test']);
      if (next() < 0.2) chosen.Range = pick(['bytes=0-5', 'bytes=x', 'lines=1-2']);
      if (next() < 0.2) chosen['X-Forwarded-For'] = pick(['1.2.3.4', 'x', '::1, ::2']);
      if (next() < 0.1) chosen['Accept-Language'] = pick(['en', 'xx', '*;q=x']);
      return chosen;
    };
    const auth = (): string | null => {
      const roll = int(10);
      if (roll < 5) return null;
      if (roll < 9) return `Bearer ${pick(accounts).jwt}`;
      return pick([
        'Bearer ',
        'Bearer x.y.z',
        `Bearer ${accounts[0].jwt.slice(0, -3)}abc`,
        'Basic Zm9vOmJhcg==',
        'garbage',
      ]);
    };

    const readRoutes = [
      ...COLLECTIONS.map((plural) => `/api/${plural}`),
      ...COLLECTIONS.map((plural) => `/api/${plural}/${documentIds[plural]}`),
      ...COLLECTIONS.map(
        (plural) => `/api/${plural}/slug/${pick(['gabon', 'quebec-education', 'x', '%00', '%ff'])}`,
      ),
      '/api/countries/GA/overview',
      '/api/countries/%00/overview',
      '/api/mission',
      '/api/timeline',
      '/api/map',
      '/api/stats',
      '/api/search',
      '/api/me/association',
      '/api/me/submissions',
      '/api/users/me',
    ];

    /** One malformed request: a method, a route, a query, headers, a body. */
    const nextRequest = (): { label: string; run: () => request.Test } => {
      const roll = next();
      const h = headers();
      const authorization = auth();
      const withHeaders = (test: request.Test) => {
        for (const [name, headerValue] of Object.entries(h)) test.set(name, headerValue);
        if (authorization) test.set('Authorization', authorization);
        return test;
      };
      if (roll < 0.55) {
        const route = `${pick(readRoutes)}?${query()}`;
        return { label: `GET ${route}`, run: () => withHeaders(request(baseUrl()).get(route)) };
      }
      if (roll < 0.97) {
        const kind = pick(['actions', 'delegations', 'school-exchanges', 'me']);
        const { type, body } = badBody(kind);
        const account = pick(accounts);
        const [method, route] =
          kind === 'me'
            ? (['put', `/api/me/association?${next() < 0.3 ? query() : ''}`] as const)
            : pick([
                ['post', `/api/${kind}`],
                ['put', `/api/${kind}/${pick([ownDraft, documentIds[kind] ?? 'x', 'x', '%00'])}`],
                ['delete', `/api/${kind}/${pick([documentIds[kind] ?? 'x', 'nothing', '%ff'])}`],
              ] as const);
        const label = `${method.toUpperCase()} ${route} ${type} ${body.slice(0, 80)}`;
        return {
          label,
          run: () => {
            const test = withHeaders(request(baseUrl())[method](route)).set('Content-Type', type);
            if (!authorization) test.set('Authorization', `Bearer ${account.jwt}`);
            return method === 'delete' ? test : test.send(body);
          },
        };
      }
      // A few on the log-in and password routes (their limit is shared with the rest of the run).
      const route = pick([
        '/api/auth/local',
        '/api/auth/forgot-password',
        '/api/auth/reset-password',
        '/api/auth/change-password',
        '/api/upload',
      ]);
      const body = pick([
        JSON.stringify({ identifier: { $ne: null }, password: 'x' }),
        JSON.stringify({ email: `x\u0000@example.org` }),
        JSON.stringify({ code: ['a'], password: 1, passwordConfirmation: {} }),
        JSON.stringify({ currentPassword: 'wrong', password: 'x', passwordConfirmation: 'y' }),
        '{"identifier":',
        `${'{"a":'.repeat(60)}1${'}'.repeat(60)}`,
      ]);
      return {
        label: `POST ${route} ${body.slice(0, 60)}`,
        run: () =>
          withHeaders(request(baseUrl()).post(route)).set('Content-Type', 'application/json').send(body),
      };
    };

    const plan = Array.from({ length: TOTAL }, nextRequest);
    let done = 0;
    const worker = async () => {
      for (let item = plan.pop(); item !== undefined; item = plan.pop()) {
        try {
          const response = await item.run();
          expectNo5xx(item.label, response.status);
        } catch (error) {
          failures.push(`no answer: ${item.label}: ${(error as Error).message}`);
        }
        done += 1;
      }
    };
    await Promise.all([worker(), worker(), worker(), worker()]);
    expect(done).toBe(TOTAL);
    expect(failures.slice(0, 20)).toEqual([]);
    expect(changes(before, await contentSnapshot())).toEqual([]);
  }, 900_000);
});
