import type { Core } from '@strapi/strapi';
import { createCB } from 'xmlbuilder2';
import type { XMLBuilderCB } from 'xmlbuilder2/lib/interfaces';
import { centsToDecimal } from '../../../validation/money';
import { daysInMonth, parsePartialDate } from '../../../validation/partial-dates';
import { cityIdentity, MissionIncomplete, pages } from './public-money';

/**
 * The IATI 2.03 activity file (`GET /api/exports/iati-activities.xml`): one activity per published
 * partnership (hierarchy 1) with its actions as child activities (hierarchy 2, `related-activity`);
 * an action outside any partnership is an activity of its own. Built with xmlbuilder2's callback
 * writer, one activity at a time, so the file is written as it is read.
 */

const PARTNERSHIP = 'api::partnership.partnership';
const ACTION = 'api::action.action';

/** IATI OrganisationType 11: local government (the city); 22: national NGO (its associations). */
const LOCAL_GOVERNMENT = '11';
const NATIONAL_NGO = '22';

/** IATI OrganisationRole: 1 funding, 4 implementing. */
const ROLE = { funding: '1', implementing: '4' } as const;

interface Theme {
  slug: string;
  name: string;
  dacSectorCode: string | null;
}

interface Funding {
  title: string;
  fiscalYear: number;
  amountCents: string;
  flow: 'commitment' | 'disbursement';
  agreementDate: string | null;
  paymentStart: string | null;
  action?: { documentId: string } | null;
  beneficiary: { name: string } | null;
}

interface Activity {
  documentId: string;
  slug: string;
  title: string;
  summary: string | null;
  startDate: string | null;
  endDate: string | null;
  createdAt: string;
  updatedAt: string;
  partnershipState?: 'planned' | 'active' | 'ended';
  partnerName?: string;
  country: { isoCode: string } | null;
  themes: Theme[];
  associations: Array<{ name: string }>;
  fundings: Funding[];
  actions?: Array<{ slug: string }>;
  partnership?: { slug: string } | null;
}

const day = (date: Date): string => date.toISOString().slice(0, 10);

/**
 * A date known to the year or the month, as IATI's full date: the first day for a start, the last
 * day for an end ("2010" starts on 2010-01-01 and ends on 2010-12-31; "2011-05" ends on 2011-05-31).
 */
export const fullDate = (value: string, side: 'start' | 'end'): string | null => {
  const parsed = parsePartialDate(value);
  if (!parsed) return null;
  const { year, month, day: dayOfMonth } = parsed;
  if (dayOfMonth !== undefined && month !== undefined) return value;
  if (side === 'start') return `${year}-${String(month ?? 1).padStart(2, '0')}-01`;
  const lastMonth = month ?? 12;
  const lastDay = daysInMonth(year, lastMonth);
  return `${year}-${String(lastMonth).padStart(2, '0')}-${String(lastDay).padStart(2, '0')}`;
};

/** Shares of 100 with two decimals, as equal as they can be, summing to exactly 100. */
const equalShares = (count: number): string[] => {
  const hundredths = 10000;
  const base = Math.floor(hundredths / count);
  return Array.from({ length: count }, (_, index) => {
    const share = base + (index < hundredths - base * count ? 1 : 0);
    return `${Math.floor(share / 100)}.${String(share % 100).padStart(2, '0')}`;
  });
};

interface Context {
  organisationId: string;
  cityName: string;
  base: string;
  today: string;
}

/**
 * Text XML 1.0 can hold: control characters (but tab and line breaks) and lone surrogates are
 * dropped (xmlbuilder2 escapes `&`, `<` and quotes, but passes these through).
 */
export const xmlText = (text: string): string =>
  text.replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '');

/** Writes `text` as a French narrative, and the English one where there is a translation. */
const narratives = (xml: XMLBuilderCB, french: string, english: string | null | undefined): void => {
  xml.ele('narrative').txt(xmlText(french)).up();
  if (english && english !== french) xml.ele('narrative', { 'xml:lang': 'en' }).txt(xmlText(english)).up();
};

/** The activity status (IATI ActivityStatus): 1 pipeline, 2 implementation, 4 closed. */
const statusOf = (
  activity: Activity,
  dates: { start: string | null; end: string | null },
  today: string,
): string => {
  if (activity.partnershipState === 'planned') return '1';
  if (activity.partnershipState === 'ended') return '4';
  if (activity.partnershipState === 'active') return '2';
  if (dates.start && dates.start > today) return '1';
  if (dates.end && dates.end < today) return '4';
  return '2';
};

