/**
 * Deterministic synthetic content for the benchmark (`npm run bench`): run as a script on a
 * database that already holds the seed, it adds entries until each type reaches the counts of the
 * requested size. Same size, same content (a fixed pseudo-random sequence per entry). Everything is
 * created published, in French, through the Document Service (so every rule, relation and
 * search-index update of the application applies).
 *
 *   node -r esbuild-register tests/bench/generate.ts medium|large
 */
import path from 'node:path';
import { createStrapi, type Core, type UID } from '@strapi/strapi';
import { ISO_3166_ALPHA_2 } from '../../src/api/country/iso-3166';
import { runtimeData, runtimeFilters } from '../../src/documents/runtime-params';

export interface Size {
  countries: number;
  themes: number;
  schools: number;
  associations: number;
  partnerships: number;
  delegations: number;
  actions: number;
  schoolExchanges: number;
}

/**
 * The issue's medium data; large has ten times its actions, delegations and school exchanges (the
 * medium ones, created through the Document Service, copied nine more times in SQL: see `copy`).
 */
export const SIZES: Record<'medium' | 'large', Size> = {
  medium: {
    countries: 60,
    themes: 20,
    schools: 50,
    associations: 200,
    partnerships: 103,
    delegations: 303,
    actions: 2003,
    schoolExchanges: 1005,
  },
  large: {
    countries: 60,
    themes: 20,
    schools: 50,
    associations: 200,
    partnerships: 103,
    delegations: 3030,
    actions: 20030,
    schoolExchanges: 10050,
  },
};

/** mulberry32: a small seeded generator, so that a size always gives the same data. */
const random = (seed: number) => {
  let state = seed >>> 0;
  return (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};

const WORDS = (
  'coopération éducation environnement jeunesse santé formation eau énergie déchets école collège ' +
  'lycée échange solidarité culture sport musique théâtre bibliothèque numérique agriculture forêt ' +
  'climat biodiversité jumelage mairie province association bénévoles élèves enseignants matériel ' +
  'livres ordinateurs atelier rencontre festival délégation visite accueil chantier puits hôpital ' +
  'dispensaire vaccination assainissement reboisement recyclage citoyenneté égalité handicap emploi ' +
  'artisanat commerce équitable tourisme patrimoine mémoire langue français anglais Québec Gabon ' +
  'Norvège Michigan Estuaire Libreville Kristiansund Jackson Courcouronnes Essonne'
).split(' ');

const THEMES = [
  'Éducation',
  'Environnement',
  'Jeunesse',
  'Santé',
  'Formation',
  'Eau',
  'Énergie',
  'Culture',
  'Sport',
  'Numérique',
  'Agriculture',
  'Climat',
  'Citoyenneté',
  'Égalité',
  'Emploi',
  'Patrimoine',
  'Solidarité',
  'Tourisme',
  'Infrastructures',
  'Langues',
];

const CONTINENTS = ['africa', 'americas', 'asia', 'europe', 'oceania'] as const;

interface Ref {
  documentId: string;
}

type Data = Record<string, unknown>;

/** Runs `work` on 0..count-1 with `parallel` at a time. */
const pool = async (
  count: number,
  parallel: number,
  work: (index: number) => Promise<void>,
): Promise<void> => {
  let next = 0;
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (next < count) {
        const index = next;
        next += 1;
        await work(index);
      }
    }),
  );
};

