import { anonymous, dataOf, type Entry } from '../helpers/client';

const bySlug = async (plural: string, slug: string, populate = '*'): Promise<Entry> => {
  const response = await anonymous().get(
    `/api/${plural}?filters[slug][$eq]=${encodeURIComponent(slug)}&populate=${populate}`,
  );
  expect(response.status).toBe(200);
  const entries = dataOf<Entry[]>(response);
  expect(entries).toHaveLength(1);
  return entries[0];
};

const slugs = (value: unknown): string[] =>
  ((value as Entry[] | null) ?? []).map((entry) => entry.slug as string).sort();
const slugOf = (value: unknown): string | undefined => (value as Entry | null)?.slug as string | undefined;

describe('the seed holds every fact of the source text', () => {
  it('GET /api/partnerships?populate=* lists the three partnerships with their relations', async () => {
    const response = await anonymous().get('/api/partnerships?populate=*');
    expect(response.status).toBe(200);
    const partnerships = dataOf<Entry[]>(response);
    expect(partnerships.map((p) => p.slug).sort()).toEqual([
      'gabon-estuaire',
      'norvege-jeunesse',
      'quebec-education',
    ]);
    const gabon = partnerships.find((p) => p.slug === 'gabon-estuaire') as Entry;
    expect(slugOf(gabon.country)).toBe('gabon');
    expect(slugs(gabon.delegations)).toEqual([
      'delegation-gabon-2010',
      'delegation-gabonaise-komo-mondah-2011',
    ]);
    expect(slugs(gabon.actions)).toEqual(['echanges-culturels-gabon', 'materiel-socio-educatif-gabon']);
    expect(slugs(gabon.schoolExchanges)).toEqual([
      'correspondance-college-paul-fort-gabon',
      'correspondance-ecole-paul-bert-gabon',
    ]);
  });

  it('the Québec partnership is about education, the Norway one about youth', async () => {
    const quebec = await bySlug('partnerships', 'quebec-education');
    expect(quebec.partnerName).toBe('Québec');
    expect(slugOf(quebec.country)).toBe('canada');
    expect(slugs(quebec.themes)).toEqual(['education']);
    const norway = await bySlug('partnerships', 'norvege-jeunesse');
    expect(slugOf(norway.country)).toBe('norvege');
    expect(slugs(norway.themes)).toEqual(['jeunesse']);
  });

  it('the Gabon partnership is with the Estuaire province, on its six themes, under a convention', async () => {
    const gabon = await bySlug('partnerships', 'gabon-estuaire');
    expect(gabon.partnerName).toBe("Province de l'Estuaire");
    expect(gabon.partnerLevel).toBe('province-region');
    expect(gabon.partnershipKind).toBe('cooperation-agreement');
    expect(slugs(gabon.themes)).toEqual(
      [
        'education',
        'environnement',
        'formation-des-jeunes',
        'infrastructures',
        'perfectionnement-professionnel',
        'sante',
      ].sort(),
    );
  });

  it('two outgoing delegations went to Québec and to Gabon in 2010', async () => {
    const response = await anonymous().get(
      '/api/delegations?filters[direction][$eq]=outgoing&populate=country',
    );
    const outgoing = dataOf<Entry[]>(response);
    expect(outgoing).toHaveLength(2);
    expect(outgoing.every((d) => d.startDate === '2010')).toBe(true);
    expect(outgoing.map((d) => slugOf(d.country)).sort()).toEqual(['canada', 'gabon']);
  });

  it('the Komo-Mondah delegation is incoming, in May 2011, led by the President of the departmental council, linked to the Gabon partnership', async () => {
    const delegation = await bySlug('delegations', 'delegation-gabonaise-komo-mondah-2011');
    expect(delegation.direction).toBe('incoming');
    expect(delegation.startDate).toBe('2011-05');
    expect(slugOf(delegation.partnership)).toBe('gabon-estuaire');
    expect(slugOf(delegation.country)).toBe('gabon');
    const members = delegation.members as Array<{ name: string | null; role: string }>;
    expect(members).toHaveLength(1);
    expect(members[0].name).toBeNull();
    expect(members[0].role).toMatch(/Présidente du Conseil départemental du Komo-Mondah/);
  });

  it('one tonne of socio-educational material went to schools and early-childhood structures', async () => {
    const action = await bySlug('actions', 'materiel-socio-educatif-gabon');
    expect(action.actionType).toBe('material-donation');
    expect(action.quantity).toMatchObject({ amount: 1, unit: 'tonne' });
    expect(action.beneficiaries).toMatch(/écoles.*Petite Enfance/i);
    expect(slugOf(action.partnership)).toBe('gabon-estuaire');
  });

  it('"Alternative suspension" is adapted with the YMCA du Québec and the collèges Paul Fort and Jean Lurçat', async () => {
    const action = await bySlug('actions', 'alternative-suspension');
    expect(action.actionType).toBe('programme-adaptation');
    expect(action.partnerOrganisations).toMatch(/YMCA du Québec/);
    expect(slugs(action.schools)).toEqual(['college-jean-lurcat', 'college-paul-fort']);
    expect(slugOf(action.partnership)).toBe('quebec-education');
  });

  it('the school exchanges: Jules Ferry, Paul Bert and Paul Fort with Gabonese pupils, Kristiansund, Jackson (Michigan)', async () => {
    const response = await anonymous().get('/api/school-exchanges?populate=*&sort=slug');
    const exchanges = dataOf<Entry[]>(response);
    expect(exchanges.map((e) => e.slug)).toEqual([
      'correspondance-college-paul-fort-gabon',
      'correspondance-ecole-paul-bert-gabon',
      'echanges-scolaires-ecole-jules-ferry',
      'voyage-jackson-michigan',
      'voyage-kristiansund',
    ]);
    const find = (slug: string) => exchanges.find((e) => e.slug === slug) as Entry;
    expect(slugOf(find('correspondance-ecole-paul-bert-gabon').school)).toBe('ecole-paul-bert');
    expect(find('correspondance-ecole-paul-bert-gabon').exchangeType).toBe('correspondence');
    expect(slugOf(find('correspondance-college-paul-fort-gabon').school)).toBe('college-paul-fort');
    expect(slugOf(find('echanges-scolaires-ecole-jules-ferry').school)).toBe('ecole-jules-ferry');
    expect(find('voyage-kristiansund')).toMatchObject({
      partnerCity: 'Kristiansund',
      exchangeType: 'trip-abroad',
    });
    expect(slugOf(find('voyage-kristiansund').country)).toBe('norvege');
    expect(find('voyage-jackson-michigan').partnerCity).toBe('Jackson (Michigan)');
    expect(slugOf(find('voyage-jackson-michigan').country)).toBe('etats-unis');
  });

  it('countries carry their ISO code and continent', async () => {
    const response = await anonymous().get('/api/countries?sort=isoCode');
    const countries = dataOf<Entry[]>(response);
    expect(countries.map((c) => [c.isoCode, c.continent])).toEqual([
      ['CA', 'americas'],
      ['GA', 'africa'],
      ['NO', 'europe'],
      ['US', 'americas'],
    ]);
  });

  it('the schools are the four the text names, in Courcouronnes', async () => {
    const response = await anonymous().get('/api/schools?sort=slug');
    const schools = dataOf<Entry[]>(response);
    expect(schools.map((s) => s.name)).toEqual([
      'Collège Jean Lurçat',
      'Collège Paul Fort',
      'École Jules Ferry',
      'École Paul Bert',
    ]);
    expect(schools.every((s) => s.town === 'Courcouronnes')).toBe(true);
  });

  it('the Mission: created in June 2011, attached to the Direction de la Politique Éducative, education and environment, its networks', async () => {
    const response = await anonymous().get('/api/mission?populate=*');
    expect(response.status).toBe(200);
    const mission = dataOf(response);
    expect(mission).toMatchObject({
      name: 'Mission des relations extérieures',
      creationDate: '2011-06',
      attachedTo: 'Direction de la Politique Éducative',
      localAssociationCount: 9,
    });
    expect(slugs(mission.priorityThemes)).toEqual(['education', 'environnement']);
    expect((mission.networks as Array<{ name: string }>).map((n) => n.name)).toEqual([
      'Cités Unies France',
      'Atlas français de la coopération décentralisée',
    ]);
  });

  it('invents no association: the text names none of the nine', async () => {
    const response = await anonymous().get('/api/associations?filters[$not][slug][$startsWith]=test-');
    expect(response.status).toBe(200);
    expect(dataOf<Entry[]>(response)).toEqual([]);
  });

  it('French is the default locale of every entry', async () => {
    const response = await anonymous().get('/api/partnerships');
    expect(dataOf<Entry[]>(response).every((p) => p.locale === 'fr')).toBe(true);
  });
});
