import type { FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Access } from '../http/access.ts';
import { forbidden, nothingAt, unauthorized } from '../http/errors.ts';

/** Routes added by libraries (the docs UI) are public by nature; every other API route must say. */
const libraryRoutes = /^\/api\/docs(\/|$)/;
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function requiresDeclaration(url: string): boolean {
  return (url.startsWith('/api/') || url === '/api') && !libraryRoutes.test(url);
}

/** The organization a request acts on, and the caller's standing in it, once access is granted. */
export interface OrganizationAccess {
  organizationId: string;
  role: 'admin' | 'consultant' | 'leader';
  /** A leader limited to one team's subtree; null for everyone else. */
  teamScope: string | null;
}

declare module 'fastify' {
  interface FastifyRequest {
    organizationAccess: OrganizationAccess | null;
  }
}

const notFoundFor = (request: FastifyRequest) => nothingAt(request.method, request.url.split('?')[0] ?? '/');

/**
 * The one place that decides who may call what. A route under /api without an `access`
 * declaration fails at start-up, and one that slipped past would be refused at request time.
 * Someone outside an organization gets 404 for its resources, never 403, so ids cannot be probed.
 */
export const accessControlPlugin = fp(
  async (app) => {
    app.decorateRequest('organizationAccess', null);

    app.addHook('onRoute', (route) => {
      if (requiresDeclaration(route.url) && !route.config?.access) {
        throw new Error(`Route ${route.method} ${route.url} declares no access rule`);
      }
    });

    async function organizationOf(via: 'orgId' | 'waveId', request: FastifyRequest): Promise<string | null> {
      const value = (request.params as Record<string, string | undefined>)[via];
      if (!value || !uuid.test(value)) return null;
      if (via === 'orgId') {
        const row = await app.db
          .selectFrom('organization')
          .select('id')
          .where('id', '=', value)
          .executeTakeFirst();
        return row?.id ?? null;
      }
      return app.resolveWaveOrganization(value);
    }

    async function decide(access: Access, request: FastifyRequest): Promise<void> {
      if ('public' in access || 'respondent' in access) return;
      const viewer = request.viewer;
      if (!viewer) throw unauthorized('auth.sign-in-required');
      if ('signedIn' in access) return;
      if ('admin' in access) {
        if (!viewer.isAdmin) throw forbidden('auth.admin-only');
        return;
      }
      if ('consultantAccount' in access) {
        if (!viewer.isAdmin && !viewer.canCreateOrganizations) throw forbidden('auth.admin-or-delegate-only');
        return;
      }
      const { via, roles } = access.organization;
      const organizationId = await organizationOf(via, request);
      if (!organizationId) throw notFoundFor(request);
      if (viewer.isAdmin) {
        request.organizationAccess = { organizationId, role: 'admin', teamScope: null };
        return;
      }
      const membership = viewer.memberships.find((m) => m.organizationId === organizationId);
      if (!membership) throw notFoundFor(request);
      if (!roles.includes(membership.role)) {
        throw forbidden('auth.role-not-allowed', { role: membership.role });
      }
      request.organizationAccess = {
        organizationId,
        role: membership.role,
        teamScope: membership.role === 'leader' ? membership.teamKey : null,
      };
    }

    app.addHook('onRequest', async (request) => {
      const url = request.routeOptions.url;
      if (url === undefined || !requiresDeclaration(url)) return;
      const access = request.routeOptions.config.access;
      if (!access) throw notFoundFor(request);
      await decide(access, request);
    });
  },
  { name: 'access-control', dependencies: ['sessions'] },
);

declare module 'fastify' {
  interface FastifyInstance {
    /** The organization a wave belongs to, or null; installed by the assessments layer. */
    resolveWaveOrganization(waveId: string): Promise<string | null>;
  }
}
