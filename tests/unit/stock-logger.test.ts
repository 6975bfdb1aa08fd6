import type { Core } from '@strapi/strapi';
import { lightenStockMiddlewares } from '../../src/platform/stock-middlewares';
import type { Context, Next } from '../../src/http/request-state';

type Handler = (ctx: Context, next: Next) => Promise<void>;
type Factory = (config: Record<string, unknown>, deps: { strapi: Core.Strapi }) => Handler;

/** Strapi's `strapi::logger` as lightenStockMiddlewares leaves it, with the log levels given. */
const loggerWith = (enabled: (level: string) => boolean) => {
  const extensions = new Map<string, (factory: Factory) => Factory>();
  const strapi = {
    get: () => ({
      extend: (uid: string, extend: (factory: Factory) => Factory) => extensions.set(uid, extend),
    }),
    log: { isLevelEnabled: enabled },
    config: { get: () => '/admin' },
    plugin: () => undefined,
  } as unknown as Core.Strapi;
  lightenStockMiddlewares(strapi);
  const lines: string[] = [];
  const stock: Handler = async (ctx, next) => {
    await next();
    lines.push(`${ctx.method} ${ctx.url} ${ctx.status}`);
  };
  const extend = extensions.get('strapi::logger');
  if (!extend) throw new Error('strapi::logger is not extended');
  const handler = extend(() => stock)({}, { strapi });
  return { handler, stock, lines };
};

describe("Strapi's request log line (strapi::logger)", () => {
  it('is Strapi’s own middleware when the `http` level is logged (LOG_LEVEL=http, the default)', () => {
    const { handler, stock } = loggerWith(
      (level) => level !== 'verbose' && level !== 'debug' && level !== 'silly',
    );
    expect(handler).toBe(stock);
  });

  it('is not run when the level drops it (LOG_LEVEL=warn), and the request still goes on', async () => {
    const { handler, lines } = loggerWith((level) => level === 'error' || level === 'warn');
    const ctx = { method: 'GET', url: '/api/themes', status: 200 } as unknown as Context;
    let reached = false;
    await handler(ctx, () => {
      reached = true;
      return Promise.resolve();
    });
    expect(reached).toBe(true);
    expect(lines).toEqual([]);
  });
});