const writeActivity = (
  xml: XMLBuilderCB,
  context: Context,
  activity: Activity,
  kind: 'partnership' | 'action',
  english: { title?: string; summary?: string | null } | undefined,
): void => {
  const identifier = (type: 'partnership' | 'action', slug: string): string =>
    `${context.organisationId}-${type === 'partnership' ? 'partenariat' : 'action'}-${slug}`;
  const parent = kind === 'action' ? activity.partnership : null;
  xml.ele('iati-activity', {
    'last-updated-datetime': new Date(activity.updatedAt).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    'xml:lang': 'fr',
    'default-currency': 'EUR',
    hierarchy: parent ? '2' : '1',
  });
  xml.ele('iati-identifier').txt(identifier(kind, activity.slug)).up();
  xml.ele('reporting-org', { ref: context.organisationId, type: LOCAL_GOVERNMENT });
  narratives(xml, context.cityName, null);
  xml.up();
  xml.ele('title');
  narratives(xml, activity.title, english?.title);
  xml.up();
  xml.ele('description', { type: '1' });
  narratives(xml, activity.summary ?? activity.title, english?.summary ?? english?.title);
  xml.up();

  xml.ele('participating-org', { ref: context.organisationId, role: ROLE.funding, type: LOCAL_GOVERNMENT });
  narratives(xml, context.cityName, null);
  xml.up();
  if (activity.partnerName) {
    xml.ele('participating-org', { role: ROLE.implementing });
    narratives(xml, activity.partnerName, null);
    xml.up();
  }
  for (const association of activity.associations) {
    xml.ele('participating-org', { role: ROLE.implementing, type: NATIONAL_NGO });
    narratives(xml, association.name, null);
    xml.up();
  }

  const start = activity.startDate ? fullDate(activity.startDate, 'start') : null;
  const end = activity.endDate ? fullDate(activity.endDate, 'end') : null;
  xml.ele('activity-status', { code: statusOf(activity, { start, end }, context.today) }).up();
  if (start) {
    xml.ele('activity-date', { type: start <= context.today ? '2' : '1', 'iso-date': start }).up();
  } else {
    // No start date is known (the source gives none): the day the entry was recorded, as planned.
    xml.ele('activity-date', { type: '1', 'iso-date': day(new Date(activity.createdAt)) }).up();
  }
  if (end) xml.ele('activity-date', { type: end <= context.today ? '4' : '3', 'iso-date': end }).up();

  if (activity.country)
    xml.ele('recipient-country', { code: activity.country.isoCode, percentage: '100' }).up();

  // Sectors: the OECD DAC code where the theme has one (vocabulary 1), otherwise the city's own
  // vocabulary (99) with the theme's address; percentages sum to 100 within each vocabulary.
  const dac = activity.themes.filter((theme) => theme.dacSectorCode);
  const own = activity.themes.filter((theme) => !theme.dacSectorCode);
  equalShares(dac.length).forEach((percentage, index) => {
    xml.ele('sector', { vocabulary: '1', code: dac[index].dacSectorCode ?? '', percentage }).up();
  });
  equalShares(own.length).forEach((percentage, index) => {
    xml.ele('sector', {
      vocabulary: '99',
      'vocabulary-uri': `${context.base}/api/themes/slug/${own[index].slug}`,
      code: own[index].slug,
      percentage,
    });
    narratives(xml, own[index].name, null);
    xml.up();
  });

  // The lines of this activity (a partnership's own lines are those not given to one of its actions).
  const fundings = activity.fundings.filter((funding) => kind === 'action' || !funding.action);
  const committed = new Map<number, bigint>();
  for (const funding of fundings) {
    if (funding.flow !== 'commitment') continue;
    committed.set(
      funding.fiscalYear,
      (committed.get(funding.fiscalYear) ?? 0n) + BigInt(funding.amountCents),
    );
  }
  for (const [year, cents] of [...committed.entries()].sort(([a], [b]) => a - b)) {
    xml.ele('budget', { type: '1', status: '2' });
    xml.ele('period-start', { 'iso-date': `${year}-01-01` }).up();
    xml.ele('period-end', { 'iso-date': `${year}-12-31` }).up();
    xml
      .ele('value', { currency: 'EUR', 'value-date': `${year}-01-01` })
      .txt(centsToDecimal(cents))
      .up();
    xml.up();
  }
  for (const funding of fundings) {
    const date = funding.paymentStart ?? funding.agreementDate ?? `${funding.fiscalYear}-12-31`;
    xml.ele('transaction');
    // IATI TransactionType: 2 outgoing commitment, 3 disbursement.
    xml.ele('transaction-type', { code: funding.flow === 'commitment' ? '2' : '3' }).up();
    xml.ele('transaction-date', { 'iso-date': date }).up();
    xml
      .ele('value', { currency: 'EUR', 'value-date': date })
      .txt(centsToDecimal(BigInt(funding.amountCents)))
      .up();
    xml.ele('description');
    narratives(xml, funding.title, null);
    xml.up();
    xml.ele('provider-org', { ref: context.organisationId, type: LOCAL_GOVERNMENT });
    narratives(xml, context.cityName, null);
    xml.up();
    if (funding.beneficiary) {
      xml.ele('receiver-org', { type: NATIONAL_NGO });
      narratives(xml, funding.beneficiary.name, null);
      xml.up();
    }
    xml.up();
  }

  // IATI RelatedActivityType: 1 parent, 2 child.
  if (parent) xml.ele('related-activity', { ref: identifier('partnership', parent.slug), type: '1' }).up();
  for (const child of activity.actions ?? []) {
    xml.ele('related-activity', { ref: identifier('action', child.slug), type: '2' }).up();
  }
  xml.up();
};

