import type { IncomingMessage, ServerResponse } from 'node:http';
import fp from 'fastify-plugin';
import helmet, { type HelmetOptions } from 'helmet';

/** What every response says about how a browser may use it. */
export const helmetOptions = {
  contentSecurityPolicy: {
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'"],
      imgSrc: ["'self'", 'data:'],
      connectSrc: ["'self'"],
      fontSrc: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
      // Not helmet's default `upgrade-insecure-requests`: served over plain HTTP on an office
      // network (a first try on a laptop), it sent the page's own script and calls to https://,
      // where nothing answers, and the survey stayed blank. Over HTTPS every source is 'self'
      // already, so it protected nothing.
      upgradeInsecureRequests: null,
    },
  },
  // No referrer: a participation link must never leak to another site.
  referrerPolicy: { policy: 'no-referrer' },
  crossOriginEmbedderPolicy: false,
} as const satisfies HelmetOptions;

/** One header as helmet writes it: its name in helmet's spelling, and its value. */
export type SecurityHeader = readonly [name: string, value: string];

/**
 * The headers helmet sets for these options, found by running helmet once against a response
 * that records what it is told. Helmet's headers depend on nothing in the request unless a CSP
 * directive is a function (a nonce), so one run gives what every run would; such a directive, or
 * anything else helmet did beyond setting headers and removing X-Powered-By (which Fastify never
 * sends), would make the copy wrong, so it stops start-up instead.
 */
export function securityHeaders(options: HelmetOptions): SecurityHeader[] {
  const directives = typeof options.contentSecurityPolicy === 'object' ? options.contentSecurityPolicy : {};
  for (const [name, value] of Object.entries(directives.directives ?? {}))
    if (typeof value === 'function' || (Array.isArray(value) && value.some((v) => typeof v === 'function')))
      throw new Error(`CSP directive ${name} is computed per request; its headers cannot be set once`);

  const headers: SecurityHeader[] = [];
  const recorder = {
    setHeader(name: string, value: unknown) {
      if (typeof value !== 'string') throw new Error(`helmet set ${name} to a non-string value`);
      const at = headers.findIndex(([known]) => known.toLowerCase() === name.toLowerCase());
      if (at === -1) headers.push([name, value]);
      else headers[at] = [name, value];
    },
    removeHeader(name: string) {
      if (name.toLowerCase() !== 'x-powered-by') throw new Error(`helmet removed ${name}`);
    },
  };
  let finished = false;
  helmet(options)({} as IncomingMessage, recorder as unknown as ServerResponse, (error?: unknown) => {
    if (error) throw error;
    finished = true;
  });
  if (!finished) throw new Error('helmet did not finish synchronously');
  return headers;
}

/**
 * Sets helmet's headers, computed once at start-up, on every response that passes the request
 * hooks (the same ones @fastify/helmet reached from the same place in the plugin order).
 * @fastify/helmet rebuilds its twelve middlewares and re-parses the CSP on every request: about
 * a ninth of the CPU time of a survey submission, for headers that never change.
 *
 * Set on the raw response under helmet's own names, as helmet does, so the bytes on the wire are
 * the same as before (tests/server/plugins/security-headers.test.ts compares them with
 * @fastify/helmet's, route by route). A route's own onSend may still replace one, as the API
 * docs do with their CSP.
 */
export const securityHeadersPlugin = fp<{ options: HelmetOptions }>(
  async (app, { options }) => {
    const headers = securityHeaders(options);
    // Per-route helmet settings were @fastify/helmet's; refuse them rather than ignore them.
    app.addHook('onRoute', (route) => {
      const declared = route as { helmet?: unknown; config?: { helmet?: unknown } };
      if (declared.helmet !== undefined || declared.config?.helmet !== undefined)
        throw new Error(
          `Route ${route.method} ${route.url} sets helmet options; security headers are global`,
        );
    });
    app.addHook('onRequest', (_request, reply, done) => {
      const response = reply.raw;
      for (const [name, value] of headers) response.setHeader(name, value);
      done();
    });
  },
  { name: 'security-headers' },
);
