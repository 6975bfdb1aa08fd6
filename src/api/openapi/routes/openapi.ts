/** The OpenAPI 3.1 description of the content API, public. */
export default {
  type: 'content-api',
  routes: [
    {
      method: 'GET' as const,
      path: '/openapi.json',
      handler: 'api::openapi.openapi.document',
      config: { auth: false as const },
    },
  ],
};