export const generate = async (
  strapi: Core.Strapi,
  size: Size,
  log: (line: string) => void,
): Promise<void> => {
  const documents = (uid: UID.ContentType) => strapi.documents(uid);
  const all = async (uid: UID.ContentType): Promise<Ref[]> =>
    await documents(uid).findMany({ locale: 'fr', fields: ['documentId'], limit: 1_000_000 });

  /** Creates entries of `uid` until it has `target`, each from its index. */
  const fill = async (
    uid: UID.ContentType,
    target: number,
    make: (index: number, rnd: () => number) => Data,
  ) => {
    const existing = await documents(uid).count({ locale: 'fr' });
    const missing = Math.max(0, target - existing);
    const started = Date.now();
    await pool(missing, 4, async (offset) => {
      const index = existing + offset;
      const rnd = random(index * 7919 + uid.length * 104729);
      await documents(uid).create({ data: runtimeData(make(index, rnd)), locale: 'fr', status: 'published' });
    });
    log(`${uid}: ${missing} created in ${((Date.now() - started) / 1000).toFixed(1)} s (now ${target})`);
  };

  const pick = <T>(items: T[], rnd: () => number): T => items[Math.floor(rnd() * items.length)];
  const some = <T>(items: T[], rnd: () => number, max: number): T[] => {
    const count = 1 + Math.floor(rnd() * max);
    return [...new Set(Array.from({ length: count }, () => pick(items, rnd)))];
  };
  const words = (rnd: () => number, count: number): string =>
    Array.from({ length: count }, () => pick(WORDS, rnd)).join(' ');
  const title = (rnd: () => number, index: number): string => {
    const text = words(rnd, 3 + Math.floor(rnd() * 3));
    return `${text.charAt(0).toUpperCase()}${text.slice(1)} n° ${index}`;
  };
  const dates = (rnd: () => number): Data => {
    const year = 2005 + Math.floor(rnd() * 20);
    const month = String(1 + Math.floor(rnd() * 12)).padStart(2, '0');
    const precision = rnd();
    const startDate =
      precision < 0.3 ? String(year) : precision < 0.6 ? `${year}-${month}` : `${year}-${month}-15`;
    return rnd() < 0.5 ? { startDate } : { startDate, endDate: String(year + 1 + Math.floor(rnd() * 3)) };
  };
  const location = (rnd: () => number): Data => ({
    placeName: words(rnd, 2),
    latitude: Math.round((rnd() * 140 - 70) * 1e4) / 1e4,
    longitude: Math.round((rnd() * 340 - 170) * 1e4) / 1e4,
  });

  const existingCodes = new Set(
    (await strapi.documents('api::country.country').findMany({ locale: 'fr', fields: ['isoCode'] })).map(
      (country) => country.isoCode,
    ),
  );
  const freeCodes = [...ISO_3166_ALPHA_2].filter((code) => !existingCodes.has(code));
  await fill('api::country.country', size.countries, (index, rnd) => {
    const code = freeCodes[index % freeCodes.length];
    return {
      name: `Pays ${code}`,
      slug: `pays-${code.toLowerCase()}`,
      isoCode: code,
      continent: pick([...CONTINENTS], rnd),
      latitude: Math.round((rnd() * 140 - 70) * 1e4) / 1e4,
      longitude: Math.round((rnd() * 340 - 170) * 1e4) / 1e4,
    };
  });
  await fill('api::theme.theme', size.themes, (index) => ({
    name: `${THEMES[index % THEMES.length]} ${index}`,
    slug: `theme-bench-${index}`,
  }));
  await fill('api::school.school', size.schools, (index, rnd) => ({
    name: `École ${words(rnd, 2)} ${index}`,
    slug: `ecole-bench-${index}`,
    level: pick(['nursery', 'elementary', 'middle-school', 'high-school'], rnd),
    town: 'Courcouronnes',
  }));

  const countries = await all('api::country.country');
  const themes = await all('api::theme.theme');
  const schools = await all('api::school.school');

  await fill('api::association.association', size.associations, (index, rnd) => ({
    name: `Association ${words(rnd, 2)} ${index}`,
    slug: `association-bench-${index}`,
    summary: words(rnd, 20),
    description: words(rnd, 80),
    worldRegion: pick(['Afrique', 'Amériques', 'Asie', 'Europe', 'Océanie'], rnd),
    countries: some(countries, rnd, 3).map((ref) => ref.documentId),
    themes: some(themes, rnd, 3).map((ref) => ref.documentId),
  }));
  const associations = await all('api::association.association');

  await fill('api::partnership.partnership', size.partnerships, (index, rnd) => ({
    title: title(rnd, index),
    slug: `partenariat-bench-${index}`,
    summary: words(rnd, 25),
    description: words(rnd, 120),
    partnerName: `Partenaire ${words(rnd, 2)}`,
    partnerLevel: pick(['municipality', 'province-region', 'country', 'organisation', 'school'], rnd),
    partnershipKind: pick(
      ['cooperation-agreement', 'twinning', 'exchange-programme', 'one-off-cooperation'],
      rnd,
    ),
    partnershipState: pick(['planned', 'active', 'ended'], rnd),
    ...dates(rnd),
    location: location(rnd),
    country: pick(countries, rnd).documentId,
    themes: some(themes, rnd, 3).map((ref) => ref.documentId),
    associations: some(associations, rnd, 2).map((ref) => ref.documentId),
  }));
  const partnerships = await all('api::partnership.partnership');

  await fill('api::delegation.delegation', size.delegations, (index, rnd) => ({
    title: title(rnd, index),
    slug: `delegation-bench-${index}`,
    direction: pick(['outgoing', 'incoming'], rnd),
    ...dates(rnd),
    place: location(rnd),
    members: Array.from({ length: 1 + Math.floor(rnd() * 4) }, () => ({
      name: words(rnd, 2),
      role: words(rnd, 3),
    })),
    purpose: words(rnd, 30),
    report: words(rnd, 100),
    partnership: pick(partnerships, rnd).documentId,
    country: pick(countries, rnd).documentId,
    themes: some(themes, rnd, 3).map((ref) => ref.documentId),
  }));
  await fill('api::action.action', size.actions, (index, rnd) => ({
    title: title(rnd, index),
    slug: `action-bench-${index}`,
    summary: words(rnd, 25),
    description: words(rnd, 100),
    actionType: pick(
      [
        'material-donation',
        'training',
        'programme-adaptation',
        'cultural-exchange',
        'hosting',
        'event',
        'study-visit',
        'other',
      ],
      rnd,
    ),
    ...dates(rnd),
    quantity: rnd() < 0.2 ? { amount: Math.floor(rnd() * 1000), unit: 'kg' } : null,
    beneficiaries: words(rnd, 4),
    partnership: pick(partnerships, rnd).documentId,
    associations: some(associations, rnd, 2).map((ref) => ref.documentId),
    schools: rnd() < 0.3 ? some(schools, rnd, 2).map((ref) => ref.documentId) : [],
    country: pick(countries, rnd).documentId,
    themes: some(themes, rnd, 3).map((ref) => ref.documentId),
  }));
  await fill('api::school-exchange.school-exchange', size.schoolExchanges, (index, rnd) => ({
    title: title(rnd, index),
    slug: `echange-bench-${index}`,
    school: pick(schools, rnd).documentId,
    partnerSchool: `École ${words(rnd, 2)}`,
    partnerCity: pick(WORDS, rnd),
    country: pick(countries, rnd).documentId,
    exchangeType: pick(['correspondence', 'trip-abroad', 'hosting', 'joint-project'], rnd),
    ...dates(rnd),
    pupilCount: 5 + Math.floor(rnd() * 40),
    description: words(rnd, 80),
    location: location(rnd),
    partnership: pick(partnerships, rnd).documentId,
    themes: some(themes, rnd, 2).map((ref) => ref.documentId),
  }));
};

