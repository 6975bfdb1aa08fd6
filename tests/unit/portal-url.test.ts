import { portalUrl } from '../../src/submissions/mail';

describe('where the invitation and reset e-mails link', () => {
  const saved = process.env.ASSOCIATION_PORTAL_URL;
  const globals = globalThis as { strapi?: unknown };
  afterEach(() => {
    if (saved === undefined) delete process.env.ASSOCIATION_PORTAL_URL;
    else process.env.ASSOCIATION_PORTAL_URL = saved;
    delete globals.strapi;
  });

  it("is this server's /portail unless ASSOCIATION_PORTAL_URL says otherwise", () => {
    globals.strapi = {
      config: {
        get: (key: string) => (key === 'server.absoluteUrl' ? 'https://cms.example.org' : undefined),
      },
    };
    delete process.env.ASSOCIATION_PORTAL_URL;
    expect(portalUrl()).toBe('https://cms.example.org/portail');
    process.env.ASSOCIATION_PORTAL_URL = '';
    expect(portalUrl()).toBe('https://cms.example.org/portail');
    process.env.ASSOCIATION_PORTAL_URL = 'https://associations.example.org/';
    expect(portalUrl()).toBe('https://associations.example.org');
  });
});