const FUNDING_FIELDS = ['title', 'fiscalYear', 'amountCents', 'flow', 'agreementDate', 'paymentStart'];

const populateOf = (kind: 'partnership' | 'action') => ({
  country: { fields: ['isoCode'] },
  themes: { fields: ['slug', 'name', 'dacSectorCode'] },
  associations: { fields: ['name'] },
  fundings: {
    fields: FUNDING_FIELDS,
    populate: {
      beneficiary: { fields: ['name'] },
      ...(kind === 'partnership' ? { action: { fields: ['documentId'] } } : {}),
    },
  },
  ...(kind === 'partnership' ? { actions: { fields: ['slug'] } } : { partnership: { fields: ['slug'] } }),
});

interface Translation {
  title?: string;
  summary?: string | null;
}

/** The English titles and summaries of `entries`, where they are translated and published. */
const translations = async (
  strapi: Core.Strapi,
  uid: typeof PARTNERSHIP | typeof ACTION,
  entries: Activity[],
): Promise<Map<string, { title?: string; summary?: string | null }>> => {
  if (entries.length === 0) return new Map();
  const english = (await strapi.documents(uid).findMany({
    locale: 'en',
    status: 'published',
    fields: ['title', 'summary'],
    filters: { documentId: { $in: entries.map((entry) => entry.documentId) } },
  })) as Array<{ documentId: string; title?: string; summary?: string | null }>;
  return new Map(english.map((entry) => [entry.documentId, entry]));
};

/** Reads a page of entries, with their English translations, for each page of `uid`. */
async function* activitiesOf(
  strapi: Core.Strapi,
  uid: typeof PARTNERSHIP | typeof ACTION,
): AsyncGenerator<readonly [Activity, Translation | undefined]> {
  const kind = uid === PARTNERSHIP ? 'partnership' : 'action';
  const fields = [
    'documentId',
    'slug',
    'title',
    'summary',
    'startDate',
    'endDate',
    'createdAt',
    'updatedAt',
    ...(kind === 'partnership' ? ['partnershipState', 'partnerName'] : []),
  ];
  let page: Activity[] = [];
  const flush = async function* () {
    const english = await translations(strapi, uid, page);
    for (const entry of page) yield [entry, english.get(entry.documentId)] as const;
    page = [];
  };
  for await (const entry of pages<Activity>(strapi, uid, {
    fields,
    sort: ['slug:asc', 'id:asc'],
    populate: populateOf(kind),
  })) {
    page.push(entry);
    if (page.length === 100) yield* flush();
  }
  yield* flush();
}

/**
 * The file, in pieces: the declaration and root element, each activity, the end. Throws
 * MissionIncomplete before anything is written when the Mission has no IATI
 * organisation identifier or official name.
 */
export const iatiActivities = async (strapi: Core.Strapi): Promise<AsyncGenerator<string>> => {
  const city = await cityIdentity(strapi);
  if (!city.iatiOrganisationId || !city.cityName) {
    throw new MissionIncomplete(
      "the Mission's IATI organisation identifier and official city name (Mission → Identifiant d’organisation IATI, Nom officiel de la collectivité) are needed to publish the IATI file",
    );
  }
  const now = new Date();
  const context: Context = {
    organisationId: city.iatiOrganisationId,
    cityName: city.cityName,
    base: strapi.config.get<string>('server.absoluteUrl', 'http://localhost:1337').replace(/\/$/, ''),
    today: day(now),
  };
  return (async function* file() {
    const chunks: string[] = [];
    const xml = createCB({
      data: (chunk: string) => chunks.push(chunk),
      prettyPrint: true,
    });
    const drain = (): string => chunks.splice(0).join('');
    xml.dec({ version: '1.0', encoding: 'UTF-8' });
    // No `generated-datetime`: the file is the same for every request of one content version (its ETag).
    xml.ele('iati-activities', { version: '2.03' });
    yield drain();
    for await (const [partnership, english] of activitiesOf(strapi, PARTNERSHIP)) {
      writeActivity(xml, context, partnership, 'partnership', english);
      yield drain();
    }
    for await (const [action, english] of activitiesOf(strapi, ACTION)) {
      writeActivity(xml, context, action, 'action', english);
      yield drain();
    }
    xml.up();
    xml.end();
    yield drain();
  })();
};