/** The types that large multiplies, and the slug prefix of their generated entries. */
const MULTIPLIED: Array<[UID.ContentType, string]> = [
  ['api::delegation.delegation', 'delegation-bench-'],
  ['api::action.action', 'action-bench-'],
  ['api::school-exchange.school-exchange', 'echange-bench-'],
];

/**
 * PostgreSQL only: copies the generated entries of `uid` (both their draft and published rows)
 * `copies` times, in one transaction per copy, with every row that refers to them — relation rows
 * (any table with a foreign key to the type's table) and components (their rows and the link rows)
 * — ids shifted by copy × 10,000,000, documentIds and slugs suffixed. Thirty thousand entries take
 * seconds this way, half an hour through the Document Service.
 */
const copy = async (
  strapi: Core.Strapi,
  uid: UID.ContentType,
  prefix: string,
  copies: number,
): Promise<number> => {
  const knex = strapi.db.connection;
  const table = strapi.db.metadata.get(uid).tableName;
  const columnsOf = async (name: string): Promise<string[]> =>
    (
      await knex.raw<{ rows: Array<{ column_name: string }> }>(
        'SELECT column_name FROM information_schema.columns WHERE table_name = ? ORDER BY ordinal_position',
        [name],
      )
    ).rows.map((row) => row.column_name);
  const quote = (name: string): string => `"${name}"`;
  const referring = (
    await knex.raw<{ rows: Array<{ table_name: string; column_name: string }> }>(
      `SELECT kcu.table_name, kcu.column_name
         FROM information_schema.table_constraints tc
         JOIN information_schema.key_column_usage kcu ON kcu.constraint_name = tc.constraint_name
         JOIN information_schema.constraint_column_usage ccu ON ccu.constraint_name = tc.constraint_name
        WHERE tc.constraint_type = 'FOREIGN KEY' AND ccu.table_name = ? AND kcu.table_name <> ?`,
      [table, table],
    )
  ).rows;
  const components = `${table}_cmps`;
  const componentTables = new Map(
    Object.keys(strapi.components).map((key) => [
      key,
      strapi.db.metadata.get(key as UID.Component).tableName,
    ]),
  );
  let created = 0;
  for (let k = 1; k <= copies; k += 1) {
    const shift = k * 10_000_000;
    await knex.transaction(async (trx) => {
      const source = `SELECT id FROM ${quote(table)} WHERE slug LIKE '${prefix}%' AND id < 10000000`;
      const columns = await columnsOf(table);
      const values = columns.map((column) => {
        if (column === 'id') return `id + ${shift}`;
        if (column === 'document_id') return `document_id || 'x${k}'`;
        if (column === 'slug') return `slug || '-${k}'`;
        return quote(column);
      });
      const inserted = await trx.raw<{ rowCount: number }>(
        `INSERT INTO ${quote(table)} (${columns.map(quote).join(', ')})
         SELECT ${values.join(', ')} FROM ${quote(table)} WHERE id IN (${source})`,
      );
      created += inserted.rowCount;
      // Components: their rows, then the link rows (entity and component ids shifted alike).
      const types = (
        await trx.raw<{ rows: Array<{ component_type: string }> }>(
          `SELECT DISTINCT component_type FROM ${quote(components)} WHERE entity_id IN (${source})`,
        )
      ).rows.map((row) => row.component_type);
      for (const type of types) {
        const componentTable = componentTables.get(type);
        if (!componentTable) throw new Error(`no table for the component ${type}`);
        const componentColumns = await columnsOf(componentTable);
        await trx.raw(
          `INSERT INTO ${quote(componentTable)} (${componentColumns.map(quote).join(', ')})
           SELECT ${componentColumns.map((column) => (column === 'id' ? `id + ${shift}` : quote(column))).join(', ')}
             FROM ${quote(componentTable)}
            WHERE id IN (SELECT cmp_id FROM ${quote(components)} WHERE component_type = ? AND entity_id IN (${source}))`,
          [type],
        );
      }
      for (const { table_name: name, column_name: column } of referring) {
        const linkColumns = (await columnsOf(name)).filter((each) => each !== 'id');
        const linkValues = linkColumns.map((each) => {
          if (each === column) return `${quote(each)} + ${shift}`;
          if (name === components && each === 'cmp_id') return `cmp_id + ${shift}`;
          return quote(each);
        });
        await trx.raw(
          `INSERT INTO ${quote(name)} (${linkColumns.map(quote).join(', ')})
           SELECT ${linkValues.join(', ')} FROM ${quote(name)} WHERE ${quote(column)} IN (${source})`,
        );
      }
    });
  }
  // The sequences go on after the copies.
  for (const name of [table, ...componentTables.values()]) {
    await knex.raw(
      `SELECT setval(pg_get_serial_sequence(?, 'id'), (SELECT COALESCE(MAX(id), 1) FROM ${quote(name)}))`,
      [name],
    );
  }
  return created;
};

