import fp from 'fastify-plugin';
import type { Access } from '../http/access.ts';
import { HttpError } from '../http/errors.ts';

/** Routes added by libraries (docs UI, static files) are public by nature; everything else must say. */
const libraryRoutes = /^\/api\/docs(\/|$)/;

export function requiresDeclaration(url: string): boolean {
  return (url.startsWith('/api/') || url === '/api') && !libraryRoutes.test(url);
}

export type Authorizer = (
  access: Exclude<Access, { public: true }>,
  request: import('fastify').FastifyRequest,
) => Promise<void>;

declare module 'fastify' {
  interface FastifyInstance {
    /** Decides every non-public access declaration; the accounts layer installs the real one. */
    authorize: Authorizer;
  }
}

/**
 * The one place that decides who may call what. A route under /api without an `access`
 * declaration fails at start-up, and one that slipped past would be refused at request time.
 */
export const accessControlPlugin = fp(
  async (app) => {
    app.decorate<Authorizer>('authorize', async () => {
      throw new HttpError(401, 'Sign in to continue.');
    });

    app.addHook('onRoute', (route) => {
      if (requiresDeclaration(route.url) && !route.config?.access) {
        throw new Error(`Route ${route.method} ${route.url} declares no access rule`);
      }
    });

    app.addHook('onRequest', async (request) => {
      const url = request.routeOptions.url;
      if (url === undefined || !requiresDeclaration(url)) return;
      const access = request.routeOptions.config.access;
      if (!access) throw new HttpError(404, `Nothing at ${request.method} ${url}`);
      if ('public' in access) return;
      await app.authorize(access, request);
    });
  },
  { name: 'access-control' },
);
