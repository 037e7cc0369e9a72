import fp from 'fastify-plugin';
import { serviceUnavailable } from '../http/errors.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /**
     * Stops the instance the way a load balancer expects: from now on every new request is
     * answered 503 with `Connection: close` and Retry-After (and `/ready` says so), the requests
     * already in flight finish, then the server closes. Resolves once closed.
     */
    shutdown(options?: { graceMs?: number }): Promise<void>;
  }
}

/**
 * Graceful shutdown in two steps. Closing the listener at once would drop requests that arrive in
 * the moment after SIGTERM with no answer at all; answering them 503 tells a client (the survey
 * page retries on 503) and a load balancer to go elsewhere, while in-flight requests finish.
 */
export const shutdownPlugin = fp(
  async (app) => {
    let draining = false;
    let inFlight = 0;
    let idle: (() => void) | null = null;
    const counted = new WeakSet<object>();

    app.addHook('onRequest', async (request, reply) => {
      if (draining) {
        // Answered here, whatever the route's own 503 looks like: /ready in its own shape (load
        // balancers read its status), everything else as the API's error body.
        const body =
          request.routeOptions.url === '/ready'
            ? { status: 'unavailable', database: app.dialect, reason: 'shutting down' }
            : serviceUnavailable('service.restarting').toBody();
        return reply
          .code(503)
          .header('connection', 'close')
          .header('retry-after', '5')
          .type('application/json; charset=utf-8')
          .serializer(JSON.stringify)
          .send(body);
      }
      inFlight += 1;
      counted.add(request);
    });
    const done = async (request: object) => {
      if (!counted.has(request)) return;
      counted.delete(request);
      inFlight -= 1;
      if (inFlight === 0) idle?.();
    };
    app.addHook('onResponse', done);
    app.addHook('onRequestAbort', done);

    let closing: Promise<void> | null = null;
    app.decorate('shutdown', (options: { graceMs?: number } = {}) => {
      closing ??= (async () => {
        draining = true;
        if (inFlight > 0) {
          const finished = new Promise<void>((resolve) => {
            idle = resolve;
          });
          const grace = new Promise<void>((resolve) =>
            setTimeout(resolve, options.graceMs ?? 10_000).unref(),
          );
          await Promise.race([finished, grace]);
        }
        await app.close();
      })();
      return closing;
    });
  },
  { name: 'shutdown', dependencies: ['database'] },
);