const main = async (): Promise<void> => {
  const name = process.argv[2] as keyof typeof SIZES;
  const size = SIZES[name] as Size | undefined;
  if (!size) throw new Error(`usage: generate.ts ${Object.keys(SIZES).join('|')}`);
  process.env.SEED_ON_START = 'false';
  const appDir = process.cwd();
  const app = await createStrapi({ appDir, distDir: path.join(appDir, 'dist') }).load();
  try {
    const log = (line: string): void => {
      console.log(`[generate ${name}] ${line}`);
    };
    if (name === 'large') {
      await generate(app, SIZES.medium, log);
      for (const [uid, prefix] of MULTIPLIED) {
        const started = Date.now();
        const existing = await app.documents(uid).count({ locale: 'fr' });
        const generated = await app
          .documents(uid)
          .count({ locale: 'fr', filters: runtimeFilters({ slug: { $startsWith: prefix } }) });
        const copies = Math.round((existing * 10 - existing) / Math.max(1, generated));
        if (existing >= 5 * generated) {
          log(`${uid}: already multiplied (${existing})`);
          continue;
        }
        const rows = await copy(app, uid, prefix, copies);
        log(`${uid}: ${rows} rows copied in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      }
    } else {
      await generate(app, size, log);
    }
    // What autovacuum does on a live database, at once: the planner's statistics and the visibility
    // map of the new rows (this machine's PostgreSQL runs with autovacuum off; without them every
    // plan is made on default estimates, and counts cannot use index-only scans).
    if (app.db.dialect.client === 'postgres') {
      const started = Date.now();
      await app.db.connection.raw('VACUUM ANALYZE');
      log(`VACUUM ANALYZE in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    }
  } finally {
    await app.destroy();
  }
};

if (require.main === module) {
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
