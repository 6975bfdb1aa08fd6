import type { Core } from '@strapi/strapi';

const graceMs = (): number => {
  const value = Number(process.env.SHUTDOWN_GRACE_MS);
  return Number.isFinite(value) && value >= 0 ? value : 10_000;
};

/** Requests being answered, per HTTP server. */
const inFlight = new WeakMap<object, { count: number }>();

/** Counts the requests being answered (from their arrival to the end of their response). */
export const trackRequests = (strapi: Core.Strapi): void => {
  const server = strapi.server.httpServer;
  if (inFlight.has(server)) return;
  const state = { count: 0 };
  inFlight.set(server, state);
  server.on('request', (_request, response) => {
    state.count += 1;
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      state.count -= 1;
    };
    response.on('finish', finish);
    response.on('close', finish);
  });
};

/**
 * First step of a graceful stop (SIGTERM): stop accepting connections, close the idle keep-alive
 * ones, and let the requests being answered finish, for at most SHUTDOWN_GRACE_MS (10 s). Strapi
 * itself would cut every open connection at once.
 */
export const drainRequests = async (strapi: Core.Strapi): Promise<void> => {
  const server = strapi.server.httpServer;
  if (server.listening) server.close();
  server.closeIdleConnections();
  const state = inFlight.get(server) ?? { count: 0 };
  const deadline = Date.now() + graceMs();
  while (state.count > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    server.closeIdleConnections();
  }
  if (state.count > 0)
    strapi.log.warn(`[shutdown] ${state.count} request(s) still running after ${graceMs()} ms`);
};
