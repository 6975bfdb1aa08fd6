/** The logged-in association account's own space. */
export default {
  type: 'content-api',
  routes: [
    { method: 'GET' as const, path: '/me/association', handler: 'api::me.me.association', config: {} },
    { method: 'PUT' as const, path: '/me/association', handler: 'api::me.me.updateAssociation', config: {} },
    { method: 'GET' as const, path: '/me/submissions', handler: 'api::me.me.submissions', config: {} },
    {
      method: 'GET' as const,
      path: '/me/submissions/:type/:documentId',
      handler: 'api::me.me.submission',
      config: {},
    },
  ],
};
