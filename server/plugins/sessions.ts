import cookie from '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Kysely } from 'kysely';
import { hashToken, newToken } from '../accounts/tokens.ts';
import type { Config } from '../config.ts';
import {
  createSession,
  deleteSession,
  findSession,
  findUserById,
  type MembershipRecord,
  membershipsOf,
  touchSession,
} from '../db/accounts.ts';
import type { Database } from '../db/database.ts';
import { forbidden } from '../http/errors.ts';

export const SESSION_COOKIE = 'trust_os_session';

/** Who is calling: a signed-in consultant, leader or administrator, or nobody. */
export interface Viewer {
  userId: string;
  email: string;
  isAdmin: boolean;
  /** May create client organizations: an administrator's explicit grant. */
  canCreateOrganizations: boolean;
  /** Accepted memberships only; read on every request, so a removal takes effect at once. */
  memberships: MembershipRecord[];
}

declare module 'fastify' {
  interface FastifyRequest {
    viewer: Viewer | null;
  }
  interface FastifyInstance {
    /** `db` may be a transaction, so a session starts together with the change that allows it. */
    startSession(
      reply: FastifyReply,
      request: FastifyRequest,
      userId: string,
      db?: Kysely<Database>,
    ): Promise<void>;
    endSession(reply: FastifyReply, request: FastifyRequest): Promise<void>;
  }
}

const unsafeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Cookie sessions: a fresh 256-bit id at every sign-in, stored only as a hash, with an idle
 * and an absolute timeout. Also refuses cross-site state changes made with the cookie.
 */
export const sessionsPlugin = fp<{ config: Config }>(
  async (app, { config }) => {
    await app.register(cookie);
    const idleMs = config.sessionIdleMinutes * 60_000;
    const maxMs = config.sessionMaxDays * 24 * 3_600_000;

    const cookieOptions = (request: FastifyRequest) => ({
      path: '/',
      httpOnly: true,
      sameSite: 'lax' as const,
      secure: config.cookieSecure === 'auto' ? request.protocol === 'https' : config.cookieSecure === 'true',
    });

    app.decorateRequest('viewer', null);

    app.decorate(
      'startSession',
      async (reply: FastifyReply, request: FastifyRequest, userId: string, db: Kysely<Database> = app.db) => {
        const id = newToken();
        const now = new Date();
        await createSession(db, {
          idHash: hashToken(id),
          userId,
          now,
          expiresAt: new Date(now.getTime() + maxMs),
        });
        reply.setCookie(SESSION_COOKIE, id, { ...cookieOptions(request), maxAge: Math.floor(maxMs / 1000) });
      },
    );

    app.decorate('endSession', async (reply: FastifyReply, request: FastifyRequest) => {
      const id = request.cookies[SESSION_COOKIE];
      if (id) await deleteSession(app.db, hashToken(id));
      reply.clearCookie(SESSION_COOKIE, cookieOptions(request));
    });

    app.addHook('onRequest', async (request) => {
      const id = request.cookies[SESSION_COOKIE];
      if (!id || id.length > 100) return;
      // A manager who answers their team's survey in the browser they run the console in sends
      // their cookie with it; reading the session would stamp its row at the moment of the answer.
      // Only API routes that declare their access read it: not the survey's own routes, nor the
      // page, scripts and files every visitor loads (which declare none).
      const access = request.routeOptions.config?.access;
      if (!access || 'respondent' in access) return;
      // Nor what anyone may read, whoever asks: a health probe, a questionnaire, shared results, the
      // API's description. They answer alike without the session store, so a database outage
      // leaves /health alive and /ready saying so in its own shape, for a browser with a cookie too.
      if ('public' in access && (request.method === 'GET' || request.method === 'HEAD')) return;

      // Cross-site request forgery: a browser tells us where a request came from. A state
      // change carried by our cookie from another site is refused; scripts send no Origin.
      if (unsafeMethods.has(request.method)) {
        const site = request.headers['sec-fetch-site'];
        const origin = request.headers.origin;
        const crossSite =
          (typeof site === 'string' && site !== 'same-origin' && site !== 'none') ||
          (typeof origin === 'string' &&
            origin !== 'null' &&
            safeHost(origin) !== safeHost(`http://${request.host}`)) ||
          origin === 'null';
        if (crossSite) throw forbidden('request.cross-site');
      }

      const idHash = hashToken(id);
      const session = await findSession(app.db, idHash);
      const now = new Date();
      if (!session) return;
      if (session.expiresAt <= now || session.lastSeenAt.getTime() + idleMs <= now.getTime()) {
        await deleteSession(app.db, idHash);
        return;
      }
      const user = await findUserById(app.db, session.userId);
      if (!user) return;
      // Writing on every request would serialize reads on the session row; a minute's precision is enough.
      if (now.getTime() - session.lastSeenAt.getTime() > 60_000) await touchSession(app.db, idHash, now);
      request.viewer = {
        userId: user.id,
        email: user.email,
        isAdmin: user.isAdmin,
        canCreateOrganizations: user.canCreateOrganizations,
        memberships: await membershipsOf(app.db, user.id),
      };
    });
  },
  { name: 'sessions', dependencies: ['database'] },
);

function safeHost(origin: string): string | null {
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
}
